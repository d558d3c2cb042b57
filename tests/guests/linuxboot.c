/* linuxboot: a 64-bit guest booted through the Linux x86 boot protocol's 64-bit entry.
 * Prints what the loader put in boot_params (the zero page):
 *   cmdline=<string>
 *   e820 entries=<n>
 *   e820 base=0x<hex> len=0x<hex> type=<n>   (one per entry)
 *   initrd len=<bytes> sum=0x<8 hex>  or  initrd none
 *   loader=0x<2 hex> */
#include "io.h"
#include "print.h"
#include "uart.h"
#include "util.h"

/* boot_params offsets (Documentation/arch/x86/zero-page.rst). */
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE  0x0c4
#define BP_EXT_CMD_LINE_PTR  0x0c8
#define BP_E820_ENTRIES      0x1e8
#define BP_HDR_MAGIC         0x202 /* "HdrS" of the copied setup header */
#define BP_TYPE_OF_LOADER    0x210
#define BP_ACPI_RSDP         0x070
#define BP_RAMDISK_IMAGE     0x218
#define BP_RAMDISK_SIZE      0x21c
#define BP_CMD_LINE_PTR      0x228
#define BP_E820_TABLE        0x2d0
#define E820_MAX             128
#define E820_RAM             1
#define CMDLINE_MAX          4096

extern char _payload_start[], _end[];

static uint32_t rd32(const uint8_t *bp, uint32_t off)
{
	uint32_t v;
	memcpy(&v, bp + off, 4);
	return v;
}

static uint64_t rd64(const uint8_t *bp, uint32_t off) { return rd32(bp, off) | (uint64_t)rd32(bp, off + 4) << 32; }

int lb_main(const uint8_t *bp)
{
	uart_init();
	if (memcmp(bp + BP_HDR_MAGIC, "HdrS", 4) != 0)
		fail(5, "boot_params at %p has no setup header (HdrS at 0x202)", bp);

	uint64_t cmd = rd32(bp, BP_CMD_LINE_PTR) | (uint64_t)rd32(bp, BP_EXT_CMD_LINE_PTR) << 32;
	uart_puts("cmdline=");
	for (const char *s = (const char *)(uintptr_t)cmd; s && *s && s < (const char *)(uintptr_t)cmd + CMDLINE_MAX; s++)
		uart_putc(*s);
	uart_putc('\n');

	uint32_t n = bp[BP_E820_ENTRIES];
	kprintf("e820 entries=%u\n", n);
	if (n == 0)
		fail(2, "no e820 entries");
	if (n > E820_MAX)
		fail(3, "e820 entries=%u > %u", n, E820_MAX);
	int kernel_in_ram = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t off = BP_E820_TABLE + 20 * i;
		uint64_t base = rd64(bp, off), len = rd64(bp, off + 8);
		uint32_t type = rd32(bp, off + 16);
		kprintf("e820 base=0x%llx len=0x%llx type=%u\n", (unsigned long long)base, (unsigned long long)len, type);
		if (type == E820_RAM && base <= (uintptr_t)_payload_start && base + len >= (uintptr_t)_end)
			kernel_in_ram = 1;
	}
	if (!kernel_in_ram)
		fail(4, "kernel [%p, %p) not inside one e820 RAM entry", _payload_start, _end);

	uint64_t rd_image = rd32(bp, BP_RAMDISK_IMAGE) | (uint64_t)rd32(bp, BP_EXT_RAMDISK_IMAGE) << 32;
	uint64_t rd_size = rd32(bp, BP_RAMDISK_SIZE) | (uint64_t)rd32(bp, BP_EXT_RAMDISK_SIZE) << 32;
	if (rd_size) {
		uint32_t sum = 0;
		for (const uint8_t *p = (const uint8_t *)(uintptr_t)rd_image; p < (const uint8_t *)(uintptr_t)(rd_image + rd_size); p++)
			sum += *p;
		kprintf("initrd len=%llu sum=0x%08x\n", (unsigned long long)rd_size, sum);
	} else {
		kprintf("initrd none\n");
	}
	kprintf("loader=0x%02x\n", bp[BP_TYPE_OF_LOADER]);
	kprintf("acpi_rsdp=0x%llx\n", (unsigned long long)rd64(bp, BP_ACPI_RSDP));
	return 0;
}
