namespace Nido.Jvm.Runtime;

/// <summary>JVMS 5.5's initialization states (loading and linking happen before a JClass is published).</summary>
public enum ClassState
{
    Linked,
    BeingInitialized,
    Initialized,
    Erroneous,
}
