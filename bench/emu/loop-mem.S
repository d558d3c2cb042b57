/* Load/store loop: 7 instructions per iteration, 4 of them memory accesses (ITERS from the build). */
	.section .text.init
	.globl _start
_start:
	li t0, ITERS
	la a0, buffer
1:	ld t1, 0(a0)
	addi t1, t1, 1
	sd t1, 8(a0)
	ld t2, 8(a0)
	sw t2, 16(a0)
	addi t0, t0, -1
	bnez t0, 1b
	la t3, tohost
	li t4, 1
	sd t4, 0(t3)
2:	j 2b

	.data
	/* Its own page: QEMU's spike serves the page holding tohost as I/O. */
	.align 12
buffer: .zero 64

	.section .tohost, "aw", @progbits
	.align 6
	.globl tohost
tohost: .dword 0
	.size tohost, 8
	.align 6
	.globl fromhost
fromhost: .dword 0
	.size fromhost, 8
