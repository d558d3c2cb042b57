/* cpuid: what the VMM's CPUID and APIC-base MSR report. */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"

/* 12 ASCII bytes from three registers; stops at a NUL ("KVMKVMKVM\0\0\0" prints as KVMKVMKVM). */
static void print_regs_str(const char *prefix, uint32_t a, uint32_t b, uint32_t c)
{
	char s[13];
	memcpy(s, &a, 4);
	memcpy(s + 4, &b, 4);
	memcpy(s + 8, &c, 4);
	s[12] = '\0';
	kprintf("%s%s\n", prefix, s);
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	(void)magic, (void)mbi;
	uint32_t r[4];
	uart_init();

	cpuid(0, 0, r);
	print_regs_str("vendor=", r[1], r[3], r[2]); /* EBX, EDX, ECX */

	cpuid(1, 0, r);
	uint32_t hv = r[2] >> 31, apic_id = r[1] >> 24;
	kprintf("hypervisor=%u\n", hv);
	if (hv) {
		uint32_t h[4];
		cpuid(0x40000000, 0, h);
		print_regs_str("hv_vendor=", h[1], h[2], h[3]); /* EBX, ECX, EDX */
	}
	kprintf("apic_id=%u\n", apic_id);

	cpuid(0x80000000, 0, r);
	uint32_t lm = 0;
	if (r[0] >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		lm = (r[3] >> 29) & 1;
	}
	kprintf("lm=%u\n", lm);
	kprintf("msr_apic_base=0x%llx\n", (unsigned long long)rdmsr(0x1b));
	return 0;
}
