namespace Nido.Jvm.Verifier;

/// <summary>
/// A method failed verification: HotSpot's headline (e.g. "Bad type on operand stack"), the bci the Location line
/// names, the reason, and the frames the details show (the current one and, for a mismatch, the stack map's).
/// </summary>
internal sealed class VerifyException(string headline, int pc, string reason) : Exception(headline)
{
    public int Pc { get; } = pc;
    public string Reason { get; } = reason;
    public Frame? Current { get; init; }
    public int CurrentBci { get; init; }
    public Frame? StackMap { get; init; }
    public int StackMapBci { get; init; }
}
