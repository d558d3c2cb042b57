/* triple: an empty IDT makes ud2 unhandleable: #UD -> #GP -> #DF -> triple fault (shutdown).
 * The VMM must stop with a non-zero status and a reason; the guest never exits itself. ud2 rather than
 * int3: KVM's instruction emulator (all of a plain guest on PVM hosts) runs software interrupts only in
 * real mode, while a fault is delivered by KVM's event injection on every host. */
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
	__asm__ volatile("lidt %0; ud2" : : "m"(empty));
	fail(2, "ud2 with an empty IDT returned");
}
