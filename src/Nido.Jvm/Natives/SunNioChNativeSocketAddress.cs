using Nido.Jvm.Runtime;

namespace Nido.Jvm.Natives;

/// <summary>sun.nio.ch.NativeSocketAddress: the layout of struct sockaddr_in and sockaddr_in6 on Linux, which Java code fills itself.</summary>
internal static class SunNioChNativeSocketAddress
{
    private const string C = "sun/nio/ch/NativeSocketAddress";

    /// <summary>The room Java allocates for one address: the larger of the two structures.</summary>
    public const int Size = 28;

    public static void Register(NativeRegistry r)
    {
        // An array, not a span of tuples: the host's precompiled image has no code for that span's inline-array helper.
        foreach (var (name, value) in new (string, int)[] { ("AFINET", 2), ("AFINET6", 10), ("sizeofSockAddr4", 16),
                     ("sizeofSockAddr6", Size), ("sizeofFamily", 2), ("offsetFamily", 0), ("offsetSin4Port", 2),
                     ("offsetSin4Addr", 4), ("offsetSin6Port", 2), ("offsetSin6Addr", 8), ("offsetSin6ScopeId", 24),
                     ("offsetSin6FlowInfo", 4) })
        {
            var v = value;
            r.Add(C, name, "()I", (t, a) => Slot.OfInt(v));
        }
    }
}
