#!/usr/bin/env python3
"""Start-to-API-ready and VMM memory for `nido-vmm` and `nido vm serve` (run by bench/vmm-api.sh).

For each run: exec the server, poll until GET / answers over the socket, and record the wall time and the
CPU time all of the process's threads had used by then (/proc/PID/task/*/schedstat, nanoseconds). Then
boot the ticker guest (128 MiB) through the API and read VmRSS and RssAnon: the guest touches a few pages
only, so RssAnon is the VMM's private footprint; the rest of VmRSS is the binary's file pages, shared by
every instance on the host. `nido vm serve` execs nido-vmm (same pid), so it adds nido's own start.
Runs the two alternately; prints medians; targets from the issue: <= 8 CPU ms, <= 10 MiB.
"""
import glob, os, socket, statistics, subprocess, sys, time

nido, guest, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
commands = {"nido-vmm": [os.path.join(os.path.dirname(nido), "nido-vmm")], "nido vm serve": [nido, "vm", "serve"]}

def request(path, method="GET", body=None):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path_sock)
    data = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
    if body is not None:
        data += f"Content-Length: {len(body)}\r\n\r\n{body}"
    else:
        data += "\r\n"
    s.sendall(data.encode())
    reply = b""
    while chunk := s.recv(4096):
        reply += chunk
    s.close()
    return int(reply.split(b" ")[1])

def cpu_ns(pid):
    total = 0
    for f in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            total += int(open(f).read().split()[0])
        except (OSError, ValueError):
            pass
    return total

def rss_kib(pid, field="VmRSS:"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field):
            return int(line.split()[1])
    return 0

results = {name: ([], [], [], [], []) for name in commands}
for i in range(runs):
  for name, command in commands.items():
    walls, cpus, idle, booted, private = results[name]
    path_sock = f"/tmp/nido-bench-api-{os.getpid()}.sock"
    if os.path.exists(path_sock):
        os.unlink(path_sock)
    start = time.monotonic_ns()
    p = subprocess.Popen(command + ["--api-sock", path_sock], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if request("/") == 200:
                break
        except OSError:
            pass
    walls.append((time.monotonic_ns() - start) / 1e6)
    cpus.append(cpu_ns(p.pid) / 1e6)
    idle.append(rss_kib(p.pid) / 1024)
    request("/machine-config", "PUT", '{"vcpu_count": 1, "mem_size_mib": 128}')
    request("/boot-source", "PUT", '{"kernel_image_path": "%s", "boot_args": "period=1000000000"}' % guest)
    request("/actions", "PUT", '{"action_type": "InstanceStart"}')
    time.sleep(0.3)
    booted.append(rss_kib(p.pid) / 1024)
    private.append(rss_kib(p.pid, "RssAnon:") / 1024)
    p.terminate()
    p.wait()

m = statistics.median
print(f"{'measure (median of %d)' % runs:42} {'nido-vmm':>10} {'vm serve':>10}   target")
rows = [("start to API ready, wall ms", 0, "%.2f", ""), ("start to API ready, CPU ms (all threads)", 1, "%.2f", "<= 8"),
        ("RSS before boot, MiB", 2, "%.1f", ""), ("RSS with a 128 MiB guest running, MiB", 3, "%.1f", "<= 10"),
        ("  of which private (RssAnon), MiB", 4, "%.1f", "")]
for label, k, fmt, target in rows:
    print(f"{label:42} {fmt % m(results['nido-vmm'][k]):>10} {fmt % m(results['nido vm serve'][k]):>10}   {target}")
