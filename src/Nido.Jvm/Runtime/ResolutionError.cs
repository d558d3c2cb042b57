namespace Nido.Jvm.Runtime;

/// <summary>
/// A failed resolution of a class reference, kept so later attempts fail the same way (JVMS 5.4.3): as HotSpot keeps
/// it, the error's class and message and its cause's, thrown again as new objects (their traces are the new
/// attempt's: a loader is not asked again, so a ClassNotFoundException cause shows none of its frames).
/// </summary>
internal sealed record ResolutionError(string ErrorClass, string? Message, string? CauseClass, string? CauseMessage)
{
    public static ResolutionError Of(JavaVm vm, JObject error)
    {
        var cause = vm.GetField(error, "cause").R;
        if (ReferenceEquals(cause, error)) cause = null; // Throwable's "not yet set" marker
        return new(error.Class.Name, MessageOf(vm, error), cause?.Class.Name, cause is null ? null : MessageOf(vm, cause));
    }

    private static string? MessageOf(JavaVm vm, JObject throwable) => vm.StringOf(vm.GetField(throwable, "detailMessage").R);

    public JavaThrow Throw(JavaVm vm) =>
        vm.Throw(ErrorClass, Message, CauseClass is null ? null : vm.Throw(CauseClass, CauseMessage).Throwable);
}
