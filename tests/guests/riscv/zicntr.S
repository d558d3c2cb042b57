/* Zicntr: cycle and instret count up and shadow mcycle/minstret, mcycle/minstret are writable, and
 * mcounteren/scounteren decide whether S and U may read them (illegal instruction otherwise; the
 * M-mode counters are never readable below M). Cases 200 and up are the time CSR: it lies
 * between two reads of the CLINT's mtime and is gated by the TM bits. QEMU 7.2's spike machine
 * has no time CSR (rdtime is illegal there), so under QEMU this program stops at case 200. */
#include "test.h"

#define CY (1 << 0)
#define TM (1 << 1)
#define IR (1 << 2)

/* Reads csr in mode (MPP_S or MPP_U); allowed = 1: the read works, 0: illegal instruction. */
.macro READ_IN n, mpp, csr, allowed
	CASE \n
	li a1, 0
	EXPECT_TRAP .Lback\@
	GOTO_MODE \mpp, .Lin\@
.Lin\@:
	csrr a0, \csr
	li a1, 1
	ecall
.Lback\@:
	.if \allowed
	EXPECT a1, 1
	.if \mpp == MPP_S
	EXPECT_M_CAUSE CAUSE_ECALL_S
	.else
	EXPECT_M_CAUSE CAUSE_ECALL_U
	.endif
	.else
	EXPECT a1, 0
	EXPECT_M_CAUSE CAUSE_ILLEGAL
	.endif
.endm

/* a0 = a1 - a0 must be positive; burns a few hundred instructions between the two reads */
.macro SPIN
	li t0, 200
.Lspin\@:
	addi t0, t0, -1
	bnez t0, .Lspin\@
.endm

main:
	PMP_ALLOW_ALL
	/* counting */
	CASE 1
	rdcycle a0
	SPIN
	rdcycle a1
	EXPECT_LTU a0, a1
	CASE 2
	rdinstret a0
	SPIN
	rdinstret a1
	EXPECT_LTU a0, a1
	/* the user views follow the machine counters */
	CASE 3
	csrr a0, mcycle
	rdcycle a1
	csrr a2, mcycle
	bltu a1, a0, fail
	bltu a2, a1, fail
	CASE 4
	csrr a0, minstret
	rdinstret a1
	csrr a2, minstret
	bltu a1, a0, fail
	bltu a2, a1, fail
	/* writes to mcycle / minstret take effect (the counters go on from the written value) */
	CASE 5
	li a0, 0x100000000000
	csrw mcycle, a0
	rdcycle a1
	EXPECT_LTU a0, a1
	li a2, 0x100100000000
	EXPECT_LTU a1, a2
	CASE 6
	/* the writing instruction's own increment is suppressed: the next one may read the value itself (Spike and
	   riscv-tests' instret_overflow expect exactly that; QEMU, counting time, reads more) */
	li a0, 0x200000000000
	csrw minstret, a0
	rdinstret a1
	bltu a1, a0, fail
	li a2, 0x200100000000
	EXPECT_LTU a1, a2

	/* gating: mcounteren for S and U, scounteren in addition for U */
	csrw mcounteren, zero
	csrw scounteren, zero
	READ_IN 7, MPP_S, cycle, 0
	READ_IN 8, MPP_U, cycle, 0
	READ_IN 9, MPP_S, instret, 0
	READ_IN 10, MPP_U, instret, 0
	li t0, CY
	csrw mcounteren, t0
	READ_IN 11, MPP_S, cycle, 1
	READ_IN 12, MPP_U, cycle, 0
	READ_IN 13, MPP_S, instret, 0
	li t0, CY | IR
	csrw scounteren, t0
	READ_IN 14, MPP_U, cycle, 1
	READ_IN 15, MPP_U, instret, 0     /* scounteren.IR set, mcounteren.IR clear */
	li t0, IR
	csrw mcounteren, t0
	READ_IN 16, MPP_S, instret, 1
	READ_IN 17, MPP_U, instret, 1
	READ_IN 18, MPP_U, cycle, 0       /* mcounteren.CY clear again */
	li t0, CY | IR
	csrw mcounteren, t0
	csrw scounteren, zero
	READ_IN 19, MPP_U, instret, 0
	READ_IN 20, MPP_S, instret, 1
	/* the machine counters and the enables themselves stay M-only (scounteren: S) */
	li t0, -1
	csrw mcounteren, t0
	csrw scounteren, t0
	READ_IN 21, MPP_S, mcycle, 0
	READ_IN 22, MPP_U, minstret, 0
	READ_IN 23, MPP_S, mcounteren, 0
	READ_IN 24, MPP_U, scounteren, 0
	READ_IN 25, MPP_S, scounteren, 1
	/* a counter read in S gives a value that moves on */
	CASE 26
	EXPECT_TRAP 1f
	GOTO_MODE MPP_S, 2f
2:	rdcycle s2
	SPIN
	rdcycle s3
	ecall
1:	EXPECT_LTU s2, s3

	/* the CLINT's mtime counts */
	CASE 27
	li s0, CLINT_MTIME
	ld a0, 0(s0)
	li t0, 100000
1:	addi t0, t0, -1
	bnez t0, 1b
	ld a1, 0(s0)
	EXPECT_LTU a0, a1

	/* time: between two reads of the CLINT's mtime, counting up */
	CASE 200
	li s0, CLINT_MTIME
	ld a0, 0(s0)
	rdtime a1
	ld a2, 0(s0)
	bltu a1, a0, fail
	bltu a2, a1, fail
	CASE 201
	rdtime a0
	li t0, 100000
1:	addi t0, t0, -1
	bnez t0, 1b
	rdtime a1
	EXPECT_LTU a0, a1
	csrw mcounteren, zero
	csrw scounteren, zero
	READ_IN 202, MPP_S, time, 0
	READ_IN 203, MPP_U, time, 0
	li t0, TM
	csrw mcounteren, t0
	READ_IN 204, MPP_S, time, 1
	READ_IN 205, MPP_U, time, 0
	li t0, TM
	csrw scounteren, t0
	READ_IN 206, MPP_U, time, 1
	csrw mcounteren, zero
	READ_IN 207, MPP_U, time, 0

	PASS
