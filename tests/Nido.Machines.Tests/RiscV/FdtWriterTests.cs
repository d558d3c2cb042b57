using System.Buffers.Binary;
using System.Text;
using Nido.Machines.RiscV.Fdt;

namespace Nido.Machines.Tests.RiscV;

/// <summary>The blob's layout, read back with the devicetree specification's rules (header, blocks, tokens, strings).</summary>
public sealed class FdtWriterTests
{
    private const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));

    private static byte[] Sample(uint bootCpu = 0)
    {
        var w = new FdtWriter();
        w.BeginNode("");
        w.Cells("#address-cells", 2);
        w.String("model", "odd-length");
        w.BeginNode("a@1");
        w.Cells("reg", 1);
        w.Empty("flag");
        w.Strings("compatible", "x,y", "z");
        w.EndNode();
        w.BeginNode("bb@22");
        w.Cells("reg", 2);
        w.U64("big", 0x1_2345_6789);
        w.Reg64("range", 0x8000_0000, 0x1000);
        w.EndNode();
        w.EndNode();
        return w.Finish(bootCpu);
    }

    [Fact]
    public void HeaderDescribesTheBlocks()
    {
        var b = Sample(bootCpu: 3);
        Assert.Equal(0xd00dfeedu, U32(b, 0));
        Assert.Equal((uint)b.Length, U32(b, 4));
        var (structOff, stringsOff, rsvOff) = (U32(b, 8), U32(b, 12), U32(b, 16));
        Assert.Equal(17u, U32(b, 20));
        Assert.Equal(16u, U32(b, 24));
        Assert.Equal(3u, U32(b, 28));
        var (stringsSize, structSize) = (U32(b, 32), U32(b, 36));
        Assert.True(rsvOff >= 40 && rsvOff % 8 == 0, "the reservation map is 8-byte aligned after the header");
        Assert.True(structOff % 4 == 0 && structOff >= rsvOff + 16);
        Assert.True(structSize % 4 == 0);
        Assert.True(stringsOff >= structOff + structSize);
        Assert.True(stringsOff + stringsSize <= (uint)b.Length);
        Assert.True(b.AsSpan((int)rsvOff, 16).IndexOfAnyExcept((byte)0) < 0, "the reservation map ends with a zero entry");
        Assert.Equal(End, U32(b, (int)(structOff + structSize - 4)));
        Assert.Equal(0, b.Length % 8);
    }

    [Fact]
    public void StructureRoundTrips()
    {
        var tree = Read(Sample());
        Assert.Equal(
        [
            "begin ", "prop #address-cells=00000002", "prop model=6f64642d6c656e67746800",
            "begin a@1", "prop reg=00000001", "prop flag=", "prop compatible=782c79007a00", "end",
            "begin bb@22", "prop reg=00000002", "prop big=0000000123456789", "prop range=00000000800000000000000000001000", "end",
            "end",
        ], tree);
    }

    [Fact]
    public void PropertyNamesAreStoredOnce()
    {
        var b = Sample();
        var strings = Encoding.ASCII.GetString(b, (int)U32(b, 12), (int)U32(b, 32)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(strings.Distinct(), strings);
        Assert.Equal(["#address-cells", "model", "reg", "flag", "compatible", "big", "range"], strings);
    }

    [Fact]
    public void MisuseThrows()
    {
        var w = new FdtWriter();
        Assert.Throws<InvalidOperationException>(w.EndNode);
        w.BeginNode("");
        Assert.Throws<InvalidOperationException>(() => w.Finish());
    }

    [Fact]
    public void PhandlesAreDistinctAndNonZero()
    {
        var w = new FdtWriter();
        var handles = Enumerable.Range(0, 100).Select(_ => w.AllocatePhandle()).ToArray();
        Assert.DoesNotContain(0u, handles);
        Assert.DoesNotContain(uint.MaxValue, handles);
        Assert.Equal(handles.Length, handles.Distinct().Count());
    }

    [Fact]
    public void VirtTreeIsWellFormed()
    {
        var blob = VirtDeviceTree.Build(new(2, 128UL << 20, 3, 10_000_000, 96, "rv64imafdc", ["i"], "riscv,sv39", "quiet", (0x8800_0000, 0x8810_0000)));
        var tree = Read(blob);
        Assert.Equal("begin ", tree[0]);
        Assert.Equal(tree.Count(t => t.StartsWith("begin", StringComparison.Ordinal)), tree.Count(t => t == "end"));
    }

    /// <summary>
    /// Walks the structure block token by token, checking 4-byte alignment and that every name offset points at a
    /// NUL-terminated string in the strings block; returns the tokens as text.
    /// </summary>
    private static List<string> Read(byte[] b)
    {
        var (structOff, stringsOff, stringsSize, structSize) = ((int)U32(b, 8), (int)U32(b, 12), (int)U32(b, 32), (int)U32(b, 36));
        var result = new List<string>();
        var depth = 0;
        for (var at = structOff; ;)
        {
            Assert.True(at % 4 == 0 && at < structOff + structSize, $"token at {at} is misaligned or outside the block");
            var token = U32(b, at);
            at += 4;
            switch (token)
            {
                case BeginNode:
                    var nul = Array.IndexOf(b, (byte)0, at);
                    result.Add("begin " + Encoding.ASCII.GetString(b, at, nul - at));
                    at = (nul + 1 + 3) & ~3;
                    depth++;
                    break;
                case EndNode:
                    Assert.True(--depth >= 0, "more ends than begins");
                    result.Add("end");
                    break;
                case Prop:
                    var (len, nameOff) = ((int)U32(b, at), (int)U32(b, at + 4));
                    Assert.InRange(nameOff, 0, stringsSize - 1);
                    var nameEnd = Array.IndexOf(b, (byte)0, stringsOff + nameOff);
                    Assert.InRange(nameEnd, stringsOff, stringsOff + stringsSize - 1);
                    result.Add($"prop {Encoding.ASCII.GetString(b, stringsOff + nameOff, nameEnd - stringsOff - nameOff)}={Convert.ToHexString(b, at + 8, len).ToLowerInvariant()}");
                    at = (at + 8 + len + 3) & ~3;
                    break;
                case Nop:
                    break;
                case End:
                    Assert.Equal(0, depth);
                    Assert.Equal(structOff + structSize, at);
                    return result;
                default:
                    throw new Xunit.Sdk.XunitException($"unknown token {token} at {at - 4}");
            }
        }
    }
}
