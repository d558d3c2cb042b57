using Nido.Jvm.ClassFile;
using Nido.Jvm.Runtime;

namespace Nido.Jvm.Tests.Runtime;

/// <summary>Which locals are GC roots at a pc: references stored on every path, as HotSpot's interpreter oop maps.</summary>
public sealed class FrameReferenceMapsTests
{
    private static ulong[]?[] Analyse(byte[] code, int maxLocals, string descriptor = "()V", bool isStatic = true, ExceptionHandler[]? handlers = null) =>
        FrameReferenceMaps.Analyse(new CodeAttribute(4, maxLocals, code, handlers ?? [], [], []), isStatic, descriptor);

    [Fact]
    public void Arguments_are_references_by_their_descriptor()
    {
        var states = Analyse([0xb1], 5, "(ILjava/lang/String;J[I)V", isStatic: false); // return
        Assert.Equal(0b100101UL, states[0]![0] & 0b111111); // this, String, long (2 slots), int[]
    }

    [Fact]
    public void A_local_stored_on_only_one_path_is_not_a_reference_where_the_paths_meet()
    {
        byte[] code =
        [
            0x1a,             // 0: iload_0
            0x99, 0x00, 0x06, // 1: ifeq 7
            0x01,             // 4: aconst_null
            0x4c,             // 5: astore_1
            0x00,             // 6: nop
            0x00,             // 7: nop
            0x01,             // 8: aconst_null
            0x4d,             // 9: astore_2
            0xb1,             // 10: return
        ];
        var states = Analyse(code, 3, "(I)V");
        Assert.True(FrameReferenceMaps.IsSet(states[6]!, 1));
        Assert.False(FrameReferenceMaps.IsSet(states[7]!, 1));
        Assert.True(FrameReferenceMaps.IsSet(states[10]!, 2));
    }

    [Fact]
    public void An_int_stored_over_a_reference_ends_it_and_a_loop_variable_ends_with_its_loop()
    {
        byte[] code =
        [
            0x03,             // 0: iconst_0
            0x3c,             // 1: istore_1          i = 0
            0x1b,             // 2: iload_1
            0x05,             // 3: iconst_2
            0xa2, 0x00, 0x0b, // 4: if_icmpge 15
            0x01,             // 7: aconst_null
            0x4d,             // 8: astore_2          Object p (loop scope)
            0x84, 0x01, 0x01, // 9: iinc 1 1
            0xa7, 0xff, 0xf6, // 12: goto 2
            0x03,             // 15: iconst_0
            0x3d,             // 16: istore_2         the slot reused for an int
            0xb1,             // 17: return
        ];
        var states = Analyse(code, 3);
        Assert.True(FrameReferenceMaps.IsSet(states[9]!, 2));
        Assert.False(FrameReferenceMaps.IsSet(states[15]!, 2)); // the loop head met the path without p
        Assert.False(FrameReferenceMaps.IsSet(states[17]!, 2));
    }

    [Fact]
    public void A_handler_sees_only_what_every_instruction_it_covers_had()
    {
        byte[] code =
        [
            0x01,             // 0: aconst_null
            0x4b,             // 1: astore_0
            0x01,             // 2: aconst_null
            0x4c,             // 3: astore_1
            0xb1,             // 4: return
            0x4d,             // 5: astore_2  (handler: the exception)
            0xb1,             // 6: return
        ];
        var states = Analyse(code, 3, handlers: [new ExceptionHandler(0, 4, 5, 0)]);
        Assert.False(FrameReferenceMaps.IsSet(states[5]!, 0)); // pc 0 and 1 ran without local 0
        Assert.False(FrameReferenceMaps.IsSet(states[5]!, 1));
        Assert.True(FrameReferenceMaps.IsSet(states[6]!, 2));
    }

    [Fact]
    public void Jsr_and_truncated_code_are_not_analysed()
    {
        Assert.Empty(Analyse([0xa8, 0x00, 0x03, 0xb1], 1));
        Assert.Empty(Analyse([0xa7, 0x00], 1));
        Assert.Empty(Analyse([0xa7, 0x7f, 0x00], 1));
    }

    [Fact]
    public void Random_code_never_throws()
    {
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var code = new byte[random.Next(1, 64)];
            random.NextBytes(code);
            Analyse(code, random.Next(0, 130), isStatic: random.Next(2) == 0);
        }
    }
}
