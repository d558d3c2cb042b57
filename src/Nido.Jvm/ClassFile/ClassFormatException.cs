namespace Nido.Jvm.ClassFile;

/// <summary>
/// A class file that breaks JVMS chapter 4. The VM rethrows it to Java as <see cref="JavaError"/>
/// (java/lang/ClassFormatError, or UnsupportedClassVersionError for a version newer than 61).
/// </summary>
public sealed class ClassFormatException(string message, string javaError = "java/lang/ClassFormatError") : Exception(message)
{
    public string JavaError { get; } = javaError;
}
