namespace Nido.Engine;

/// <summary>A front-end failure the user can act on (unknown container, name in use, bad flag value …).</summary>
public class EngineException(string message, int exitCode = 125) : Exception(message)
{
    /// <summary>Docker's convention: 125 for the engine's own errors, 126/127 when the command cannot be run.</summary>
    public int ExitCode { get; } = exitCode;
}
