namespace Nido.Jvm.Runtime;

/// <summary>
/// Loader constraints (JVMS 5.3.4): when code of one loader uses a field or method of a class of another (or
/// overrides one), every class its type names must be the same class in both loaders, though neither may have loaded
/// it yet. Each constraint is a set of loaders that must agree on one class name, and the class once one of them has
/// it. Verification proves types by name only: without these, an object of one loader's Shared could reach code
/// compiled against another loader's Shared (HotSpot's LoaderConstraintTable; its errors' wording is in JavaVm).
/// Loaders are held weakly, so a constraint does not keep an unreachable loader's classes alive.
/// </summary>
internal sealed class LoaderConstraints
{
    private sealed class Constraint
    {
        public JClass? Class;
        public readonly List<WeakReference<LoaderData>> Loaders = [];

        public bool Has(LoaderData loader)
        {
            foreach (var w in Loaders)
                if (w.TryGetTarget(out var l) && ReferenceEquals(l, loader)) return true;
            return false;
        }
    }

    private readonly Dictionary<string, List<Constraint>> _byName = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>
    /// Requires <paramref name="name"/> to be one class in both loaders; false when they have (or are already
    /// constrained to) different classes.
    /// </summary>
    public bool Add(string name, LoaderData a, LoaderData b)
    {
        // Only the bootstrap loader defines java.* (ClassLoader.preDefineClass refuses the others): every loader's
        // class of such a name is the bootstrap's, and the constraint could never fail.
        if (ReferenceEquals(a, b) || name.StartsWith("java/", StringComparison.Ordinal)) return true;
        lock (_lock)
        {
            var ca = Find(name, a);
            var cb = Find(name, b);
            var ka = a.Classes.GetValueOrDefault(name) ?? ca?.Class;
            var kb = b.Classes.GetValueOrDefault(name) ?? cb?.Class;
            if (ka is not null && kb is not null && !ReferenceEquals(ka, kb)) return false;
            var known = ka ?? kb;
            if (ca is null && cb is null)
            {
                var made = new Constraint { Class = known };
                made.Loaders.Add(new(a));
                made.Loaders.Add(new(b));
                if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
                list.RemoveAll(c => !c.Loaders.Exists(w => w.TryGetTarget(out _)));
                list.Add(made);
            }
            else if (ca is null || cb is null || ReferenceEquals(ca, cb))
            {
                var into = (ca ?? cb)!;
                if (ca is null) into.Loaders.Add(new(a));
                if (cb is null) into.Loaders.Add(new(b));
                into.Class ??= known;
            }
            else
            {
                // Two constraints meet: they become one.
                ca.Loaders.AddRange(cb.Loaders);
                ca.Class ??= known;
                _byName[name].Remove(cb);
            }
            return true;
        }
    }

    /// <summary>
    /// Records <paramref name="c"/> as <paramref name="data"/>'s class of its name (replacing what the loader had
    /// under it when <paramref name="replace"/>), unless a constraint on that loader and name requires another class:
    /// then returns that class and records nothing. Checked and recorded under one lock, so a constraint added
    /// meanwhile sees the class.
    /// </summary>
    public JClass? Record(LoaderData data, JClass c, bool replace)
    {
        lock (_lock)
        {
            if (Find(c.Name, data) is { } constraint)
            {
                if (constraint.Class is { } required && !ReferenceEquals(required, c)) return required;
                constraint.Class = c;
            }
            if (replace) data.Classes[c.Name] = c;
            else data.Classes.TryAdd(c.Name, c);
            return null;
        }
    }

    private Constraint? Find(string name, LoaderData loader)
    {
        if (!_byName.TryGetValue(name, out var list)) return null;
        foreach (var c in list)
            if (c.Has(loader)) return c;
        return null;
    }
}
