/* ticker: runs until told to stop. Prints "tick N" every period=CYCLES TSC cycles (default 20M) and
 * watches the keyboard controller: every byte is printed as "kbd XX"; once the Ctrl-Alt-Del chord's
 * last byte (Ctrl release: 0x9d in set 1, 0x14 after 0xf0 in set 2) arrives it prints "kbd ctrl-alt-del"
 * and exits 0. Exits 3 after limit=N ticks (default 0 = never). */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

int kmain(uint32_t magic, struct mb_info *mbi)
{
	const char *cmdline = mb_cmdline(magic, mbi);
	uart_init();
	uint64_t period = cmdline_uint(cmdline, "period", 20000000ull);
	uint64_t limit = cmdline_uint(cmdline, "limit", 0);
	kprintf("ticker ready\n");
	uint64_t next = rdtsc() + period, ticks = 0;
	uint8_t previous = 0;
	for (;;) {
		if (inb(0x64) & 1) {
			uint8_t b = inb(0x60);
			kprintf("kbd %02x\n", b);
			if (b == 0x9d || (previous == 0xf0 && b == 0x14)) {
				kprintf("kbd ctrl-alt-del\n");
				return 0;
			}
			previous = b;
		}
		if (rdtsc() >= next) {
			kprintf("tick %llu\n", (unsigned long long)++ticks);
			next += period;
			if (limit && ticks >= limit)
				return 3;
		}
	}
}
