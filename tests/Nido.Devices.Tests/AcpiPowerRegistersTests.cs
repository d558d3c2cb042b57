using Nido.Devices.Legacy;

namespace Nido.Devices.Tests;

public sealed class AcpiPowerRegistersTests
{
    private int _off, _reset;

    private AcpiPowerRegisters Device() => new(() => _off++, () => _reset++);

    [Theory]
    [InlineData(0x34, 1)] // SLP_TYP 5 with SLP_EN: soft-off.
    [InlineData(0x14, 0)] // SLP_TYP 5 without SLP_EN.
    [InlineData(0x2c, 0)] // SLP_TYP 3 (S3 is not offered).
    [InlineData(0x20, 0)] // SLP_TYP 0.
    public void OnlySoftOffWithSleepEnablePowersOff(byte value, int expected)
    {
        Device().Write(AcpiPowerRegisters.SleepControl, [value]);
        Assert.Equal(expected, _off);
        Assert.Equal(0, _reset);
    }

    [Fact]
    public void ResetRegisterTakesOnlyTheResetValue()
    {
        var d = Device();
        d.Write(AcpiPowerRegisters.Reset, [0x06]);
        Assert.Equal(0, _reset);
        d.Write(AcpiPowerRegisters.Reset, [AcpiPowerRegisters.ResetValue]);
        Assert.Equal(1, _reset);
        d.Write(AcpiPowerRegisters.Reset, []);
        Assert.Equal(1, _reset);
    }

    [Fact]
    public void SleepStatusReportsAwake()
    {
        var d = Device();
        Span<byte> b = stackalloc byte[1];
        d.Write(AcpiPowerRegisters.SleepStatus, [0x80]); // Clearing WAK_STS is harmless.
        d.Read(AcpiPowerRegisters.SleepStatus, b);
        Assert.Equal(0x80, b[0]);
        d.Read(AcpiPowerRegisters.SleepControl, b);
        Assert.Equal(0, b[0]);
        Assert.Equal(0, _off + _reset);
    }
}
