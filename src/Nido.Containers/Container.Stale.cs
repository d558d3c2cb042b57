using Nido.Linux;

namespace Nido.Containers;

public sealed partial class Container
{
    /// <summary>
    /// Removes what a `create` killed midway (kill -9, OOM, power loss of the caller) left behind: an incomplete
    /// state whose creator is gone — its init (if it somehow lives), its cgroups and its state dir. Run by the verbs
    /// that create or enumerate containers, so such remains never outlive the next runtime call.
    /// </summary>
    public static void RemoveStale(StateStore store)
    {
        foreach (var id in store.List())
        {
            ContainerState state;
            try { state = store.Load(id); }
            catch (ContainerException) { continue; } // corrupt: left for an explicit delete, which names the problem
            if (state.Complete || CreatorAlive(state) || RecentlyMade(store.DirectoryOf(id), state)) continue;
            var container = new Container(store, state);
            try { container.Delete(force: true); }
            catch (Exception e) when (e is ContainerException or IOException or ErrnoException) { }
        }
    }

    private static bool CreatorAlive(ContainerState s) => s.CreatorPid > 0 && ProcessInfo.IsAlive(s.CreatorPid, s.CreatorStartTime);

    /// <summary>A directory without any state yet may be a create that is starting right now.</summary>
    private static bool RecentlyMade(string dir, ContainerState s) =>
        s.CreatorPid == 0 && DateTime.UtcNow - System.IO.Directory.GetLastWriteTimeUtc(dir) < TimeSpan.FromSeconds(10);
}
