/* Multiboot v1 boot information (the parts the guests read). */
#ifndef GUEST_MULTIBOOT_H
#define GUEST_MULTIBOOT_H
#include <stdint.h>

#define MB_BOOT_MAGIC 0x2BADB002 /* EAX at entry */

#define MBI_MEM     (1u << 0)
#define MBI_CMDLINE (1u << 2)
#define MBI_MODS    (1u << 3)
#define MBI_MMAP    (1u << 6)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper; /* KiB below 640 KiB / KiB from 1 MiB to the first hole */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
};

/* mmap entries are variable-sized: size counts the bytes after the size field itself. */
struct mb_mmap_entry {
	uint32_t size;
	uint64_t base;
	uint64_t len;
	uint32_t type;
} __attribute__((packed));

struct mb_module {
	uint32_t start, end; /* [start, end) */
	uint32_t string;
	uint32_t reserved;
};

/* The kernel command line, or NULL when the loader gave none (or is not Multiboot). */
static inline const char *mb_cmdline(uint32_t magic, const struct mb_info *mbi)
{
	if (magic != MB_BOOT_MAGIC || !mbi || !(mbi->flags & MBI_CMDLINE) || !mbi->cmdline)
		return 0;
	return (const char *)(uintptr_t)mbi->cmdline;
}

/* Guest entry point called by entry.S; the return value is the exit code. */
int kmain(uint32_t magic, struct mb_info *mbi);

/* Set by entry.S when .bss was not all zero at entry (the loader must zero it). */
extern uint8_t bss_dirty;
/* Linker-script symbol: the kernel image ends here (it starts at 1 MiB). */
extern char _end[];

#endif
