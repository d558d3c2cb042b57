namespace Nido.Linux.Tests;

/// <summary>prctl, capabilities and credentials: each changed on a throwaway thread (they are per thread).</summary>
public class PrivilegeTests
{
    [Fact]
    public void Thread_name_subreaper_keepcaps_dumpable()
    {
        var (name, keep, pdeath) = FreshThread.Run(() =>
        {
            Prctl.SetName("nido-prctl-test");
            Prctl.SetKeepCapabilities(true);
            Prctl.SetParentDeathSignal(Signals.SIGTERM);
            return (Prctl.GetName(), Prctl.GetKeepCapabilities(), Prctl.GetParentDeathSignal());
        });
        Assert.Equal("nido-prctl-tes", name[..14]);
        Assert.True(keep);
        Assert.Equal(Signals.SIGTERM, pdeath);
        var before = Prctl.GetChildSubreaper();
        Prctl.SetChildSubreaper(true);
        Assert.True(Prctl.GetChildSubreaper());
        Prctl.SetChildSubreaper(before);
        var dumpable = Prctl.GetDumpable(); // per process: set and put back
        Prctl.SetDumpable(true);
        Assert.True(Prctl.GetDumpable());
        Prctl.SetDumpable(dumpable);
        Assert.Equal(0, Prctl.GetSeccompMode());
    }

    [Fact]
    public void Capabilities_are_read_and_dropped_per_thread()
    {
        Requires.Root();
        var mine = Capabilities.Get();
        Assert.True(mine.HasEffective(Capability.CAP_SYS_ADMIN));
        var dropped = FreshThread.Run(() =>
        {
            var bit = Capabilities.Bit(Capability.CAP_NET_RAW);
            var set = Capabilities.Get();
            Capabilities.Set(set with { Effective = set.Effective & ~bit, Permitted = set.Permitted & ~bit });
            return Capabilities.Get();
        });
        Assert.False(dropped.HasEffective(Capability.CAP_NET_RAW));
        Assert.False(dropped.HasPermitted(Capability.CAP_NET_RAW));
        Assert.True(Capabilities.Get().HasEffective(Capability.CAP_NET_RAW)); // this thread kept it
        Assert.True(Prctl.BoundingSetHas(Capability.CAP_CHOWN));
        Assert.False(Prctl.AmbientIsSet(Capability.CAP_CHOWN));
    }

    [Fact]
    public void Capability_names_parse_like_the_oci_spec_spells_them()
    {
        Assert.Equal(Capability.CAP_SYS_ADMIN, Capabilities.Parse("CAP_SYS_ADMIN"));
        Assert.Equal(Capability.CAP_NET_RAW, Capabilities.Parse("net_raw"));
        Assert.Equal(40, (int)Capabilities.Last);
        var e = Assert.Throws<ArgumentException>(() => Capabilities.Parse("CAP_FLY"));
        Assert.Contains("CAP_FLY", e.Message);
        Assert.Equal(0b101UL, Capabilities.Mask([Capability.CAP_CHOWN, Capability.CAP_DAC_READ_SEARCH]));
    }

    [Fact]
    public void The_name_table_matches_the_enum()
    {
        foreach (var cap in Enum.GetValues<Capability>())
        {
            Assert.Equal(cap.ToString(), Capabilities.NameOf(cap));
            Assert.Equal(cap, Capabilities.Parse(cap.ToString()));
        }
        Assert.Equal("cap_41", Capabilities.NameOf((Capability)41));
        Assert.Throws<ArgumentException>(() => Capabilities.Parse("CAP_41"));
    }

    [Fact]
    public void Setresuid_and_setgroups_change_only_the_calling_thread()
    {
        Requires.Root();
        var status = FreshThread.Run(() =>
        {
            Credentials.SetGroups([1234, 5678]);
            Credentials.SetResGid(4321, 4321, 4321);
            Credentials.SetResUid(1000, 1000, 1000);
            return File.ReadAllLines($"/proc/self/task/{Signals.CurrentThreadId}/status");
        });
        Assert.Contains("Uid:\t1000\t1000\t1000\t1000", status);
        Assert.Contains("Gid:\t4321\t4321\t4321\t4321", status);
        Assert.Contains(status, l => l.StartsWith("Groups:\t1234 5678"));
        Assert.Equal(0u, Credentials.EffectiveUid);
    }

    [Fact]
    public void Credential_errors_name_the_ids()
    {
        Requires.Root();
        Expect.Errno(() => FreshThread.Run(() =>
        {
            Credentials.SetResUid(1000, 1000, 1000);
            Credentials.SetResUid(0, 0, 0);
        }), "setresuid", Errno.EPERM, "0, 0, 0");
    }
}
