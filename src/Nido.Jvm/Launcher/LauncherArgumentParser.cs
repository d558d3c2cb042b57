namespace Nido.Jvm.Launcher;

/// <summary>
/// java.c after argument expansion: drops the VM-type options (CheckJvmType), reads the -jar
/// manifest first (SelectVersion), then ParseArguments: launcher options are handled here,
/// everything else becomes a VM option; parsing stops at the main class (or -jar's file).
/// </summary>
internal sealed class LauncherArgumentParser(LauncherOutput output)
{
    private readonly LauncherArguments _result = new();

    public LauncherArguments Parse(List<string> args, string? classPathVariable)
    {
        args = DropVmType(args, output);
        CheckJar(args);
        if (classPathVariable != null)
            _result.SetClassPath(classPathVariable);
        if (ParseOptions(args, out int next))
            TakeMainClass(args, next);
        if (!_result.PrintFullVersion)
            _result.VmOptions.Add("-Dsun.java.launcher=SUN_STANDARD");
        return _result;
    }

    // CheckJvmType: -server and -client select HotSpot's VM and are removed (java 17 runs the server VM for both).
    private static List<string> DropVmType(List<string> args, LauncherOutput output)
    {
        var kept = new List<string>();
        int i = 0;
        for (; i < args.Count; i++)
        {
            string arg = args[i];
            if (LauncherOptions.IsWhiteSpaceOption(arg))
            {
                kept.Add(arg);
                if (++i < args.Count)
                    kept.Add(args[i]);
                continue;
            }
            if (!arg.StartsWith('-'))
                break;
            if (arg is "-server" or "-client")
                continue;
            if (arg.StartsWith("-XXaltjvm=", StringComparison.Ordinal) || arg.StartsWith("-J-XXaltjvm=", StringComparison.Ordinal))
                throw output.Fail(LauncherMessages.NotSupported("-XXaltjvm (another VM library)"));
            kept.Add(arg);
        }
        kept.AddRange(args.Skip(i));
        return kept;
    }

    // SelectVersion: with -jar, the operand's manifest is read before the options are looked at.
    private void CheckJar(List<string> args)
    {
        bool jar = false;
        int i = 0;
        while (i < args.Count && args[i].StartsWith('-'))
        {
            string arg = args[i];
            jar |= arg == "-jar";
            if (LauncherOptions.IsWhiteSpaceOption(arg) && HasArgument(args, i))
                i++;
            i++;
        }
        if (!jar || i >= args.Count)
            return;
        string path = args[i];
        try
        {
            _result.JarManifest = JarManifest.Read(path) ?? throw new JarFileException(path, false, "no manifest");
            _result.JarManifestPath = path;
        }
        catch (JarFileException e)
        {
            throw output.Fail(LauncherMessages.JarError(e, path));
        }
    }

    // ParseArguments' loop; false when it stopped early (help, version, a missing -jar operand).
    private bool ParseOptions(List<string> args, out int next)
    {
        next = 0;
        while (next < args.Count && args[next].StartsWith('-'))
        {
            string arg = args[next];
            bool hasNext = HasArgument(args, next);
            next++;
            string option = arg;
            string? value = null;
            bool vmLong = false, vmLongWithArgument = false;
            if (LauncherOptions.IsLauncherOption(arg))
            {
                if (hasNext)
                    value = args[next++];
            }
            else if (LauncherOptions.IsModuleOption(arg))
            {
                vmLongWithArgument = true;
                if (hasNext)
                    value = args[next++];
                if (arg == "-p")
                    option = "--module-path";
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and >= 0)
            {
                value = arg[(eq + 1)..];
                vmLong = !LauncherOptions.StartsWithAny(arg, "--describe-module=", "--module=", "--class-path=", "--source=");
            }
            bool hasValue = !string.IsNullOrEmpty(value);

            if (arg == "-jar")
            {
                if (next >= args.Count)
                {
                    // Reported now, but the VM still starts and usage follows: java's ARG_CHECK.
                    output.Note($"Error: {arg} requires jar file specification");
                    _result.PrintUsage = true;
                    _result.ExitCode = 1;
                    return false;
                }
                _result.Mode = LaunchMode.Jar;
            }
            else if (arg is "--module" or "-m" || arg.StartsWith("--module=", StringComparison.Ordinal))
            {
                throw output.Fail(hasValue ? LauncherMessages.NotSupported("running a module (" + arg + ")") : $"Error: {arg} requires module name");
            }
            else if (arg == "--source" || arg.StartsWith("--source=", StringComparison.Ordinal))
            {
                throw output.Fail(hasValue ? LauncherMessages.NotSupported("source-file mode (--source)") : $"Error: {arg} requires source version");
            }
            else if (LauncherOptions.IsClassPathOption(arg) || arg.StartsWith("--class-path=", StringComparison.Ordinal))
            {
                if (value == null)
                    throw output.Fail($"Error: {arg} requires class path specification");
                _result.SetClassPath(value);
                _result.Mode = LaunchMode.Class;
            }
            else if (arg is "--list-modules" or "--show-resolved-modules" or "--validate-modules")
            {
                throw output.Fail(LauncherMessages.NotSupported(arg));
            }
            else if (arg is "--describe-module" or "-d" || arg.StartsWith("--describe-module=", StringComparison.Ordinal))
            {
                throw output.Fail(value == null ? $"Error: {arg} requires module name" : LauncherMessages.NotSupported(arg));
            }
            else if (hasValue && (vmLong || vmLongWithArgument))
            {
                _result.VmOptions.Add(vmLong ? option : $"{option}={value}");
            }
            else if (!hasValue && arg is "--module-path" or "-p" or "--upgrade-module-path")
            {
                throw output.Fail($"Error: {arg} requires module path specification");
            }
            else if (!hasValue && (LauncherOptions.IsModuleOption(arg) || LauncherOptions.IsLongFormModuleOption(arg)))
            {
                throw output.Fail($"Error: {arg} requires modules to be specified");
            }
            else if (!ParseSimpleOption(arg))
            {
                return false;
            }
        }
        return true;
    }

