/* acpi: finds the machine through ACPI alone, as a kernel without an MP table parser or
 * virtio_mmio.device= parameters must. Scans the BIOS area for the RSDP, checks every checksum,
 * walks the XSDT (and RSDT) to the FADT and MADT, counts the local APICs, finds each LNRO0005 device
 * in the DSDT with its Memory32Fixed window and interrupt, and reads the virtio-mmio registers there.
 * Then: action=off writes \_S5's sleep type with SLP_EN to the FADT's sleep control register (the VM
 * must end with 0); action=reset writes RESET_VALUE to the reset register (the VM must end with a
 * reset). Still running afterwards is a failure. */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"
#include "virtio.h"

#define FAIL_NO_RSDP   2
#define FAIL_CHECKSUM  3
#define FAIL_NO_TABLE  4
#define FAIL_DSDT      5
#define FAIL_STILL_ON  9

static uint8_t sum(const uint8_t *p, uint32_t n)
{
	uint8_t s = 0;
	while (n--)
		s += *p++;
	return s;
}

static uint32_t u32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t u64(const uint8_t *p) { return u32(p) | (uint64_t)u32(p + 4) << 32; }

static const uint8_t *table(uint64_t addr, const char *what)
{
	const uint8_t *t = (const uint8_t *)(uintptr_t)addr;
	if (addr == 0 || addr >= 0x100000000ull)
		fail(FAIL_NO_TABLE, "%s at 0x%llx", what, (unsigned long long)addr);
	if (sum(t, u32(t + 4)) != 0)
		fail(FAIL_CHECKSUM, "%s checksum", what);
	return t;
}

static const uint8_t *find_rsdp(void)
{
	for (uintptr_t a = 0xe0000; a < 0x100000; a += 16)
		if (memcmp((const void *)a, "RSD PTR ", 8) == 0)
			return (const uint8_t *)a;
	fail(FAIL_NO_RSDP, "no RSD PTR in 0xe0000-0xfffff");
}

/* The first occurrence of needle in [p, p+n), or NULL. */
static const uint8_t *find(const uint8_t *p, uint32_t n, const void *needle, uint32_t len)
{
	for (uint32_t i = 0; i + len <= n; i++)
		if (memcmp(p + i, needle, len) == 0)
			return p + i;
	return NULL;
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	uart_init();
	const char *cmdline = mb_cmdline(magic, mbi);
	const uint8_t *rsdp = find_rsdp();
	if (sum(rsdp, 20) != 0 || sum(rsdp, u32(rsdp + 20)) != 0)
		fail(FAIL_CHECKSUM, "RSDP checksum");
	kprintf("acpi rsdp=0x%x revision=%u\n", (uint32_t)(uintptr_t)rsdp, rsdp[15]);

	const uint8_t *xsdt = table(u64(rsdp + 24), "XSDT");
	const uint8_t *rsdt = table(u32(rsdp + 16), "RSDT");
	const uint8_t *fadt = NULL, *madt = NULL;
	uint32_t n = (u32(xsdt + 4) - 36) / 8;
	if ((u32(rsdt + 4) - 36) / 4 != n)
		fail(FAIL_NO_TABLE, "RSDT and XSDT differ");
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *t = table(u64(xsdt + 36 + 8 * i), "XSDT entry");
		if (u32(rsdt + 36 + 4 * i) != (uint32_t)(uintptr_t)t)
			fail(FAIL_NO_TABLE, "RSDT entry %u differs", i);
		if (memcmp(t, "FACP", 4) == 0)
			fadt = t;
		else if (memcmp(t, "APIC", 4) == 0)
			madt = t;
	}
	if (!fadt || !madt)
		fail(FAIL_NO_TABLE, "FADT or MADT missing");
	kprintf("acpi fadt hw_reduced=%u\n", (u32(fadt + 112) >> 20) & 1);

	uint32_t cpus = 0, ioapic = 0;
	for (uint32_t at = 44; at < u32(madt + 4); at += madt[at + 1]) {
		if (madt[at + 1] < 2)
			fail(FAIL_NO_TABLE, "MADT entry of length %u", madt[at + 1]);
		if (madt[at] == 0 && (u32(madt + at + 4) & 1))
			cpus++;
		if (madt[at] == 1)
			ioapic = u32(madt + at + 4);
	}
	kprintf("acpi cpus=%u ioapic=0x%x\n", cpus, ioapic);

	const uint8_t *dsdt = table(u64(fadt + 140), "DSDT");
	uint32_t len = u32(dsdt + 4);
	for (const uint8_t *p = dsdt; (p = find(p, len - (uint32_t)(p - dsdt), "LNRO0005", 8)) != NULL; p += 8) {
		const uint8_t mem32[] = { 0x86, 0x09, 0x00 }, extirq[] = { 0x89, 0x06, 0x00 };
		uint32_t left = len - (uint32_t)(p - dsdt);
		const uint8_t *m = find(p, left, mem32, 3), *q = find(p, left, extirq, 3);
		if (!m || !q)
			fail(FAIL_DSDT, "LNRO0005 without Memory32Fixed and interrupt");
		uint32_t base = u32(m + 4), size = u32(m + 8), irq = u32(q + 5);
		uint32_t magicv = mmio_read32(base + VIRTIO_MMIO_MAGIC), id = mmio_read32(base + VIRTIO_MMIO_DEVICE_ID);
		kprintf("acpi virtio base=0x%x size=0x%x irq=%u %s magic=%s id=%u\n", base, size, irq,
			(q[3] & 2) ? "edge" : "level", magicv == VIRTIO_MAGIC ? "ok" : "bad", id);
	}

	/* \_S5: Name(\_S5_, Package(n){SLP_TYP, ...}); the type is a ByteConst (0x0a) or Zero/One. */
	const uint8_t *s5 = find(dsdt, len, "_S5_", 4);
	if (!s5 || s5[4] != 0x12)
		fail(FAIL_DSDT, "no \\_S5 package");
	const uint8_t *el = s5 + 5 + 1 + 1; /* PkgLength (one byte here), NumElements. */
	uint8_t slp_typ = el[0] == 0x0a ? el[1] : el[0];
	kprintf("acpi s5 slp_typ=%u\n", slp_typ);

	char action[16];
	if (!cmdline_value(cmdline, "action", action, sizeof action))
		return 0;
	if (strcmp(action, "off") == 0) {
		/* Sleep control register: GAS at 244; I/O space, byte access. */
		kprintf("acpi powering off\n");
		outb((uint16_t)u64(fadt + 248), (uint8_t)((slp_typ << 2) | 0x20));
	} else if (strcmp(action, "reset") == 0) {
		kprintf("acpi resetting\n");
		outb((uint16_t)u64(fadt + 120), fadt[128]);
	}
	for (volatile int i = 0; i < 1000000; i++)
		;
	fail(FAIL_STILL_ON, "still running after %s", action);
}
