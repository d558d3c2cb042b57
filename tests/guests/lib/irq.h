/* IDT, 8259 PIC and local APIC helpers for the interrupt guests (32-bit only). */
#ifndef GUEST_IRQ_H
#define GUEST_IRQ_H
#include <stdint.h>

/* What isr_common leaves on the stack: pusha, then vector and error code, then the CPU's frame. */
struct int_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
};

typedef void (*irq_handler)(struct int_frame *f);

/* Fills all 256 gates and loads the IDT. Vectors without a handler fail the guest
 * (exit 0x70 for CPU exceptions, 0x71 for anything else) so a stray interrupt is visible. */
void idt_init(void);
void idt_set_handler(uint8_t vector, irq_handler h);

/* 8259 pair: remap master to 0x20..0x27 and slave to 0x28..0x2f, then apply the masks
 * (bit set = IRQ masked). */
#define PIC_BASE_MASTER 0x20
#define PIC_BASE_SLAVE  0x28
void pic_remap(uint8_t master_mask, uint8_t slave_mask);
void pic_eoi(unsigned irq);

/* Local APIC through IA32_APIC_BASE (MSR 0x1b): enables it (global enable bit and
 * the spurious-vector register's software enable) and returns its MMIO base. */
#define MSR_APIC_BASE 0x1b
#define LAPIC_ID      0x020
#define LAPIC_TPR     0x080
#define LAPIC_EOI     0x0b0
#define LAPIC_SVR     0x0f0
#define LAPIC_ICR_LO  0x300
#define LAPIC_ICR_HI  0x310
#define LAPIC_LVT_TMR 0x320
#define LAPIC_TMR_ICR 0x380
#define LAPIC_TMR_DCR 0x3e0
uintptr_t lapic_enable(uint8_t spurious_vector);
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t v);

/* Sleeps in hlt until *ticks reaches want, with interrupts enabled only inside "sti; hlt"
 * so no wakeup is lost. Until the first tick the wait polls instead of halting, so a
 * source that never fires is reported (returns 0) once `limit` TSC cycles have passed
 * rather than hanging. Returns 1 with interrupts disabled and *ticks == want. */
int wait_ticks(volatile uint32_t *ticks, uint32_t want, uint64_t limit);

#endif
