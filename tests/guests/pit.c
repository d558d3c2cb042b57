/* pit: PIT channel 0 at 100 Hz through the 8259 (IRQ0 -> vector 0x20); counts 20 ticks in hlt. */
#include "io.h"
#include "irq.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

#define PIT_HZ    1193182u
#define TICK_HZ   100u
#define WANT      20u
#define GIVE_UP   2000000000ull /* TSC cycles */

static volatile uint32_t ticks;

static void on_irq0(struct int_frame *f)
{
	(void)f;
	ticks++;
	pic_eoi(0);
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	uart_init();
	idt_init();
	idt_set_handler(PIC_BASE_MASTER + 0, on_irq0);
	pic_remap(0xfe, 0xff); /* IRQ0 only */

	uint16_t div = (PIT_HZ + TICK_HZ / 2) / TICK_HZ;
	outb(0x43, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator), binary */
	outb(0x40, div & 0xff);
	outb(0x40, div >> 8);

	if (!wait_ticks(&ticks, WANT, GIVE_UP)) {
		if (!ticks)
			fail(2, "no pit interrupts");
		fail(3, "pit stopped after %u ticks", ticks);
	}
	pic_remap(0xff, 0xff);
	kprintf("pit ticks=%u\n", ticks);
	return 0;
}
