/* Traps and privilege: ecall from M/S/U (11/9/8), ebreak (3, mtval = pc or 0), illegal instruction
 * (2, mtval = the instruction) including privileged instructions and CSRs used below their level,
 * what trap entry does to mstatus (MPP, MPIE, MIE), delegation through medeleg to the S-mode
 * handler (scause/sepc/stval/SPP/SPIE; traps taken in M never delegated), mret/sret restoring the
 * privilege and MIE/SIE from MPIE/SPIE (which become 1) and setting MPP/SPP to U, sret from M,
 * mstatus.TSR and mstatus.TVM. */
#include "test.h"

.set ILLEGAL_WORD, 0xfe007033       /* OP with funct7 = 0x7f: no extension defines it */

/* insn in mode (MPP_M/S/U) must raise illegal instruction to M with mtval = its encoding */
.macro ILLEGAL_IN n, mpp, insn
	CASE \n
	EXPECT_TRAP .Ltrapped\@
	GOTO_MODE \mpp, .Lin\@
.Lin\@:
.Linsn\@:
	\insn
	li tp, 0
	j fail
.Ltrapped\@:
	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC .Linsn\@
	la t0, .Linsn\@
	lwu t0, 0(t0)
	M_TRAP_FIELD t5, TF_TVAL
	EXPECT_REG t5, t0
	EXPECT_M_STATUS MSTATUS_MPP, \mpp
.endm

main:
	PMP_ALLOW_ALL
	csrw medeleg, zero
	csrw mideleg, zero
	csrw mie, zero
	INSTALL_S_HANDLER
	CLEAR_TRAP_COUNTS

	/* ecall from M: cause 11, mepc at the ecall, mtval 0; MPP = M, MPIE = old MIE (0), MIE = 0 */
	CASE 1
	EXPECT_TRAP 2f
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_M
	EXPECT_M_EPC 1b
	EXPECT_M_TVAL 0
	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MPP_M
	/* with MIE = 1 (no interrupt enabled in mie): MPIE = 1 and MIE = 0 in the handler */
	CASE 2
	csrsi mstatus, MSTATUS_MIE
	EXPECT_TRAP 2f
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MPP_M | MSTATUS_MPIE
	csrr a0, mstatus                 /* the handler resumed with MIE = 0 */
	andi a0, a0, MSTATUS_MIE
	EXPECT a0, 0
	/* ecall from S and from U */
	CASE 3
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S
	EXPECT_M_EPC 1b
	EXPECT_M_TVAL 0
	EXPECT_M_STATUS MSTATUS_MPP, MPP_S
	CASE 4
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_U
	EXPECT_M_EPC 1b
	EXPECT_M_TVAL 0
	EXPECT_M_STATUS MSTATUS_MPP, MPP_U
	/* ebreak: cause 3, mepc = pc, mtval = pc (Nido) or 0 (QEMU 7.2); both are allowed */
	CASE 5
	EXPECT_TRAP 2f
1:	ebreak
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_BREAKPOINT
	EXPECT_M_EPC 1b
	M_TRAP_FIELD t5, TF_TVAL
	beqz t5, 3f
	la t6, 1b
	EXPECT_REG t5, t6
3:	CASE 6
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	ebreak
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_BREAKPOINT
	EXPECT_M_EPC 1b
	EXPECT_M_STATUS MSTATUS_MPP, MPP_U
	/* the trap count: one per trap so far */
	CASE 7
	M_TRAP_FIELD a0, TF_COUNT
	EXPECT a0, 6

	/* illegal instructions, mtval = the encoding */
	ILLEGAL_IN 8, MPP_M, ".word ILLEGAL_WORD"
	ILLEGAL_IN 9, MPP_S, ".word ILLEGAL_WORD"
	ILLEGAL_IN 10, MPP_U, ".word ILLEGAL_WORD"
	/* privilege: M CSRs from S, S CSRs from U, xRET and sfence.vma above the current mode */
	ILLEGAL_IN 11, MPP_S, "csrr a0, mstatus"
	ILLEGAL_IN 12, MPP_S, "csrw mscratch, a0"
	ILLEGAL_IN 13, MPP_U, "csrr a0, sstatus"
	ILLEGAL_IN 14, MPP_U, "csrw sscratch, a0"
	ILLEGAL_IN 15, MPP_U, "csrr a0, mhartid"
	ILLEGAL_IN 16, MPP_S, "mret"
	ILLEGAL_IN 17, MPP_U, "mret"
	ILLEGAL_IN 18, MPP_U, "sret"
	ILLEGAL_IN 19, MPP_U, "sfence.vma"
	ILLEGAL_IN 20, MPP_U, "csrr a0, satp"

	/* delegation: U ecall, illegal instruction and breakpoint to S */
	li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
	csrw medeleg, t0
	CLEAR_TRAP_COUNTS
	CASE 21
	csrr a0, medeleg
	li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
	and a0, a0, t0
	EXPECT_REG a0, t0
	/* ecall from U reaches stvec: scause 8, sepc, stval 0, SPP = U, SPIE = old SIE (1) */
	CASE 22
	csrsi sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f                   /* for the S handler */
	GOTO_MODE MPP_U, 1f
1:	ecall
	TRAP_MISSED
