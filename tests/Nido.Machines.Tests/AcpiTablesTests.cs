using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Nido.Hypervisor.Memory;
using Nido.Machines.X86;
using Nido.Machines.X86.Acpi;

namespace Nido.Machines.Tests;

public sealed class AcpiTablesTests : IDisposable
{
    private readonly GuestMemory _memory = Ram.Create(2UL << 20);

    public void Dispose() => _memory.Dispose();

    internal static AcpiPlatform Platform(int cpus = 2, int virtio = 3) => new(
        cpus, (byte)cpus,
        new AcpiPowerPorts(0x600, 0x601, 0x602, 1, 5),
        [new AcpiSerialPort(0x3f8, 4)],
        Keyboard: true, Rtc: true,
        [.. Enumerable.Range(0, virtio).Select(i => new AcpiVirtioMmio(0xd000_0000 + (ulong)i * 0x200, 0x200, 5 + i))]);

    private static byte Sum(ReadOnlySpan<byte> bytes)
    {
        byte s = 0;
        foreach (var b in bytes) s += b;
        return s;
    }

    private byte[] Table(ulong address) => _memory.Bytes(address, (int)_memory.Read<uint>(address + 4));

    /// <summary>The tables the XSDT lists, by signature.</summary>
    private Dictionary<string, byte[]> Tables()
    {
        var xsdt = Table(_memory.Read<ulong>(AcpiTables.Rsdp + 24));
        var tables = new Dictionary<string, byte[]> { ["XSDT"] = xsdt };
        for (var at = 36; at < xsdt.Length; at += 8)
        {
            var table = Table(BinaryPrimitives.ReadUInt64LittleEndian(xsdt.AsSpan(at)));
            tables[Encoding.ASCII.GetString(table, 0, 4)] = table;
        }
        var fadt = tables["FACP"];
        tables["DSDT"] = Table(BinaryPrimitives.ReadUInt64LittleEndian(fadt.AsSpan(140)));
        tables["RSDT"] = Table(_memory.Read<uint>(AcpiTables.Rsdp + 16));
        return tables;
    }

