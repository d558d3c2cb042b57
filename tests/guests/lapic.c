/* lapic: local APIC timer, periodic on vector 0x40 with divide 16; counts 10 interrupts in hlt. */
#include "io.h"
#include "irq.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

#define TIMER_VECTOR    0x40
#define SPURIOUS_VECTOR 0xff
#define WANT            10u
#define GIVE_UP         2000000000ull /* TSC cycles */
/* KVM and QEMU clock the APIC timer at 1 GHz: 1e9 / 16 / 625000 = 100 Hz. */
#define INITIAL_COUNT   625000u

static volatile uint32_t ticks;

static void on_timer(struct int_frame *f)
{
	(void)f;
	ticks++;
	lapic_write(LAPIC_EOI, 0);
}

static void on_spurious(struct int_frame *f) { (void)f; /* no EOI for spurious */ }

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	uart_init();
	idt_init();
	idt_set_handler(TIMER_VECTOR, on_timer);
	idt_set_handler(SPURIOUS_VECTOR, on_spurious);
	pic_remap(0xff, 0xff); /* 8259s initialised but fully masked: only the APIC timer interrupts */

	lapic_enable(SPURIOUS_VECTOR);
	lapic_write(LAPIC_TMR_DCR, 0x3); /* divide by 16 */
	lapic_write(LAPIC_LVT_TMR, (1u << 17) | TIMER_VECTOR); /* periodic, unmasked */
	lapic_write(LAPIC_TMR_ICR, INITIAL_COUNT);             /* starts the timer */

	if (!wait_ticks(&ticks, WANT, GIVE_UP)) {
		if (!ticks)
			fail(2, "no lapic timer interrupts");
		fail(3, "lapic timer stopped after %u ticks", ticks);
	}
	lapic_write(LAPIC_LVT_TMR, 1u << 16); /* mask */
	kprintf("lapic ticks=%u\n", ticks);
	return 0;
}