2:	BACK_TO_M 3f                     /* now in S: its ecall is not delegated */
3:	EXPECT_M_CAUSE CAUSE_ECALL_S
	EXPECT_S_CAUSE CAUSE_ECALL_U
	EXPECT_S_EPC 1b
	EXPECT_S_TVAL 0
	EXPECT_S_STATUS MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE
	S_TRAP_FIELD a0, TF_COUNT
	EXPECT a0, 1
	M_TRAP_FIELD a0, TF_COUNT
	EXPECT a0, 1                     /* only the ecall from S reached M */
	/* illegal instruction in U to S: stval = the encoding */
	CASE 23
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	.word ILLEGAL_WORD
	TRAP_MISSED
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE CAUSE_ILLEGAL
	EXPECT_S_EPC 1b
	EXPECT_S_TVAL ILLEGAL_WORD
	EXPECT_S_STATUS MSTATUS_SPP, 0
	/* a delegated trap taken in S stays in S: ebreak in S, SPP = S */
	CASE 24
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	ebreak
	TRAP_MISSED
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE CAUSE_BREAKPOINT
	EXPECT_S_EPC 1b
	EXPECT_S_STATUS MSTATUS_SPP, MSTATUS_SPP
	/* traps taken in M are never delegated */
	CASE 25
	CLEAR_TRAP_COUNTS
	EXPECT_TRAP 2f
1:	.word ILLEGAL_WORD
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC 1b
	S_TRAP_FIELD a0, TF_COUNT
	EXPECT a0, 0
	/* with medeleg cleared the same trap from U goes to M */
	CASE 26
	csrw medeleg, zero
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	ebreak
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_BREAKPOINT
	S_TRAP_FIELD a0, TF_COUNT
	EXPECT a0, 0

	/* mret within M: MIE = MPIE, MPIE = 1, MPP = U */
	CASE 27
	li t0, MSTATUS_MIE | MSTATUS_MPP
	csrc mstatus, t0
	li t0, MSTATUS_MPIE | MPP_M
	csrs mstatus, t0
	la t0, 1f
	csrw mepc, t0
	mret
	j fail
1:	csrr a0, mstatus
	li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
	and a0, a0, t0
	EXPECT a0, MSTATUS_MPIE | MSTATUS_MIE | MPP_U
	CASE 28
	li t0, MSTATUS_MPIE
	csrc mstatus, t0
	li t0, MPP_M
	csrs mstatus, t0
	la t0, 1f
	csrw mepc, t0
	mret
	j fail
1:	csrr a0, mstatus
	li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
	and a0, a0, t0
	EXPECT a0, MSTATUS_MPIE | MPP_U
	/* mret to S; MIE from MPIE shows in the next trap's MPIE. (Priv 1.12 has xRET to a lower mode
	 * clear MPRV; QEMU 7.2 keeps it, so that is not checked.) */
	CASE 29
	li t0, MSTATUS_MPIE
	csrs mstatus, t0
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S
	EXPECT_M_STATUS MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MPP_S
	csrci mstatus, MSTATUS_MIE

	/* sret from S to U: SIE = SPIE, SPIE = 1, SPP = U */
	CASE 30
	csrci sstatus, MSTATUS_SIE
	EXPECT_TRAP 3f
	GOTO_MODE MPP_S, 1f
1:	li t0, MSTATUS_SPP
	csrc sstatus, t0
	li t0, MSTATUS_SPIE
	csrs sstatus, t0
	la t0, 2f
	csrw sepc, t0
	sret
	j fail
2:	ecall                            /* in U */
	TRAP_MISSED
3:	EXPECT_M_CAUSE CAUSE_ECALL_U
	EXPECT_M_STATUS MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE | MSTATUS_SIE
	/* sret from S to S with SPIE = 0 */
	CASE 31
	csrci sstatus, MSTATUS_SIE
	EXPECT_TRAP 3f
	GOTO_MODE MPP_S, 1f
1:	li t0, MSTATUS_SPP | MSTATUS_SIE
	csrs sstatus, t0
	li t0, MSTATUS_SPIE
	csrc sstatus, t0
	la t0, 2f
	csrw sepc, t0
	sret
	j fail
2:	csrr a0, sstatus                 /* in S: readable */
	ecall
	TRAP_MISSED
3:	EXPECT_M_CAUSE CAUSE_ECALL_S
	andi a0, a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
	EXPECT a0, MSTATUS_SPIE
	/* sret executed in M returns to the mode in SPP */
	CASE 32
	li t0, MSTATUS_SPP
	csrs mstatus, t0
	la t0, 1f
	csrw sepc, t0
	EXPECT_TRAP 2f
	sret
	j fail
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S
	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_SPP, MPP_S
	CASE 33
	li t0, MSTATUS_SPP
	csrc mstatus, t0
	la t0, 1f
	csrw sepc, t0
	EXPECT_TRAP 2f
	sret
	j fail
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_U

	/* mstatus.TSR: sret in S is illegal; in M it still works */
	li t0, (1 << 22)
	csrs mstatus, t0
	ILLEGAL_IN 34, MPP_S, "sret"
	CASE 35
	li t0, MSTATUS_SPP
	csrs mstatus, t0
	la t0, 1f
	csrw sepc, t0
	EXPECT_TRAP 2f
	sret
	j fail
1:	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S
	li t0, (1 << 22)
	csrc mstatus, t0
	/* mstatus.TVM: satp and sfence.vma in S are illegal; M is not affected */
	li t0, (1 << 20)
	csrs mstatus, t0
	ILLEGAL_IN 36, MPP_S, "csrr a0, satp"
	ILLEGAL_IN 37, MPP_S, "csrw satp, zero"
	ILLEGAL_IN 38, MPP_S, "sfence.vma"
	CASE 39
	csrr a0, satp
	sfence.vma
	li t0, (1 << 20)
	csrc mstatus, t0
	/* without TVM, S may use them */
	CASE 40
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	csrw satp, zero
	csrr a0, satp
	sfence.vma
	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S

	PASS
