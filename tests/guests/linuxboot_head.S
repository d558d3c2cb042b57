/* linuxboot payload head: the first bytes of the protected-mode code, loaded at code32_start
 * (0x100000). The 64-bit boot protocol enters at +0x200; +0 is the 32-bit entry. */
	.section .head, "ax"

	/* +0: 32-bit protocol entry. Not supported: say so on COM1 and exit 9 through port 0xf4. */
	.code32
	.globl startup_32
startup_32:
	cli
	mov $msg32, %esi
1:	lodsb
	test %al, %al
	jz 3f
	mov %al, %ah
	mov $0x3fd, %dx /* LSR */
2:	inb %dx, %al
	test $0x20, %al /* THR empty */
	jz 2b
	mov %ah, %al
	mov $0x3f8, %dx
	outb %al, %dx
	jmp 1b
3:	mov $0xf4, %dx
	mov $9, %eax
	outl %eax, %dx
4:	hlt
	jmp 4b
msg32:
	.asciz "FAIL: entered at the 32-bit entry; this image needs the 64-bit entry (+0x200)\n"

	/* +0x100: kernel_info (boot protocol 2.15), found through the header's kernel_info_offset. */
	.org 0x100
kernel_info:
	.ascii "LToP"
	.long kernel_info_end - kernel_info /* size */
	.long kernel_info_end - kernel_info /* size_total: no variable-length data */
	.long 0x80000009 /* setup_type_max as Linux 6.x: SETUP_INDIRECT | SETUP_RNG_SEED (setup_data is ignored) */
kernel_info_end:

	/* +0x200: 64-bit entry. Paging on (identity map), interrupts off, RSI = boot_params. */
	.org 0x200
	.code64
	.globl startup_64
startup_64:
	cli
	cld
	mov %rsi, %r12
	/* The loader copies only the file; .bss (with our stack) is ours to clear (init_size covers it). */
	lea __bss_start(%rip), %rdi
	lea __bss_end(%rip), %rcx
	sub %rdi, %rcx
	xor %eax, %eax
	rep stosb
	lea stack_top(%rip), %rsp
	mov %r12, %rdi
	call lb_main
	mov %eax, %edi
	call guest_exit

	.bss
	.align 16
	.skip 16384
stack_top:

	.section .note.GNU-stack, "", @progbits
