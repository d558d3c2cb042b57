namespace Nido.Jvm.Jni;

// The calls behind NativeAbi: one function-pointer shape per return class and stack-word bucket. Under the System V
// AMD64 ABI a callee reads only the registers and stack words its own prototype names, so passing six integer
// registers, eight vector registers and a bucket of stack words (unused ones zero) calls any prototype of that
// return class. Written out because function-pointer types cannot be built at run time without emitting code.
internal static unsafe partial class NativeAbi
{
    private static long CallInteger(nint f, AbiArguments* a)
    {
        long* g = a->Gpr; double* x = a->Xmm; long* s = a->Stack;
        return a->StackCount switch
        {
            <= 0 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]),
            <= 4 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3]),
            <= 12 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]),
            _ => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15], s[16], s[17], s[18], s[19], s[20], s[21], s[22], s[23], s[24], s[25], s[26], s[27], s[28], s[29], s[30], s[31]),
        };
    }

    private static float CallSingle(nint f, AbiArguments* a)
    {
        long* g = a->Gpr; double* x = a->Xmm; long* s = a->Stack;
        return a->StackCount switch
        {
            <= 0 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, float>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]),
            <= 4 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, float>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3]),
            <= 12 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, float>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]),
            _ => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, float>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15], s[16], s[17], s[18], s[19], s[20], s[21], s[22], s[23], s[24], s[25], s[26], s[27], s[28], s[29], s[30], s[31]),
        };
    }

    private static double CallDouble(nint f, AbiArguments* a)
    {
        long* g = a->Gpr; double* x = a->Xmm; long* s = a->Stack;
        return a->StackCount switch
        {
            <= 0 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, double>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]),
            <= 4 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, double>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3]),
            <= 12 => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, double>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]),
            _ => ((delegate* unmanaged<long, long, long, long, long, long, double, double, double, double, double, double, double, double, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, long, double>)f)(
                g[0], g[1], g[2], g[3], g[4], g[5], x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15], s[16], s[17], s[18], s[19], s[20], s[21], s[22], s[23], s[24], s[25], s[26], s[27], s[28], s[29], s[30], s[31]),
        };
    }
}
