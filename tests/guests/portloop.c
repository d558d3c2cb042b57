/* portloop: n=N (default 100000) byte writes to an unassigned port (port=P, default 0x510),
 * each one a VM exit to the VMM's I/O handler: a benchmark of the exit round trip. */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

int kmain(uint32_t magic, struct mb_info *mbi)
{
	const char *cmdline = mb_cmdline(magic, mbi);
	uint32_t n = (uint32_t)cmdline_uint(cmdline, "n", 100000);
	uint16_t port = (uint16_t)cmdline_uint(cmdline, "port", 0x510);
	uart_init();
	kprintf("portloop start n=%u port=0x%x\n", n, port);
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < n; i++)
		outb(port, (uint8_t)i);
	uint64_t t1 = rdtsc();
	kprintf("portloop done n=%u\n", n);
	kprintf("portloop tsc=%llu\n", (unsigned long long)(t1 - t0));
	return 0;
}
