/* AP startup code. smp.c copies [ap_tramp_start, ap_tramp_end) to 0x8000 and sends
 * STARTUP IPIs with vector 0x08, so each AP starts in real mode at 0800:0000. It enters
 * flat 32-bit protected mode with the GDT below, takes a stack by ticket and calls ap_main. */
#define TRAMP_BASE 0x8000
#define AP_STACK_SIZE 4096
#define R(sym) ((sym) - ap_tramp_start + TRAMP_BASE) /* address once copied */

	.section .rodata
	.globl ap_tramp_start, ap_tramp_end
	.code16
ap_tramp_start:
	cli
	cld
	xor %ax, %ax
	mov %ax, %ds /* DS=0 so R() addresses are absolute */
	lgdtl R(tramp_gdt_desc)
	mov %cr0, %eax
	or $1, %eax /* PE */
	mov %eax, %cr0
	ljmpl $0x08, $R(tramp32)

	.code32
tramp32:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	/* APs run concurrently: a ticket picks each one's stack (the kernel is at its link address). */
	mov $1, %eax
	lock xadd %eax, ap_ticket
	inc %eax
	shl $12, %eax /* (ticket + 1) * AP_STACK_SIZE: top of this AP's stack */
	lea ap_stacks(%eax), %esp
	mov $ap_main, %eax
	call *%eax /* absolute: a relative call would be off by the copy distance */
1:	cli
	hlt
	jmp 1b

	.align 8
tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff /* 0x08: flat 32-bit code */
	.quad 0x00cf92000000ffff /* 0x10: flat data */
tramp_gdt_desc:
	.word tramp_gdt_desc - tramp_gdt - 1
	.long R(tramp_gdt)
ap_tramp_end:

	.section .note.GNU-stack, "", @progbits
