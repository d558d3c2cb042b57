/* triple: an empty IDT makes int3 unhandleable: #BP -> #GP -> #DF -> triple fault (shutdown).
 * The VMM must stop with a non-zero status and a reason; the guest never exits itself. */
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	uart_init();
	kprintf("triple fault next\n");
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) empty = { 0, 0 };
	__asm__ volatile("lidt %0; int3" : : "m"(empty));
	fail(2, "int3 with an empty IDT returned");
}
