namespace Nido.Cpu.RiscV;

/// <summary>Why <see cref="Hart.Run"/> returned.</summary>
public enum HartExit
{
    /// <summary>The instruction budget ran out; call again.</summary>
    Budget,
    /// <summary>WFI with nothing pending: the caller sleeps until an interrupt line or the timer wakes it.</summary>
    WaitForInterrupt,
    /// <summary><see cref="Hart.RequestStop"/> was called (a device asked the machine to stop, or a kick).</summary>
    Stopped,
}

/// <summary>The time source behind the time CSR (the machine's mtime).</summary>
public interface IHartClock
{
    ulong Now { get; }
}
