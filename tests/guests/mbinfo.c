/* mbinfo: prints and checks the Multiboot information the loader built.
 *   cmdline=<string>
 *   mem_lower=<KiB> mem_upper=<KiB>
 *   mmap base=0x<hex> len=0x<hex> type=<n>          (one per entry)
 *   mods=<count>
 *   mod <i> len=<bytes> string=<string> sum=0x<8 hex> (one per module; sum of bytes mod 2^32) */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

#define MMAP_RAM 1
#define KERNEL_BASE 0x100000u /* where multiboot.ld links the image */

/* Walks the variable-sized mmap entries: each one's size field excludes itself. */
#define for_each_mmap(e, mbi)                                                              \
	for (const struct mb_mmap_entry *e = (const void *)(uintptr_t)(mbi)->mmap_addr;        \
	     (uintptr_t)e < (uintptr_t)(mbi)->mmap_addr + (mbi)->mmap_length;                  \
	     e = (const void *)((uintptr_t)e + e->size + 4))

/* End of the gap-free run of RAM (type 1) entries that covers `from`; `from` if none does. */
static uint64_t ram_run_end(const struct mb_info *mbi, uint64_t from)
{
	for (int grew = 1; grew;) {
		grew = 0;
		for_each_mmap(e, mbi) {
			if (e->type == MMAP_RAM && e->base <= from && e->base + e->len > from) {
				from = e->base + e->len;
				grew = 1;
			}
		}
	}
	return from;
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	uart_init();
	if (magic != MB_BOOT_MAGIC)
		fail(2, "bad multiboot magic 0x%08x", magic);
	if (bss_dirty)
		fail(3, "loader did not zero .bss");

	const char *cmdline = mb_cmdline(magic, mbi);
	kprintf("cmdline=%s\n", cmdline ? cmdline : "");

	if (!(mbi->flags & MBI_MEM))
		fail(4, "no mem_lower/mem_upper (flag bit 0)");
	kprintf("mem_lower=%u mem_upper=%u\n", mbi->mem_lower, mbi->mem_upper);

	if (!(mbi->flags & MBI_MMAP) || mbi->mmap_length == 0)
		fail(5, "no memory map (flag bit 6)");
	for_each_mmap(e, mbi) {
		if (e->size < 20)
			fail(5, "mmap entry size %u < 20", e->size);
		kprintf("mmap base=0x%llx len=0x%llx type=%u\n", (unsigned long long)e->base,
			(unsigned long long)e->len, e->type);
	}

	/* The loaded image [1 MiB, _end) must lie in one RAM run, and mem_upper must be that run's
	 * size: KiB of RAM from 1 MiB to the first hole (QEMU's loader agrees). */
	uint64_t ram_end = ram_run_end(mbi, KERNEL_BASE);
	if (ram_end < (uintptr_t)_end)
		fail(6, "kernel [0x%x, %p) not inside type-1 RAM", KERNEL_BASE, _end);
	uint32_t ram_kib = (uint32_t)((ram_end - KERNEL_BASE) >> 10);
	if (mbi->mem_upper != ram_kib)
		fail(7, "mem_upper=%u but the mmap has %u KiB of RAM from 1 MiB", mbi->mem_upper, ram_kib);

	uint32_t count = (mbi->flags & MBI_MODS) ? mbi->mods_count : 0;
	kprintf("mods=%u\n", count);
	const struct mb_module *mods = (const void *)(uintptr_t)mbi->mods_addr;
	for (uint32_t i = 0; i < count; i++) {
		const struct mb_module *m = &mods[i];
		if (m->end < m->start)
			fail(8, "module %u ends (0x%x) before it starts (0x%x)", i, m->end, m->start);
		if (m->start & 0xfff) /* header flag bit 0 asked for page-aligned modules */
			fail(9, "module %u at 0x%x not page aligned", i, m->start);
		if (m->start < (uintptr_t)_end && m->end > KERNEL_BASE)
			fail(10, "module %u [0x%x, 0x%x) overlaps the kernel", i, m->start, m->end);
		uint32_t sum = 0;
		for (const uint8_t *p = (const void *)(uintptr_t)m->start; p < (const uint8_t *)(uintptr_t)m->end; p++)
			sum += *p;
		const char *s = m->string ? (const char *)(uintptr_t)m->string : "";
		kprintf("mod %u len=%u string=%s sum=0x%08x\n", i, m->end - m->start, s, sum);
	}

	/* QEMU's fw_cfg, as kvm-unit-tests read it: select an item on 0x510, read its bytes on 0x511. */
	char sig[5] = {0};
	outw(0x510, 0x00);
	for (int i = 0; i < 4; i++)
		sig[i] = (char)inb(0x511);
	outw(0x510, 0x05);
	uint32_t cpus = inb(0x511);
	cpus |= (uint32_t)inb(0x511) << 8;
	uint64_t ram = 0;
	outw(0x510, 0x03);
	for (int i = 0; i < 8; i++)
		ram |= (uint64_t)inb(0x511) << (8 * i);
	kprintf("fw_cfg signature=%s cpus=%u ram=0x%llx\n", sig, cpus, (unsigned long long)ram);
	return 0;
}
