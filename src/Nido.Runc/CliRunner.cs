using System.CommandLine;
using Nido.Linux;

namespace Nido.Runc;

/// <summary>
/// Nido's error contract for a command line, shared by `nido` and `nido-runc`: a parse error is one line naming the
/// unknown word (exit 2); a failure the user can act on is its message on one line (exit 1); anything else is an
/// internal error with its type (NIDO_DEBUG=1 adds the stack). Both say "nido:", as runc's messages say "runc:".
/// </summary>
public static class CliRunner
{
    public const int ExitFailure = 1, ExitUsage = 2;

    public static int Invoke(Command root, string[] args, TextWriter stdout, TextWriter stderr, string program, string help, Func<Exception, bool> isUserError)
    {
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" is the least specific error: name the unknown word if there is one.
            var error = parse.Errors[0];
            if (parse.UnmatchedTokens.Count > 0)
                foreach (var e in parse.Errors)
                    if (e.Message.Contains(parse.UnmatchedTokens[0])) { error = e; break; }
            stderr.WriteLine($"{program}: {error.Message} (see '{help}')");
            return ExitUsage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (isUserError(e) || e is ErrnoException or IOException or UnauthorizedAccessException or ArgumentException
                                    or Containers.ContainerException or Oci.OciException)
        {
            stderr.WriteLine($"{program}: {e.Message}");
            if (Environment.GetEnvironmentVariable("NIDO_DEBUG") == "1") stderr.WriteLine(e);
            return ExitFailure;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"{program}: internal error: {e.GetType().Name}: {e.Message} (set NIDO_DEBUG=1 for the stack)");
            if (Environment.GetEnvironmentVariable("NIDO_DEBUG") == "1") stderr.WriteLine(e);
            return ExitFailure;
        }
    }
}
