import java.io.*;
import java.net.*;
import java.nio.ByteBuffer;
import java.nio.channels.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.sun.net.httpserver.HttpServer;

// Networking on the loopback interface: java.net sockets (blocking, timeouts, a close waking a blocked accept,
// options, half close), errors (refused, address in use, unknown host), UDP, an NIO selector loop, and HTTP with
// the JDK's own server and both of its clients.
public class Main {
    static InetAddress lo = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        // accept blocked, closed from another thread
        ServerSocket ss = new ServerSocket(0, 50, lo);
        Thread closer = new Thread(() -> { try { Thread.sleep(200); ss.close(); } catch (Exception e) { } });
        closer.start();
        try { ss.accept(); } catch (SocketException e) { System.out.println("accept: " + e); }
        closer.join();
        System.out.println("closed " + ss.isClosed());

        // read timeout, half close, available
        try (ServerSocket s2 = new ServerSocket(0, 50, lo);
             Socket c = new Socket(lo, s2.getLocalPort());
             Socket a = s2.accept()) {
            a.setSoTimeout(100);
            try { a.getInputStream().read(); } catch (SocketTimeoutException e) { System.out.println("timeout: " + e.getMessage()); }
            c.getOutputStream().write("abc".getBytes());
            Thread.sleep(50);
            System.out.println("available " + a.getInputStream().available());
            c.shutdownOutput();
            byte[] b = a.getInputStream().readAllBytes();
            System.out.println("read " + new String(b) + " then EOF");
            System.out.println("tcpNoDelay " + c.getTcpNoDelay() + " keepAlive " + c.getKeepAlive() + " linger " + c.getSoLinger());
            c.setTcpNoDelay(true); c.setSoLinger(true, 5);
            System.out.println("tcpNoDelay " + c.getTcpNoDelay() + " linger " + c.getSoLinger());
            System.out.println("connected " + c.isConnected() + " remote matches " + (c.getPort() == s2.getLocalPort()) + " local addr " + c.getLocalAddress());
            System.out.println("inetaddress " + a.getInetAddress() + " reuse " + s2.getReuseAddress());
        }

        // refused
        int freePort; try (ServerSocket tmp = new ServerSocket(0, 50, lo)) { freePort = tmp.getLocalPort(); }
        try { new Socket(lo, freePort); } catch (ConnectException e) { System.out.println("connect: " + e.getMessage()); }
        // bind in use
        try (ServerSocket s3 = new ServerSocket(0, 50, lo)) {
            try (ServerSocket s4 = new ServerSocket(s3.getLocalPort(), 50, lo)) { } catch (BindException e) { System.out.println("bind: " + e.getMessage()); }
        }
        // unknown host
        try { InetAddress.getByName("no-such-host.invalid"); } catch (UnknownHostException e) { System.out.println("unknown host " + e.getMessage().startsWith("no-such-host.invalid")); }
        System.out.println(InetAddress.getByName("localhost"));
        System.out.println(Arrays.toString(InetAddress.getAllByName("127.0.0.1")));

        // datagram
        try (DatagramSocket server = new DatagramSocket(0, lo); DatagramSocket client = new DatagramSocket()) {
            byte[] msg = "ping".getBytes();
            client.send(new DatagramPacket(msg, msg.length, lo, server.getLocalPort()));
            DatagramPacket p = new DatagramPacket(new byte[100], 100);
            server.receive(p);
            System.out.println("udp " + new String(p.getData(), 0, p.getLength()) + " from loopback " + p.getAddress().isLoopbackAddress());
            server.send(new DatagramPacket("pong".getBytes(), 4, p.getSocketAddress()));
            DatagramPacket q = new DatagramPacket(new byte[100], 100);
            client.receive(q);
            System.out.println("udp " + new String(q.getData(), 0, q.getLength()));
            server.setSoTimeout(50);
            try { server.receive(p); } catch (SocketTimeoutException e) { System.out.println("udp timeout: " + e.getMessage()); }
        }

        // NIO selector echo
        try (Selector sel = Selector.open(); ServerSocketChannel ssc = ServerSocketChannel.open()) {
            ssc.bind(new InetSocketAddress(lo, 0));
            ssc.configureBlocking(false);
            ssc.register(sel, SelectionKey.OP_ACCEPT);
            int port = ((InetSocketAddress) ssc.getLocalAddress()).getPort();
            Thread client = new Thread(() -> {
                try (SocketChannel sc = SocketChannel.open(new InetSocketAddress(lo, port))) {
                    sc.write(ByteBuffer.wrap("hello nio\n".getBytes()));
                    ByteBuffer in = ByteBuffer.allocate(100);
                    while (in.position() < 10) sc.read(in);
                    System.out.println("client got " + new String(in.array(), 0, in.position()).trim());
                } catch (IOException e) { e.printStackTrace(); }
            });
            client.start();
            boolean done = false;
            while (!done) {
                sel.select(1000);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey k = it.next(); it.remove();
                    if (k.isAcceptable()) {
                        SocketChannel sc = ssc.accept(); sc.configureBlocking(false); sc.register(sel, SelectionKey.OP_READ, ByteBuffer.allocate(100));
                    } else if (k.isReadable()) {
                        SocketChannel sc = (SocketChannel) k.channel(); ByteBuffer buf = (ByteBuffer) k.attachment();
                        int n = sc.read(buf);
                        if (n < 0) { sc.close(); done = true; continue; }
                        if (buf.position() >= 10) { buf.flip(); sc.write(buf); buf.clear(); }
                    }
                }
            }
            client.join();
        }

        // HTTP server and client
        HttpServer http = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        http.createContext("/hi", ex -> { byte[] body = ("hello " + ex.getRequestMethod()).getBytes(); ex.sendResponseHeaders(200, body.length); ex.getResponseBody().write(body); ex.close(); });
        http.start();
        try {
            URL url = new URL("http://127.0.0.1:" + http.getAddress().getPort() + "/hi");
            HttpURLConnection conn = (HttpURLConnection) url.openConnection();
            System.out.println("http " + conn.getResponseCode() + " " + new String(conn.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            HttpURLConnection c404 = (HttpURLConnection) new URL("http://127.0.0.1:" + http.getAddress().getPort() + "/nothere").openConnection();
            System.out.println("http " + c404.getResponseCode());
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hi")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("client " + r.statusCode() + " " + r.body());
            }
            System.out.println("async " + client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hi")).build(), HttpResponse.BodyHandlers.ofString()).get().body());
        } finally { http.stop(0); }
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        System.out.println(lo.getName() + " up " + lo.isUp() + " loopback " + lo.isLoopback() + " mac " + lo.getHardwareAddress());
        System.out.println("done");
    }
}
