/* smp: finds the MP table (Intel MP spec 1.4), counts enabled processors, starts every AP
 * with INIT + 2x STARTUP through the local APIC, and waits for each to check in.
 *   mp cpus=<n>
 *   smp started=<n>   (including the BSP) */
#include "io.h"
#include "irq.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

#define TRAMP_BASE    0x8000u /* SIPI vector 0x08 -> 0x8000; must match smp_trampoline.S */
#define SIPI_VECTOR   (TRAMP_BASE >> 12)
#define MAX_CPUS      64
#define AP_STACK_SIZE 4096
#define GIVE_UP       2000000000ull /* TSC cycles */

struct mp_floating {
	char sig[4]; /* "_MP_" */
	uint32_t config;
	uint8_t length; /* in 16-byte units */
	uint8_t rev, checksum;
	uint8_t features[5]; /* features[0] != 0: a default configuration, no table */
} __attribute__((packed));

struct mp_config {
	char sig[4]; /* "PCMP" */
	uint16_t length;
	uint8_t rev, checksum;
	char oem[8], product[12];
	uint32_t oem_table;
	uint16_t oem_table_size, entries;
	uint32_t lapic;
	uint16_t ext_length;
	uint8_t ext_checksum, reserved;
} __attribute__((packed));

struct mp_processor {
	uint8_t type, apic_id, apic_ver, flags; /* flags bit 0: enabled, bit 1: bootstrap */
	uint32_t signature, features, reserved[2];
} __attribute__((packed));

extern char ap_tramp_start[], ap_tramp_end[];
/* Shared with the trampoline and the APs. */
volatile uint32_t ap_ticket, ap_count;
uint8_t ap_stacks[MAX_CPUS * AP_STACK_SIZE] __attribute__((aligned(16)));

void ap_main(void) { __atomic_fetch_add(&ap_count, 1, __ATOMIC_SEQ_CST); }

static uint8_t sum8(const void *p, uint32_t n)
{
	uint8_t s = 0;
	for (const uint8_t *b = p; n--; b++)
		s += *b;
	return s;
}

static const struct mp_floating *scan(uint32_t start, uint32_t len)
{
	for (uint32_t a = start; a + sizeof(struct mp_floating) <= start + len; a += 16)
		if (memcmp((const void *)(uintptr_t)a, "_MP_", 4) == 0)
			return (const void *)(uintptr_t)a;
	return 0;
}

/* The three places the MP spec names, in its order. */
static const struct mp_floating *find_mp(void)
{
	const struct mp_floating *mp = 0;
	uint32_t ebda = (uint32_t)low_read16(0x40e) << 4;
	uint32_t base_kib = low_read16(0x413); /* BDA: base memory size */
	if (base_kib < 64 || base_kib > 640)
		base_kib = 640;
	if (ebda)
		mp = scan(ebda, 1024);
	if (!mp)
		mp = scan((base_kib - 1) * 1024, 1024);
	if (!mp)
		mp = scan(0xf0000, 0x10000);
	return mp;
}

static void delay(uint64_t cycles)
{
	uint64_t t0 = rdtsc();
	while (rdtsc() - t0 < cycles)
		cpu_relax();
}

static void send_ipi(uint8_t apic_id, uint32_t low)
{
	lapic_write(LAPIC_ICR_HI, (uint32_t)apic_id << 24);
	lapic_write(LAPIC_ICR_LO, low);
	uint64_t t0 = rdtsc();
	while (lapic_read(LAPIC_ICR_LO) & (1u << 12)) /* delivery pending */
		if (rdtsc() - t0 > GIVE_UP)
			fail(9, "ipi 0x%x to apic %u never delivered", low, apic_id);
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	uart_init();
	const struct mp_floating *mp = find_mp();
	if (!mp)
		fail(2, "no mp table");
	if (mp->length == 0 || sum8(mp, mp->length * 16u) != 0)
		fail(3, "mp floating pointer checksum");
	if (mp->features[0] || !mp->config)
		fail(4, "mp default configuration %u (no config table) unsupported", mp->features[0]);
	const struct mp_config *cfg = (const void *)(uintptr_t)mp->config;
	if (memcmp(cfg->sig, "PCMP", 4) != 0)
		fail(5, "mp config table signature");
	if (sum8(cfg, cfg->length) != 0)
		fail(6, "mp config table checksum");

	uint8_t ids[MAX_CPUS];
	uint32_t n = 0;
	const uint8_t *e = (const uint8_t *)(cfg + 1), *end = (const uint8_t *)cfg + cfg->length;
	for (uint32_t i = 0; i < cfg->entries; i++) {
		if (e >= end)
			fail(7, "mp config entries overrun the table");
		if (*e == 0) {
			const struct mp_processor *p = (const void *)e;
			if (p->flags & 1) {
				if (n == MAX_CPUS)
					fail(7, "more than %u cpus", MAX_CPUS);
				ids[n++] = p->apic_id;
			}
			e += sizeof *p;
		} else if (*e <= 4) {
			e += 8; /* bus, I/O APIC, I/O interrupt, local interrupt */
		} else {
			fail(7, "unknown mp config entry type %u", *e);
		}
	}
	kprintf("mp cpus=%u\n", n);

	if (n > 1) {
		lapic_enable(0xff);
		uint8_t self = lapic_read(LAPIC_ID) >> 24;
		memcpy((void *)(uintptr_t)TRAMP_BASE, ap_tramp_start, ap_tramp_end - ap_tramp_start);
		int found_self = 0;
		for (uint32_t i = 0; i < n; i++) {
			if (ids[i] == self) {
				found_self = 1;
				continue;
			}
			send_ipi(ids[i], 0x0000c500); /* INIT, level assert */
			send_ipi(ids[i], 0x00008500); /* INIT, level de-assert */
			delay(10000000);
			send_ipi(ids[i], 0x00004600 | SIPI_VECTOR); /* STARTUP */
			delay(1000000);
			send_ipi(ids[i], 0x00004600 | SIPI_VECTOR); /* ignored by an AP already running */
		}
		if (!found_self)
			fail(8, "bsp apic id %u not in the mp table", self);
		uint64_t t0 = rdtsc();
		while (ap_count < n - 1) {
			if (rdtsc() - t0 > GIVE_UP)
				fail(10, "only %u of %u cpus started", ap_count + 1, n);
			cpu_relax();
		}
	}
	kprintf("smp started=%u\n", ap_count + 1);
	return 0;
}
