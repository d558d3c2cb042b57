/* Multiboot v1 header and 32-bit entry shared by all Multiboot guests. */
#define MB_HEADER_MAGIC 0x1BADB002
#define MB_HEADER_FLAGS 0x00000003 /* bit 0: page-align modules, bit 1: memory info */

	.section .multiboot, "a"
	.align 4
	.long MB_HEADER_MAGIC, MB_HEADER_FLAGS, -(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.text
	.globl _start
_start:
	cli
	cld
	mov %eax, %ebp /* Multiboot magic */
	mov %ebx, %esi /* Multiboot info */
	/* Multiboot leaves GDTR undefined; interrupt gates reload CS from the GDT, so load our own. */
	lgdt gdt_desc
	ljmp $0x08, $1f
1:	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	/* The loader must zero .bss (ELF p_memsz beyond p_filesz): record if it did not, then zero it. */
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	repe scasb
	setne bss_dirty
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	rep stosb
	mov $stack_top, %esp
	push %esi
	push %ebp
	call kmain
	push %eax
	call guest_exit

	.section .rodata
	.align 8
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff /* 0x08: flat 32-bit code */
	.quad 0x00cf92000000ffff /* 0x10: flat data */
gdt_desc:
	.word gdt_desc - gdt - 1
	.long gdt

	.data
	.globl bss_dirty
bss_dirty:
	.byte 0

	.bss
	.align 16
stack:
	.skip 16384
stack_top:

	.section .note.GNU-stack, "", @progbits
