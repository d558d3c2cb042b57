namespace Nido.Jvm;

/// <summary>lcmp, fcmpl/fcmpg, dcmpl/dcmpg (JVMS 6.5): -1, 0 or 1; a NaN operand gives -1 for the l forms and 1 for the g forms.</summary>
public static class Comparisons
{
    public static int LCmp(long a, long b) => a > b ? 1 : a == b ? 0 : -1;
    public static int FCmpL(float a, float b) => a > b ? 1 : a == b ? 0 : -1;
    public static int FCmpG(float a, float b) => a < b ? -1 : a == b ? 0 : 1;
    public static int DCmpL(double a, double b) => a > b ? 1 : a == b ? 0 : -1;
    public static int DCmpG(double a, double b) => a < b ? -1 : a == b ? 0 : 1;
}
