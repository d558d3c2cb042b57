/* pvhinfo: booted through the PVH entry (Xen ELF note 18). Checks the hvm_start_info in EBX and prints
 * what it holds: version, command line, modules (size and byte sum) and the memory map. Exits 0, or 2
 * when the magic is wrong. */
#include <stdint.h>
#include "print.h"
#include "uart.h"
#include "util.h"

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
	uint32_t memmap_entries, reserved;
};
struct hvm_modlist_entry { uint64_t paddr, size, cmdline_paddr, reserved; };
struct hvm_memmap_entry { uint64_t addr, size; uint32_t type, reserved; };

int kmain(uint32_t eax, const struct hvm_start_info *si)
{
	(void)eax;
	uart_init();
	if (si->magic != 0x336ec578) {
		kprintf("pvh bad magic 0x%x\n", si->magic);
		return 2;
	}
	kprintf("pvh version=%u\n", si->version);
	kprintf("pvh cmdline=%s\n", si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "");
	kprintf("pvh rsdp=0x%llx\n", (unsigned long long)si->rsdp_paddr);
	const struct hvm_modlist_entry *m = (const void *)(uintptr_t)si->modlist_paddr;
	for (uint32_t i = 0; i < si->nr_modules; i++) {
		uint32_t sum = 0;
		const uint8_t *p = (const void *)(uintptr_t)m[i].paddr;
		for (uint64_t j = 0; j < m[i].size; j++)
			sum += p[j];
		kprintf("pvh module %u size=%llu sum=0x%08x aligned=%u\n", i, (unsigned long long)m[i].size, sum,
			(unsigned)((m[i].paddr & 0xfff) == 0));
	}
	const struct hvm_memmap_entry *e = (const void *)(uintptr_t)si->memmap_paddr;
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		kprintf("pvh mmap 0x%llx+0x%llx type=%u\n", (unsigned long long)e[i].addr, (unsigned long long)e[i].size, e[i].type);
	return 0;
}
