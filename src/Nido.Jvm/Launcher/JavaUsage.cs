namespace Nido.Jvm.Launcher;

/// <summary>The help texts, shaped like java's (same layout and option descriptions) but naming Nido.</summary>
public static class JavaUsage
{
    /// <summary>What -help prints (to stderr; --help to stdout); ends with an empty line as java's does.</summary>
    public const string Help = """
        Usage: nido java [options] <mainclass> [args...]
                   (to execute a class)
           or  nido java [options] -jar <jarfile> [args...]
                   (to execute a jar file)

         Arguments following the main class or -jar <jarfile> are passed as the
         arguments to main class.

         where options include:

            -cp <class search path of directories and zip/jar files>
            -classpath <class search path of directories and zip/jar files>
            --class-path <class search path of directories and zip/jar files>
                          A : separated list of directories, JAR archives,
                          and ZIP archives to search for class files.
            --add-modules <module name>[,<module name>...]
                          root modules to resolve in addition to the initial module.
                          <module name> can also be ALL-DEFAULT, ALL-SYSTEM,
                          ALL-MODULE-PATH.
            --dry-run     create VM and load main class but do not execute main method.
            -D<name>=<value>
                          set a system property
            -verbose:[class|module|gc|jni]
                          enable verbose output for the given subsystem
            -version      print product version to the error stream and exit
            --version     print product version to the output stream and exit
            -showversion  print product version to the error stream and continue
            --show-version
                          print product version to the output stream and continue
            -? -h -help
                          print this help message to the error stream
            --help        print this help message to the output stream
            -X            print help on extra options to the error stream
            --help-extra  print help on extra options to the output stream
            -ea[:<packagename>...|:<classname>]
            -enableassertions[:<packagename>...|:<classname>]
                          enable assertions with specified granularity
            -da[:<packagename>...|:<classname>]
            -disableassertions[:<packagename>...|:<classname>]
                          disable assertions with specified granularity
            -esa | -enablesystemassertions
                          enable system assertions
            -dsa | -disablesystemassertions
                          disable system assertions
            @argument files
                          one or more argument files containing options
            --enable-preview
                          allow classes to depend on preview features of this release
        To specify an argument for a long option, you can use --<name>=<value> or
        --<name> <value>.


        """;

    /// <summary>What -X prints (to stderr; --help-extra to stdout).</summary>
    public const string ExtraHelp = """

            -Xbatch           disable background compilation
            -Xint             interpreted mode execution only
            -Xmixed           mixed mode execution (default)
            -Xms<size>        set initial Java heap size
            -Xmx<size>        set maximum Java heap size
            -Xmn<size>        sets the initial and maximum size (in bytes) of the heap
                              for the young generation (nursery)
            -Xss<size>        set java thread stack size
            -Xnoclassgc       disable class garbage collection
            -Xrs              reduce use of OS signals by Java/VM (see documentation)
            -Xshare:auto      use shared class data if possible (default)
            -Xshare:off       do not attempt to use shared class data
            -Xverify          sets the mode of the bytecode verifier
            -XX:<flag>        set a VM flag: -XX:+<name>, -XX:-<name> or -XX:<name>=<value>
            --add-reads <module>=<target-module>(,<target-module>)*
                              updates <module> to read <target-module>, regardless
                              of module declaration.
            --add-exports <module>/<package>=<target-module>(,<target-module>)*
                              updates <module> to export <package> to <target-module>,
                              regardless of module declaration.
            --add-opens <module>/<package>=<target-module>(,<target-module>)*
                              updates <module> to open <package> to
                              <target-module>, regardless of module declaration.

        These extra options are subject to change without notice.


        """;

    /// <summary>The text split into lines, for when usage is part of a failure's output.</summary>
    internal static IEnumerable<string> Lines(string text) => text[..^1].Split('\n');
}
