#include "irq.h"
#include "io.h"
#include "util.h"

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

static struct idt_gate idt[256] __attribute__((aligned(8)));
static irq_handler handlers[256];
extern char isr_stubs[]; /* isr.S: stub for vector v at isr_stubs + 16*v */
static uintptr_t lapic_base;

void isr_dispatch(struct int_frame *f)
{
	irq_handler h = handlers[f->vector & 0xff];
	if (h) {
		h(f);
		return;
	}
	if (f->vector < 32)
		fail(0x70, "cpu exception %u error=0x%x eip=0x%08x", f->vector, f->error, f->eip);
	fail(0x71, "unexpected interrupt vector 0x%02x", f->vector);
}

void idt_init(void)
{
	uint16_t cs;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	for (int v = 0; v < 256; v++) {
		uintptr_t a = (uintptr_t)isr_stubs + 16 * v;
		idt[v] = (struct idt_gate){ (uint16_t)a, cs, 0, 0x8e /* present, 32-bit interrupt gate */, (uint16_t)(a >> 16) };
	}
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) desc = { sizeof idt - 1, (uint32_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(desc));
}

void idt_set_handler(uint8_t vector, irq_handler h) { handlers[vector] = h; }

void pic_remap(uint8_t master_mask, uint8_t slave_mask)
{
	outb(0x20, 0x11); /* ICW1: initialise, ICW4 follows, edge triggered, cascade */
	outb(0xa0, 0x11);
	outb(0x21, PIC_BASE_MASTER); /* ICW2: vector base */
	outb(0xa1, PIC_BASE_SLAVE);
	outb(0x21, 0x04); /* ICW3: slave on master's IRQ2 */
	outb(0xa1, 0x02); /* ICW3: slave identity 2 */
	outb(0x21, 0x01); /* ICW4: 8086 mode, normal EOI */
	outb(0xa1, 0x01);
	outb(0x21, master_mask); /* OCW1 */
	outb(0xa1, slave_mask);
}

void pic_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(0xa0, 0x20);
	outb(0x20, 0x20); /* non-specific EOI */
}

uintptr_t lapic_enable(uint8_t spurious_vector)
{
	uint64_t msr = rdmsr(MSR_APIC_BASE);
	if (!(msr & (1u << 11))) /* global enable */
		wrmsr(MSR_APIC_BASE, msr | (1u << 11));
	lapic_base = (uintptr_t)(msr & 0xfffff000u);
	lapic_write(LAPIC_TPR, 0);                         /* accept every priority */
	lapic_write(LAPIC_SVR, 0x100u | spurious_vector); /* bit 8: software enable */
	return lapic_base;
}

uint32_t lapic_read(uint32_t reg) { return mmio_read32(lapic_base + reg); }
void lapic_write(uint32_t reg, uint32_t v) { mmio_write32(lapic_base + reg, v); }

int wait_ticks(volatile uint32_t *ticks, uint32_t want, uint64_t limit)
{
	uint64_t t0 = rdtsc();
	for (;;) {
		cli();
		if (*ticks >= want)
			return 1;
		if (rdtsc() - t0 > limit)
			return 0;
		if (*ticks)
			__asm__ volatile("sti; hlt" : : : "memory"); /* sti's shadow covers hlt */
		else
			__asm__ volatile("sti; nop; pause" : : : "memory"); /* window for the first tick */
	}
}
