/* 256 interrupt stubs, 16 bytes apart, all funnelling into isr_dispatch(struct int_frame *).
 * Vectors where the CPU pushes an error code skip the dummy push so frames look alike. */
	.text
	.align 16
	.globl isr_stubs
isr_stubs:
	.set vec, 0
	.rept 256
	.align 16
	.if vec == 8 || vec == 10 || vec == 11 || vec == 12 || vec == 13 || vec == 14 || vec == 17 || vec == 21 || vec == 29 || vec == 30
	.else
	push $0
	.endif
	push $vec
	jmp isr_common
	.set vec, vec + 1
	.endr

isr_common:
	pusha
	cld
	push %esp /* struct int_frame * */
	call isr_dispatch
	add $4, %esp
	popa
	add $8, %esp /* vector and error code */
	/* Return without iret: KVM's instruction emulator (which runs these guests on PVM hosts) handles iret
	 * only in real mode. Same privilege level, so the frame is EIP, CS, EFLAGS: reorder it to EFLAGS, EIP
	 * and finish with popf; ret. popf restores IF, and the interrupt shadow of the following ret is harmless. */
	push %eax
	mov 4(%esp), %eax   /* EIP */
	xchg %eax, 12(%esp) /* EFLAGS slot takes EIP; eax = EFLAGS */
	mov %eax, 8(%esp)   /* CS slot takes EFLAGS */
	pop %eax
	add $4, %esp        /* drop the old EIP slot: [esp] = EFLAGS, [esp+4] = EIP */
	popf
	ret

	.section .note.GNU-stack, "", @progbits