    [Fact]
    public void RootPointerIsWhereGuestsScanAndChecksums()
    {
        var rsdp = AcpiTables.Write(_memory, Platform());
        Assert.Equal(0xe0000UL, rsdp);
        var bytes = _memory.Bytes(rsdp, 36);
        Assert.Equal("RSD PTR ", Encoding.ASCII.GetString(bytes, 0, 8));
        Assert.Equal(0, Sum(bytes.AsSpan(0, 20)));
        Assert.Equal(0, Sum(bytes));
        Assert.Equal(2, bytes[15]);
        Assert.Equal(36u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void EveryTableChecksumsAndStaysInTheBiosArea()
    {
        AcpiTables.Write(_memory, Platform());
        var tables = Tables();
        Assert.Equal(["APIC", "DSDT", "FACP", "RSDT", "XSDT"], tables.Keys.Order());
        foreach (var (name, table) in tables) Assert.True(Sum(table) == 0, $"{name} checksum");
        // RSDT and XSDT list the same tables.
        var rsdt = tables["RSDT"];
        var xsdt = tables["XSDT"];
        Assert.Equal((xsdt.Length - 36) / 8, (rsdt.Length - 36) / 4);
        for (var i = 0; i < (rsdt.Length - 36) / 4; i++)
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(xsdt.AsSpan(36 + 8 * i)), BinaryPrimitives.ReadUInt32LittleEndian(rsdt.AsSpan(36 + 4 * i)));
    }

    [Fact]
    public void FadtIsHardwareReducedWithPowerAndResetRegisters()
    {
        AcpiTables.Write(_memory, Platform());
        var fadt = Tables()["FACP"];
        Assert.Equal(276, fadt.Length);
        Assert.Equal(6, fadt[8]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(fadt.AsSpan(112));
        Assert.NotEqual(0u, flags & (1u << 20)); // HW_REDUCED_ACPI.
        Assert.NotEqual(0u, flags & (1u << 10)); // RESET_REG_SUP.
        Assert.Equal(1, fadt[116]); // Reset register in I/O space...
        Assert.Equal(0x602UL, BinaryPrimitives.ReadUInt64LittleEndian(fadt.AsSpan(120)));
        Assert.Equal(1, fadt[128]);
        Assert.Equal(0x600UL, BinaryPrimitives.ReadUInt64LittleEndian(fadt.AsSpan(248))); // Sleep control.
        Assert.Equal(0x601UL, BinaryPrimitives.ReadUInt64LittleEndian(fadt.AsSpan(260))); // Sleep status.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(fadt.AsSpan(109)) & 2); // The i8042 exists.
        Assert.Equal("NIDO VMM", Encoding.ASCII.GetString(fadt, 268, 8));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(32)]
    public void MadtListsEveryCpuAndTheIoApic(int cpus)
    {
        AcpiTables.Write(_memory, Platform(cpus));
        var madt = Tables()["APIC"];
        Assert.Equal(0xfee00000u, BinaryPrimitives.ReadUInt32LittleEndian(madt.AsSpan(36)));
        var apicIds = new List<int>();
        (int Id, uint Address, uint GsiBase)? ioApic = null;
        var nmi = false;
        for (var at = 44; at < madt.Length; at += madt[at + 1])
        {
            Assert.True(madt[at + 1] >= 2, "MADT entry length");
            switch (madt[at])
            {
                case 0:
                    Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(madt.AsSpan(at + 4)) & 1);
                    Assert.Equal(madt[at + 2], madt[at + 3]); // Processor UID = APIC id.
                    apicIds.Add(madt[at + 3]);
                    break;
                case 1:
                    ioApic = (madt[at + 2], BinaryPrimitives.ReadUInt32LittleEndian(madt.AsSpan(at + 4)), BinaryPrimitives.ReadUInt32LittleEndian(madt.AsSpan(at + 8)));
                    break;
                case 4:
                    nmi = madt[at + 2] == 0xff && madt[at + 5] == 1;
                    break;
            }
        }
        Assert.Equal(Enumerable.Range(0, cpus), apicIds);
        Assert.Equal((cpus, 0xfec00000u, 0u), ioApic);
        Assert.DoesNotContain(ioApic!.Value.Id, apicIds);
        Assert.True(nmi, "LINT1 NMI entry");
    }

    [Fact]
    public void TablesStayBelowOneMiBEvenWithEveryVirtioSlot()
    {
        AcpiTables.Write(_memory, Platform(cpus: 64, virtio: 8));
        foreach (var table in Tables().Values) Assert.True(table.Length > 36);
    }

    [Fact]
    public void AmlEncodesPackageLengthsAndEisaIdsAsTheSpecSays()
    {
        Assert.Equal([0x3f], Aml.PkgLength(62));
        Assert.Equal([0x41, 0x04], Aml.PkgLength(63)); // 65 total with two length bytes.
        Assert.Equal([0x4f, 0xff], Aml.PkgLength(0xfff - 2));
        Assert.Equal([0x81, 0x00, 0x01], Aml.PkgLength(0xffe)); // 4097 total with three.
        // iasl: EISAID ("PNP0A03") is 0x030AD041.
        Assert.Equal([0x0c, 0x41, 0xd0, 0x0a, 0x03], Aml.EisaId("PNP0A03"));
        Assert.Equal([0x5c, (byte)'_', (byte)'S', (byte)'B', (byte)'_'], Aml.NameString("\\_SB"));
        Assert.Equal(0x2e, Aml.NameString("_SB.COM1")[0]);
        Assert.Equal([0x2f, 3], Aml.NameString("A.B.C")[..2]);
        Assert.Throws<ArgumentException>(() => Aml.NameString("1ABC"));
        Assert.Throws<ArgumentException>(() => Aml.NameString("ABCDE"));
        Assert.Throws<ArgumentException>(() => Aml.EisaId("pnp0501"));
        Assert.Equal([0x0c, 0x78, 0x56, 0x34, 0x12], Aml.Integer(0x12345678));
        Assert.Equal([0x0e, 0, 0, 0, 0, 1, 0, 0, 0], Aml.Integer(1UL << 32));
    }

    /// <summary>ACPICA, the interpreter Linux itself uses, disassembles the tables and evaluates the DSDT's objects.</summary>
    [Fact]
    public void AcpicaDisassemblesAndEvaluatesTheTables()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/iasl") && File.Exists("/usr/bin/acpiexec"), "acpica-tools (iasl, acpiexec) is not installed; scripts/setup.sh guests installs it");
        AcpiTables.Write(_memory, Platform(cpus: 2, virtio: 2));
        var dir = Directory.CreateTempSubdirectory("nido-acpi-");
        try
        {
            foreach (var (name, table) in Tables()) File.WriteAllBytes(Path.Combine(dir.FullName, name.ToLowerInvariant() + ".dat"), table);
            var (code, output) = Run(dir.FullName, "iasl", "-d", "dsdt.dat", "facp.dat", "apic.dat", "xsdt.dat", "rsdt.dat");
            Assert.True(code == 0, output);
            Assert.DoesNotContain("Incorrect checksum", output);
            var dsdt = File.ReadAllText(Path.Combine(dir.FullName, "dsdt.dsl"));
            Assert.Contains("Name (\\_S5, Package (0x02)", dsdt);
            Assert.Contains("Device (COM1)", dsdt);
            Assert.Contains("EisaId (\"PNP0501\")", dsdt);
            Assert.Contains("IO (Decode16,\n                    0x03F8,", dsdt.Replace("\r", ""));
            Assert.Contains("EisaId (\"PNP0303\")", dsdt);
            Assert.Contains("EisaId (\"PNP0B00\")", dsdt);
            Assert.Contains("Device (V001)", dsdt);
            Assert.Contains("Name (_HID, \"LNRO0005\")", dsdt);
            Assert.Contains("Memory32Fixed (ReadWrite,\n                    0xD0000200,", dsdt.Replace("\r", ""));
            Assert.Contains("Interrupt (ResourceConsumer, Level, ActiveHigh, Exclusive, ,, )\n                {\n                    0x00000006,", dsdt.Replace("\r", ""));
            var facp = File.ReadAllText(Path.Combine(dir.FullName, "facp.dsl"));
            Assert.Matches(@"Hardware Reduced \(V5\) : 1", facp);
            Assert.Matches(@"Reset Register Supported \(V2\) : 1", facp);
            var apic = File.ReadAllText(Path.Combine(dir.FullName, "apic.dsl"));
            Assert.Equal(2, apic.Split("Processor Local APIC").Length - 1);
            Assert.Contains("I/O APIC", apic);

            // Load the namespace and evaluate: the resource templates parse, _STA runs, _S5 is a package.
            (code, output) = Run(dir.FullName, "acpiexec", "-b", "evaluate \\_SB.PS2K._STA; evaluate \\_S5; evaluate \\_SB.V000._CRS; evaluate \\_SB.COM1._CRS", "dsdt.dat");
            Assert.True(code == 0, output);
            Assert.DoesNotContain("AE_", output.Replace("AE_OK", ""));
            Assert.Contains("[Integer] = 000000000000000F", output);
            Assert.Contains("[Package] Contains 2 Elements", output);
            // ACPICA's resource manager (what Linux's acpi_walk_resources runs) decodes the virtio window and its interrupt.
            (_, output) = Run(dir.FullName, "acpiexec", "-b", "resources \\_SB.V001", "dsdt.dat");
            Assert.Matches(@"Address : D0000200\s+Address Length : 00000200", output);
            Assert.Matches(@"Triggering : Level\s+Polarity : ActiveHigh", output);
            Assert.Matches(@"Dword00 : 00000006", output);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("NIDO_KEEP_ACPI") is null) dir.Delete(recursive: true);
        }
    }

    private static (int Code, string Output) Run(string dir, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }
}
