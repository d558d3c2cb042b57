using Nido.Linux.Seccomp;

namespace Nido.Linux.Tests;

public class SyscallTableTests
{
    [Fact]
    public void Committed_table_matches_the_kernel_headers()
    {
        const string header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h";
        Assert.SkipUnless(File.Exists(header), $"{header} is missing (linux-libc-dev); cannot regenerate the syscall tables");
        var root = Nido.Tests.Shared.TestPaths.RepoRoot();
        var output = Path.Combine(Path.GetTempPath(), $"nido-syscalls-{Guid.NewGuid():N}.cs");
        try
        {
            var r = Run.Capture(new SpawnOptions { Path = "/bin/bash", Arguments = ["bash", Path.Combine(root, "scripts/gen-syscalls.sh"), output] });
            Assert.Equal(0, r.Status.Code);
            static string Body(string text) => text[text.IndexOf('\n')..]; // the first line names the header package's version
            Assert.Equal(Body(File.ReadAllText(Path.Combine(root, "src/Nido.Linux/Seccomp/SyscallTables.g.cs"))), Body(File.ReadAllText(output)));
        }
        finally { File.Delete(output); }
    }

    [Fact]
    public void Numbers_per_abi()
    {
        Assert.Equal(59u, SeccompArch.X86_64.Number("execve"));
        Assert.Equal(11u, SeccompArch.X86.Number("execve"));
        Assert.Equal(SeccompArch.X32Bit | 520, SeccompArch.X32.Number("execve")); // x32 has its own execve
        Assert.Null(SeccompArch.X86_64.Number("socketcall"));
        Assert.True(SeccompArch.IsKnown("socketcall"));
    }
}
