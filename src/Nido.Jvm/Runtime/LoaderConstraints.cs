namespace Nido.Jvm.Runtime;

/// <summary>
/// Loader constraints (JVMS 5.3.4): when code of one loader uses a field or method of a class of another (or
/// overrides one), every class its type names must be the same class in both loaders, though neither may have loaded
/// it yet. Each constraint is a set of loaders that must agree on one class name, and the class once one of them has
/// it. Verification proves types by name only: without these, an object of one loader's Shared could reach code
/// compiled against another loader's Shared (HotSpot's LoaderConstraintTable; its errors' wording is in JavaVm).
/// </summary>
internal sealed class LoaderConstraints
{
    private sealed class Constraint
    {
        public JClass? Class;
        public readonly List<LoaderData> Loaders = [];
    }

    private readonly Dictionary<string, List<Constraint>> _byName = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>
    /// Requires <paramref name="name"/> to be one class in both loaders; false when they have (or are already
    /// constrained to) different classes.
    /// </summary>
    public bool Add(string name, LoaderData a, LoaderData b)
    {
        if (ReferenceEquals(a, b)) return true;
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
                made.Loaders.Add(a);
                made.Loaders.Add(b);
                if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
                list.Add(made);
            }
            else if (ca is null || cb is null || ReferenceEquals(ca, cb))
            {
                var into = (ca ?? cb)!;
                if (ca is null) into.Loaders.Add(a);
                if (cb is null) into.Loaders.Add(b);
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
    /// Whether <paramref name="data"/> may record <paramref name="c"/> under its name: null if so (the constraints on
    /// that loader and name then hold this class), else the class a constraint requires instead.
    /// </summary>
    public JClass? Conflict(LoaderData data, JClass c)
    {
        lock (_lock)
        {
            if (Find(c.Name, data) is not { } constraint) return null;
            if (constraint.Class is { } required && !ReferenceEquals(required, c)) return required;
            constraint.Class = c;
            return null;
        }
    }

    private Constraint? Find(string name, LoaderData loader)
    {
        if (!_byName.TryGetValue(name, out var list)) return null;
        foreach (var c in list)
            if (c.Loaders.Contains(loader)) return c;
        return null;
    }
}
