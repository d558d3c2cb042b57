namespace Nido.Jvm.Launcher;

/// <summary>
/// java's first pass (args.c): JDK_JAVA_OPTIONS is prepended and @argfiles are expanded until the
/// main class is seen; after it every argument is the program's, untouched.
/// </summary>
internal sealed class ArgumentExpander(LauncherOutput output)
{
    private const int NotFound = -1;

    private int _firstAppArgIndex = NotFound;
    private bool _expectingNoDashArg;
    private int _argsCount = 1; // java counts its own argv[0]
    private bool _stopExpansion;

    public List<string> Expand(IReadOnlyList<string> args, string? jdkJavaOptions)
    {
        var result = new List<string>();
        if (jdkJavaOptions != null)
        {
            output.Note($"NOTE: Picked up {LauncherMessages.JdkJavaOptions}: {jdkJavaOptions}");
            ExpandEnvironmentVariable(result, jdkJavaOptions);
        }
        foreach (string arg in args)
        {
            List<string>? expanded = Preprocess(arg);
            if (expanded == null)
                result.Add(arg);
            else
                result.AddRange(expanded);
        }
        return result;
    }

    private void ExpandEnvironmentVariable(List<string> result, string value)
    {
        const string name = LauncherMessages.JdkJavaOptions;
        List<string> words = OptionStringTokenizer.Split(value)
            ?? throw output.Fail($"Error: Unmatched quote in environment variable {name}");
        foreach (string word in words)
        {
            List<string>? expanded = Preprocess(word);
            if (expanded == null)
            {
                if (IsTerminalOption(word))
                    throw output.Fail($"Error: Option {word} is not allowed in environment variable {name}");
                result.Add(word);
            }
            else
            {
                foreach (string arg in expanded)
                {
                    if (IsTerminalOption(arg))
                        throw output.Fail($"Error: Option {arg} in {word} is not allowed in environment variable {name}");
                    result.Add(arg);
                }
            }
            if (_firstAppArgIndex != NotFound)
                throw output.Fail($"Error: Cannot specify main class in environment variable {name}");
        }
    }

    // JLI_PreprocessArg: null means "keep the argument as it is".
    private List<string>? Preprocess(string arg)
    {
        if (_firstAppArgIndex > 0)
            return null;
        if (_stopExpansion || arg.Length < 2 || arg[0] != '@')
        {
            CheckArg(arg);
            return null;
        }
        string rest = arg[1..];
        if (rest[0] == '@')
        {
            CheckArg(rest); // "@@x" is the argument "@x"
            return [rest];
        }
        return ReadArgFile(rest);
    }

    private List<string> ReadArgFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw output.Fail($"Error: could not open `{path}'");
        }
        List<string> tokens = ArgFileTokenizer.Tokenize(text);
        foreach (string token in tokens)
            CheckArg(token);
        return tokens;
    }

    // Tracks where the main class is, so that expansion stops there.
    private void CheckArg(string arg)
    {
        int index = 0;
        _argsCount++;
        if (arg.StartsWith('-'))
        {
            _expectingNoDashArg = false;
            if (LauncherOptions.IsWhiteSpaceOption(arg))
            {
                // -m's operand stands where the main class would (and so does -jar's, not a white-space option).
                _expectingNoDashArg = arg is not ("--module" or "-m");
            }
            else if (arg == "--disable-@files")
            {
                _stopExpansion = true;
            }
            else if (arg.StartsWith("--module=", StringComparison.Ordinal))
            {
                index = _argsCount;
            }
        }
        else
        {
            if (!_expectingNoDashArg)
                index = _argsCount;
            _expectingNoDashArg = false;
        }
        if (_firstAppArgIndex == NotFound && index != 0)
            _firstAppArgIndex = index;
    }

    private static bool IsTerminalOption(string arg) =>
        arg is "-jar" or "-m" or "--module" or "--dry-run" or "-h" or "-?" or "-help" or "--help" or "-X"
            or "--help-extra" or "-version" or "--version" or "-fullversion" or "--full-version"
        || arg.StartsWith("--module=", StringComparison.Ordinal);
}
