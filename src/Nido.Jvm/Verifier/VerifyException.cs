namespace Nido.Jvm.Verifier;

/// <summary>A method failed verification: HotSpot's headline (e.g. "Bad type on operand stack"), the pc, and the reason.</summary>
internal sealed class VerifyException(string headline, int pc, string reason) : Exception(headline)
{
    public int Pc { get; } = pc;
    public string Reason { get; } = reason;
}
