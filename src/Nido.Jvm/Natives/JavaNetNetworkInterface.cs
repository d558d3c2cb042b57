using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>
/// java.net.NetworkInterface: the interfaces with IPv4 addresses (what libnet lists when IPv6 is unavailable), in
/// its order (last index first), each with its addresses, prefix lengths and broadcast addresses; flags, MTU and
/// hardware address from /sys/class/net.
/// </summary>
internal static class JavaNetNetworkInterface
{
    private const string C = "java/net/NetworkInterface";
    private const int IffUp = 0x1, IffBroadcast = 0x2, IffLoopback = 0x8, IffPointToPoint = 0x10, IffMulticast = 0x1000;

    private sealed record Interface(string Name, int Index, (int Address, int Prefix)[] Addresses);

    public static void Register(NativeRegistry r)
    {
        r.Add(C, "init", "()V", static (t, a) => default);
        r.Add(C, "getAll", "()[Ljava/net/NetworkInterface;", static (t, a) =>
        {
            var all = Enumerate();
            var array = (JArray<JObject?>)t.Vm.NewArray(t.Vm.BootClass(C), all.Count);
            for (var i = 0; i < all.Count; i++) array.Data[i] = ToJava(t, all[i]);
            return Slot.OfRef(array);
        });
        r.Add(C, "getByName0", "(Ljava/lang/String;)Ljava/net/NetworkInterface;", static (t, a) =>
        {
            var name = t.Vm.StringOf(a[0].R);
            return Slot.OfRef(Enumerate().Find(i => i.Name == name) is { } found ? ToJava(t, found) : null);
        });
        r.Add(C, "getByIndex0", "(I)Ljava/net/NetworkInterface;", static (t, a) =>
        {
            var index = a[0].I;
            return Slot.OfRef(Enumerate().Find(i => i.Index == index) is { } found ? ToJava(t, found) : null);
        });
        r.Add(C, "getByInetAddress0", "(Ljava/net/InetAddress;)Ljava/net/NetworkInterface;", static (t, a) =>
        {
            if (!TryAddress(t, a[0].R, out var address)) return default;
            return Slot.OfRef(Enumerate().Find(i => i.Addresses.Any(x => x.Address == address)) is { } found ? ToJava(t, found) : null);
        });
        r.Add(C, "boundInetAddress0", "(Ljava/net/InetAddress;)Z", static (t, a) =>
            Slot.OfBool(TryAddress(t, a[0].R, out var address) && Enumerate().Any(i => i.Addresses.Any(x => x.Address == address))));
        r.Add(C, "isUp0", "(Ljava/lang/String;I)Z", static (t, a) => Slot.OfBool((Flags(t, a[0]) & IffUp) != 0));
        r.Add(C, "isLoopback0", "(Ljava/lang/String;I)Z", static (t, a) => Slot.OfBool((Flags(t, a[0]) & IffLoopback) != 0));
        r.Add(C, "supportsMulticast0", "(Ljava/lang/String;I)Z", static (t, a) => Slot.OfBool((Flags(t, a[0]) & IffMulticast) != 0));
        r.Add(C, "isP2P0", "(Ljava/lang/String;I)Z", static (t, a) => Slot.OfBool((Flags(t, a[0]) & IffPointToPoint) != 0));
        r.Add(C, "getMTU0", "(Ljava/lang/String;I)I", static (t, a) =>
            Slot.OfInt(int.TryParse(Read(t.Vm.StringOf(a[0].R)!, "mtu"), out var mtu) ? mtu : -1));
        // A hardware address of all zeros (loopback) is none, as libnet says.
        r.Add(C, "getMacAddr0", "([BLjava/lang/String;I)[B", static (t, a) =>
        {
            var text = Read(t.Vm.StringOf(a[1].R)!, "address");
            if (text is null) return default;
            var bytes = text.Split(':').Select(h => byte.Parse(h, NumberStyles.HexNumber)).ToArray();
            return Slot.OfRef(bytes.All(b => b == 0) || bytes.Length == 0 ? null : t.Vm.NewByteArray(bytes));
        });
    }