    // The options without a value; false for those that end the parsing (help and version).
    private bool ParseSimpleOption(string arg)
    {
        switch (arg)
        {
            case "-help" or "-h" or "-?":
                _result.PrintUsage = true;
                return false;
            case "--help":
                _result.PrintUsage = _result.PrintToStdout = true;
                return false;
            case "-version":
                _result.PrintVersion = true;
                return false;
            case "--version":
                _result.PrintVersion = _result.PrintToStdout = true;
                return false;
            case "-showversion":
                _result.ShowVersion = true;
                return true;
            case "--show-version":
                _result.ShowVersion = _result.PrintToStdout = true;
                return true;
            case "--dry-run":
                _result.DryRun = true;
                return true;
            case "-X":
                _result.PrintExtraUsage = true;
                return false;
            case "--help-extra":
                _result.PrintExtraUsage = _result.PrintToStdout = true;
                return false;
            case "-fullversion":
                _result.PrintFullVersion = true;
                return false;
            case "--full-version":
                _result.PrintFullVersion = _result.PrintToStdout = true;
                return false;
        }
        if (arg == "-XshowSettings" || arg.StartsWith("-XshowSettings:", StringComparison.Ordinal))
            _result.ShowSettings = arg;
        else if (TranslateOldOption(arg) is { } translated)
            _result.VmOptions.Add(translated);
        else if (arg is "-checksource" or "-cs" or "-noasyncgc")
            output.Note($"Warning: {arg} option is no longer supported.");
        else if (!arg.StartsWith("-splash:", StringComparison.Ordinal))
        {
            _result.HaveClassPath |= arg.StartsWith("-Djava.class.path=", StringComparison.Ordinal);
            _result.VmOptions.Add(arg);
        }
        return true;
    }

    // The launcher's own spellings of VM options (and its backward-compatible ones).
    private string? TranslateOldOption(string arg)
    {
        switch (arg)
        {
            case "-Xdiag": return "-Dsun.java.launcher.diag=true";
            case "--show-module-resolution": return "-Djdk.module.showModuleResolution=true";
            case "-verbosegc": return "-verbose:gc";
            case "-t": return "-Xt";
            case "-tm": return "-Xtm";
            case "-debug": return "-Xdebug";
            case "-noclassgc": return "-Xnoclassgc";
            case "-verify": return "-Xverify:all";
            case "-verifyremote": return "-Xverify:remote";
            case "-noverify": return "-Xverify:none";
            case "-Xfuture":
                output.Note("Warning: -Xfuture option is deprecated and may be removed in a future release.");
                return "-Xverify:all";
        }
        return LauncherOptions.StartsWithAny(arg, "-ss", "-oss", "-ms", "-mx") ? "-X" + arg[1..] : null;
    }

    private void TakeMainClass(List<string> args, int next)
    {
        if (next < args.Count)
        {
            _result.What = args[next];
            _result.ProgramArguments.AddRange(args.Skip(next + 1));
        }
        if (_result.What == null)
        {
            _result.ExitCode = 1;
            return;
        }
        if (_result.Mode == LaunchMode.Unknown)
        {
            if (!_result.HaveClassPath)
                _result.SetClassPath(".");
            _result.Mode = LaunchMode.Class;
        }
        if (_result.Mode == LaunchMode.Class && _result.What.EndsWith(".java", StringComparison.Ordinal) && File.Exists(_result.What))
            throw output.Fail(LauncherMessages.NotSupported($"source-file mode ({_result.What}); compile it with javac first"));
        if (_result.Mode == LaunchMode.Jar)
            _result.SetClassPath(_result.What);
        _result.VmOptions.Add($"-Dsun.java.command={string.Join(' ', [_result.What, .. _result.ProgramArguments])}");
    }

    // IsOptionWithArgument: the next argument exists and does not start with '-'.
    private static bool HasArgument(List<string> args, int i) => i + 1 < args.Count && !args[i + 1].StartsWith('-');
}
