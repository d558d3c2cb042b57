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
        Assert.Equal("spec: 1.2.0", lines[2]);
        Assert.StartsWith("runtime: .NET ", lines[3]);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    public void The_runc_surface_answers_version_as_runc_does(string flag)
    {
        // nido-runc maps to `nido oci …`: runc's callers ask `runc --version` (podman info, containerd's shim).
        var (code, output, err) = Run("oci", flag);
        Assert.True(code == 0, err);
        Assert.StartsWith("nido version ", output);
        Assert.Contains("\nspec: ", output);
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
