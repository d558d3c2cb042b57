namespace Nido.Jvm.Runtime;

/// <summary>
/// A Java exception in flight through .NET frames (interpreter, natives, JIT code): the Java Throwable rides along,
/// so catch blocks in any of them see the same object and Java's stack trace stays the one filled at construction.
/// </summary>
public sealed class JavaThrow(JObject throwable) : Exception(null)
{
    public JObject Throwable { get; } = throwable;

    /// <summary>Made by the VM for a failing instruction (a bounds or null check, a division by zero…), not by Java code.</summary>
    public bool Implicit { get; init; }

    /// <summary>For an implicit exception, the thread's frame depth when the VM made it: its faulting frame is depth − 1.</summary>
    public int OriginDepth { get; init; } = -1;

    public override string Message
    {
        get
        {
            var vm = Throwable.Class.Vm;
            try
            {
                var detail = vm.StringOf(vm.GetField(Throwable, "detailMessage").R);
                return detail is null ? Throwable.Class.JavaName : $"{Throwable.Class.JavaName}: {detail}";
            }
            catch (Exception)
            {
                return Throwable.Class.JavaName;
            }
        }
    }
}
