using Nido.Jvm.Launcher;

namespace Nido.Jvm.Tests.Launcher;

/// <summary>The cases of args.c's own self-test (DEBUG_ARGFILE), plus its comment quirk.</summary>
public class ArgFileTokenizerTests
{
    [Theory]
    [InlineData("-version -cp \"c:\\\\java libs\\\\one.jar\" \n", new[] { "-version", "-cp", "c:\\java libs\\one.jar" })]
    [InlineData("com.foo.Panda \"Furious 5\"\fand\t'Shi Fu' \"escape\tprison", new[] { "com.foo.Panda", "Furious 5", "and", "Shi Fu", "escape\tprison" })]
    [InlineData("escaped chars testing \"\\a\\b\\c\\f\\n\\r\\t\\v\\9\\6\\23\\82\\28\\377\\477\\278\\287\"",
        new[] { "escaped", "chars", "testing", "abc\f\n\r\tv96238228377477278287" })]
    [InlineData("\"mix 'single quote' in double\" 'mix \"double quote\" in single' partial\"quote me\"this",
        new[] { "mix 'single quote' in double", "mix \"double quote\" in single", "partialquote methis" })]
    [InlineData("line one #comment\n'line #2' #rest are comment\r\n#comment on line 3\nline 4 #comment to eof",
        new[] { "line", "one", "line #2", "line", "4" })]
    [InlineData("This is an \"open quote \n    across line\n\t, note for WS.",
        new[] { "This", "is", "an", "open quote ", "across", "line", ",", "note", "for", "WS." })]
    [InlineData("Try \"this \\\\\\\\ escape\\n double quote \\\" in open quote", new[] { "Try", "this \\\\ escape\n double quote \" in open quote" })]
    [InlineData("'-Dmy.quote.single'='Property in single quote. Here a double quote\" Add some slashes \\\\/'",
        new[] { "-Dmy.quote.single=Property in single quote. Here a double quote\" Add some slashes \\/" })]
    [InlineData("\"Open quote to \n  new \"line \\\n\r   third\\\n\r\\\tand\ffourth\"", new[] { "Open quote to ", "new", "line third\tand\ffourth" })]
    [InlineData("c:\\\"partial quote\"\\lib", new[] { "c:\\partial quote\\lib" })]
    public void SplitsLikeArgsC(string text, string[] expected)
    {
        Assert.Equal(expected, ArgFileTokenizer.Tokenize(text));
    }

    [Fact]
    public void HashInsideAnUnquotedArgumentDropsItAsJavaDoes()
    {
        Assert.Equal(["-Dy=1"], ArgFileTokenizer.Tokenize("-Dx=ab#c\n-Dy=1\n"));
    }

    [Fact]
    public void EmptyQuotesAreAnEmptyArgumentOnlyWhenTerminated()
    {
        Assert.Equal(["", "x"], ArgFileTokenizer.Tokenize("\"\" x"));
        Assert.Equal(["x"], ArgFileTokenizer.Tokenize("x \"\""));
    }
}
