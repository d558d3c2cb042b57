namespace Nido.Jvm.Runtime;

/// <summary>
/// Every method of this VM by a small number, so a call records its frame with an int store: storing the JMethod
/// itself into the frame array cost a covariant-store check and a GC write barrier on every compiled call.
/// </summary>
public sealed partial class JavaVm
{
    private JMethod[] _methods = new JMethod[4096];
    private int _methodCount;
    private readonly Lock _methodsLock = new();

    internal int RegisterMethod(JMethod m)
    {
        lock (_methodsLock)
        {
            if (_methodCount == _methods.Length)
            {
                var grown = new JMethod[_methods.Length * 2];
                _methods.CopyTo(grown, 0);
                Volatile.Write(ref _methods, grown);
            }
            _methods[_methodCount] = m;
            return _methodCount++;
        }
    }

    /// <summary>The method <paramref name="id"/> names; ids come only from registered methods, so it is there.</summary>
    public JMethod MethodById(int id) => Volatile.Read(ref _methods)[id];
}
