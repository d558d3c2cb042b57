namespace Nido.Jvm.ClassFile;

/// <summary>One exception-table row: [Start, End) protected, Handler entry, CatchType a CONSTANT_Class or 0 (any).</summary>
public readonly record struct ExceptionHandler(int Start, int End, int Handler, int CatchType);

/// <summary>A method's Code attribute (JVMS 4.7.3) with the line-number table merged and sorted by pc.</summary>
/// <summary>One LocalVariableTable row: local <paramref name="Slot"/> is named <paramref name="Name"/> for pcs [Start, Start + Length).</summary>
public readonly record struct LocalVariable(int Start, int Length, string Name, int Slot);

public sealed class CodeAttribute(int maxStack, int maxLocals, byte[] code, ExceptionHandler[] handlers, int[] linePcs, int[] lines,
    LocalVariable[]? locals = null)
{
    public int MaxStack { get; } = maxStack;
    public int MaxLocals { get; } = maxLocals;
    public byte[] Code { get; } = code;
    public ExceptionHandler[] Handlers { get; } = handlers;

    /// <summary>The LocalVariableTable (classes compiled with -g, such as the JDK's own); empty without one.</summary>
    public LocalVariable[] LocalVariables { get; } = locals ?? [];

    /// <summary>The StackMapTable attribute's body (JVMS 4.7.4), undecoded; null without one.</summary>
    public byte[]? StackMapTable { get; init; }

    /// <summary>The source line of the instruction at <paramref name="pc"/>, or -1 when the class has no line table.</summary>
    public int LineOf(int pc)
    {
        var line = -1;
        for (var i = 0; i < linePcs.Length && linePcs[i] <= pc; i++) line = lines[i];
        return line;
    }
}
