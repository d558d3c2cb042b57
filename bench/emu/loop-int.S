/* Integer loop: 4 instructions per iteration (ITERS from the build), then HTIF exit. */
	.section .text.init
	.globl _start
_start:
	li t0, ITERS
	li t1, 0
1:	addi t1, t1, 3
	xor t2, t1, t0
	addi t0, t0, -1
	bnez t0, 1b
	la t3, tohost
	li t4, 1
	sd t4, 0(t3)
2:	j 2b

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost: .dword 0
	.size tohost, 8
	.align 6
	.globl fromhost
fromhost: .dword 0
	.size fromhost, 8
