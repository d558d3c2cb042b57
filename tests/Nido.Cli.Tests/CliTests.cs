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

    [Theory]
    [InlineData("run", "--bundle", "b", "id")]
    [InlineData("--root", "/r", "--log", "run", "--log-format", "json", "delete", "id")]
    [InlineData("--root=/r", "--debug", "run", "id")]
    public void A_runtime_call_builds_only_the_verb_it_names(params string[] words)
    {
        Assert.Equal(words.Contains("delete") ? "delete" : "run", Nido.Runc.Verbs.OciCommand.NamedVerb(words));
        var oci = Nido.Runc.Verbs.OciCommand.Create(words);
        Assert.Single(oci.Subcommands);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--root", "run")]
    [InlineData("bogus", "run")]
    [InlineData("--", "run")]
    public void Without_a_verb_every_verb_is_built_for_help_and_errors(params string[] words)
    {
        Assert.Null(Nido.Runc.Verbs.OciCommand.NamedVerb(words));
        Assert.Equal(14, Nido.Runc.Verbs.OciCommand.Create(words).Subcommands.Count);
    }

    [Fact]
    public void The_runtime_binary_reports_unknown_verbs_and_options_of_the_verb_it_built()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.Equal(NidoApp.ExitUsage, Nido.Runc.RuncApp.Run(["bogus"], stdout, stderr));
        Assert.Contains("'bogus'", stderr.ToString());
        stderr = new StringWriter();
        Assert.Equal(NidoApp.ExitUsage, Nido.Runc.RuncApp.Run(["--root", "/nonexistent", "state", "x", "--nonsense"], stdout, stderr));
        Assert.Contains("--nonsense", stderr.ToString());
        stdout = new StringWriter();
        Assert.Equal(0, Nido.Runc.RuncApp.Run(["--help"], stdout, new StringWriter()));
        foreach (var verb in new[] { "create", "exec", "features", "resume" }) Assert.Contains(verb, stdout.ToString());
    }
}
