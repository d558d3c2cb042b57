/* echo: line-by-line UART input. Prints "ready", then "got: <line>" per line (ended by \n or \r;
 * \r\n counts once); after the line "quit" (also echoed) prints "bye" and exits 0. */
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

#define LINE_MAX 256

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	char line[LINE_MAX];
	size_t len = 0;
	int prev = 0;
	uart_init();
	kprintf("ready\n");
	for (;;) {
		int c = uart_getc();
		if (c == '\n' && prev == '\r') { /* second half of \r\n */
			prev = c;
			continue;
		}
		prev = c;
		if (c != '\n' && c != '\r') {
			if (len < LINE_MAX - 1) /* longer lines are truncated */
				line[len++] = (char)c;
			continue;
		}
		line[len] = '\0';
		len = 0;
		kprintf("got: %s\n", line);
		if (strcmp(line, "quit") == 0) {
			kprintf("bye\n");
			return 0;
		}
	}
}