    private static List<Interface> Enumerate()
    {
        var list = new List<Interface>();
        foreach (var ni in NetworkInterface.GetAllNetworkInterfaces())
        {
            var v4 = ni.GetIPProperties().UnicastAddresses
                .Where(u => u.Address.AddressFamily == AddressFamily.InterNetwork)
                .Select(u => (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(u.Address.GetAddressBytes()), u.PrefixLength))
                .ToArray();
            if (v4.Length == 0) continue;
            var index = int.TryParse(Read(ni.Name, "ifindex"), out var i) ? i : 0;
            list.Add(new Interface(ni.Name, index, v4));
        }
        list.Sort((x, y) => y.Index.CompareTo(x.Index));
        return list;
    }

    private static JObject ToJava(JThread t, Interface ni)
    {
        var vm = t.Vm;
        var c = vm.BootClass(C);
        var addressClass = vm.BootClass("java/net/InetAddress");
        var addrs = (JArray<JObject?>)vm.NewArray(addressClass, ni.Addresses.Length);
        var bindingClass = vm.BootClass("java/net/InterfaceAddress");
        vm.EnsureInitialized(t, bindingClass);
        var bindings = (JArray<JObject?>)vm.NewArray(bindingClass, ni.Addresses.Length);
        var flags = FlagsOf(ni.Name);
        for (var k = 0; k < ni.Addresses.Length; k++)
        {
            var (address, prefix) = ni.Addresses[k];
            addrs.Data[k] = InetSupport.NewInet4Address(t, null, address);
            var binding = vm.NewObject(bindingClass);
            t.Invoke(bindingClass.DeclaredMethod("<init>", "()V")!, Slot.OfRef(binding));
            vm.SetField(binding, bindingClass, "address", Slot.OfRef(addrs.Data[k]));
            vm.SetField(binding, bindingClass, "maskLength", Slot.OfInt(prefix));
            if ((flags & IffBroadcast) != 0 && (flags & (IffLoopback | IffPointToPoint)) == 0)
            {
                var mask = prefix == 0 ? 0 : -1 << (32 - prefix);
                vm.SetField(binding, bindingClass, "broadcast", Slot.OfRef(InetSupport.NewInet4Address(t, null, address | ~mask)));
            }
            bindings.Data[k] = binding;
        }
        vm.EnsureInitialized(t, c);
        var o = vm.NewObject(c);
        t.Invoke(c.DeclaredMethod("<init>", "(Ljava/lang/String;I[Ljava/net/InetAddress;)V")!,
            Slot.OfRef(o), Slot.OfRef(vm.NewString(ni.Name)), Slot.OfInt(ni.Index), Slot.OfRef(addrs));
        vm.SetField(o, c, "displayName", Slot.OfRef(vm.NewString(ni.Name)));
        vm.SetField(o, c, "bindings", Slot.OfRef(bindings));
        vm.SetField(o, c, "childs", Slot.OfRef(vm.NewArray(c, 0)));
        return o;
    }

    private static bool TryAddress(JThread t, JObject? inetAddress, out int address)
    {
        address = 0;
        return inetAddress is not null && InetSupport.TryAddress(t.Vm, inetAddress, out address);
    }

    private static int Flags(JThread t, Slot name)
    {
        var n = t.Vm.StringOf(name.R) ?? throw t.Vm.Throw("java/lang/NullPointerException", null);
        return Read(n, "flags") is null ? throw t.Vm.Throw("java/net/SocketException", "No such device (getFlags() failed)") : FlagsOf(n);
    }

    private static int FlagsOf(string name) =>
        Read(name, "flags") is { } f && int.TryParse(f.StartsWith("0x") ? f[2..] : f, NumberStyles.HexNumber, null, out var v) ? v : 0;

    /// <summary>/sys/class/net/NAME/FILE, trimmed; null when the interface or file is not there.</summary>
    private static string? Read(string name, string file)
    {
        if (name.Contains('/') || name is "." or "..") return null;
        try { return File.ReadAllText($"/sys/class/net/{name}/{file}").Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
