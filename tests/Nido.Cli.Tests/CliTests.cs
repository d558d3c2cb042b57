namespace Nido.Cli.Tests;

public class CliTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = NidoApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Version_names_version_commit_and_runtime()
    {
        var (code, output, err) = Run("--version");
        Assert.Equal(0, code);
        Assert.Empty(err);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^nido version \d+\.\d+\.\d+$", lines[0]);
        Assert.StartsWith("commit: ", lines[1]);
        Assert.StartsWith("runtime: .NET ", lines[2]);
    }

    [Fact]
    public void No_arguments_prints_help()
    {
        var (code, output, _) = Run();
        Assert.Equal(0, code);
        Assert.Contains("doctor", output);
        Assert.Contains("Usage:", output);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("doctor", "--nonsense")]
    public void Usage_errors_are_one_line_on_stderr_with_exit_2(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(NidoApp.ExitUsage, code);
        Assert.Empty(output);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("nido: ", line);
        Assert.Contains(args[^1], line);
    }
}
