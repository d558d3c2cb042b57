using System.Runtime.CompilerServices;

namespace Nido.Jvm.Runtime;

/// <summary>
/// Keys of an object (compared by identity: a loader) and a name (compared ordinally), for the tables the class
/// library's boot fills. Given explicitly because the default comparer of a tuple is made by reflection and
/// JIT-compiled in the CoreCLR host at every start.
/// </summary>
internal sealed class IdentityNameComparer<T> : IEqualityComparer<(T, string)> where T : class
{
    public static readonly IdentityNameComparer<T> Instance = new();

    public bool Equals((T, string) x, (T, string) y) => ReferenceEquals(x.Item1, y.Item1) && string.Equals(x.Item2, y.Item2);

    public int GetHashCode((T, string) key) => RuntimeHelpers.GetHashCode(key.Item1) * 31 + (key.Item2?.GetHashCode() ?? 0);
}
