/* hello: the smallest guest. Prints a fixed line and exits with cmdline code=N (default 0). */
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

int kmain(uint32_t magic, struct mb_info *mbi)
{
	uart_init();
	kprintf("hello from nido guest\n");
	return (int)cmdline_uint(mb_cmdline(magic, mbi), "code", 0);
}
