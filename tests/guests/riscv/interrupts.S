/* Interrupts through the CLINT and mip: machine software (msip) and timer (mtimecmp) interrupts and
 * their mip bits; enable rules (mie bits, mstatus.MIE/SIE, an interrupt for a higher privilege
 * taken whatever its xIE while running below it, S interrupts never taken in M); priority (MSI >
 * MTI and SSI > STI; MTI > SSI, where QEMU 7.2 takes SSI first, accepts either); supervisor timer
 * set by M through mip.STIP and supervisor software through sip.SSIP, delegated through mideleg
 * or taken by M when not; the sie/sip views; WFI returning for a pending interrupt with MIE = 0
 * and trapping with mepc after it with MIE = 1; vectored mtvec. */
#include "test.h"

#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)

/* Waits (bounded) for the trap expected with EXPECT_TRAP; fails if it does not come. */
.macro WAIT_FOR_TRAP
	li t0, 20000000
.Lwait\@:
	addi t0, t0, -1
	bnez t0, .Lwait\@
	li tp, 0
	j fail
.endm

/* Runs a little while with tp = 0: any interrupt taken here fails the case. */
.macro NO_TRAP_FOR_A_WHILE
	li tp, 0
	li t0, 2000
.Lspin\@:
	addi t0, t0, -1
	bnez t0, .Lspin\@
.endm

/* CLINT helpers (clobber t0, t1) */
.macro MSIP value
	li t0, CLINT_MSIP
	li t1, \value
	sw t1, 0(t0)
.endm

.macro TIMER_AT value
	li t0, CLINT_MTIMECMP
	li t1, \value
	sd t1, 0(t0)
.endm

.macro TIMER_IN ticks
	li t0, CLINT_MTIME
	ld t1, 0(t0)
	li t0, \ticks
	add t1, t1, t0
	li t0, CLINT_MTIMECMP
	sd t1, 0(t0)
.endm

/* Fails unless (mip & mask) == value. Clobbers t5, t6. */
.macro EXPECT_MIP mask, value
	csrr t5, mip
	li t6, \mask
	and t5, t5, t6
	EXPECT t5, \value
.endm

/* Everything off: no interrupt pending or enabled. */
.macro QUIET
	csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
	csrw mie, zero
	csrw mideleg, zero
	li t0, MIP_SSIP | MIP_STIP
	csrc mip, t0
	MSIP 0
	TIMER_AT -1
.endm

main:
	PMP_ALLOW_ALL
	csrw medeleg, zero
	INSTALL_S_HANDLER
	QUIET

	/* mip.MSIP follows the CLINT's msip */
	CASE 1
	EXPECT_MIP MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP, 0
	MSIP 1
	EXPECT_MIP MIP_MSIP, MIP_MSIP
	MSIP 0
	EXPECT_MIP MIP_MSIP, 0
	/* machine software interrupt taken: mcause = interrupt | 3, MPIE = 1, MPP = M */
	CASE 2
	li t0, MIP_MSIP
	csrw mie, t0
	csrsi mstatus, MSTATUS_MIE
	EXPECT_TRAP 1f
	MSIP 1
	WAIT_FOR_TRAP
1:	MSIP 0
	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MSI
	EXPECT_M_TVAL 0
	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MPP_M | MSTATUS_MPIE
	EXPECT_MIP MIP_MSIP, 0
	/* mip.MTIP: mtime >= mtimecmp */
	CASE 3
	csrw mie, zero
	TIMER_AT 0
	EXPECT_MIP MIP_MTIP, MIP_MTIP
	TIMER_AT -1
	EXPECT_MIP MIP_MTIP, 0
	/* machine timer interrupt taken once mtime reaches mtimecmp */
	CASE 4
	li t0, MIP_MTIP
	csrw mie, t0
	csrsi mstatus, MSTATUS_MIE
	EXPECT_TRAP 1f
	TIMER_IN 1000
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MTI
	li t0, CLINT_MTIMECMP
	ld a1, 0(t0)
	li t0, CLINT_MTIME
	ld a0, 0(t0)
	bltu a0, a1, fail                /* not before mtimecmp */
	TIMER_AT -1
	EXPECT_MIP MIP_MTIP, 0
	/* pending and enabled in mie, but mstatus.MIE = 0 in M: not taken */
	CASE 5
	TIMER_AT 0
	li t0, MIP_MTIP | MIP_MSIP
	csrw mie, t0
	MSIP 1
	NO_TRAP_FOR_A_WHILE
	EXPECT_MIP MIP_MTIP | MIP_MSIP, MIP_MTIP | MIP_MSIP
	/* mstatus.MIE = 1 but the mie bits clear: not taken */
	CASE 6
	csrw mie, zero
	csrsi mstatus, MSTATUS_MIE
	NO_TRAP_FOR_A_WHILE
	csrci mstatus, MSTATUS_MIE
	/* priority: MSI before MTI */
	CASE 7
	li t0, MIP_MTIP | MIP_MSIP
	csrw mie, t0
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MSI
	MSIP 0
	CASE 8
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MTI
	TIMER_AT -1

	/* WFI with MIE = 0 returns once an enabled interrupt is pending (no trap) */
	CASE 9
	li t0, MIP_MTIP
	csrw mie, t0
	TIMER_AT 0
	wfi
	EXPECT_MIP MIP_MTIP, MIP_MTIP
	CASE 10
	TIMER_IN 2000
1:	wfi                              /* may return early: wait until the timer is pending */
	csrr t0, mip
	andi t0, t0, MIP_MTIP
	beqz t0, 1b
	li t0, CLINT_MTIMECMP
	ld a1, 0(t0)
	li t0, CLINT_MTIME
	ld a0, 0(t0)
	bltu a0, a1, fail
	TIMER_AT -1
	/* WFI with MIE = 1: the interrupt is taken with mepc after the WFI. The timer is armed 10 ms
	 * ahead; should the host stall that long before the WFI, the interrupt comes early (mepc before
	 * the WFI) and the attempt is repeated, up to three times. */
	CASE 11
	li s2, 3
4:	EXPECT_TRAP 2f
	TIMER_IN 100000
	csrsi mstatus, MSTATUS_MIE
	wfi
1:	WAIT_FOR_TRAP
2:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MTI
	TIMER_AT -1
	M_TRAP_FIELD t5, TF_EPC
	la t6, 1b
	beq t5, t6, 3f
	addi s2, s2, -1
	bnez s2, 4b
	j fail
3:
	QUIET

	/* supervisor timer, not delegated: set by M in mip.STIP, taken by M */
	CASE 12
	li t0, MIP_STIP
	csrs mip, t0
	EXPECT_MIP MIP_STIP, MIP_STIP
	csrw mie, t0
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_STI
	li t0, MIP_STIP
	csrc mip, t0
	EXPECT_MIP MIP_STIP, 0
	/* supervisor timer delegated: taken by S in S-mode with SIE = 1 */
	CASE 13
	li t0, MIP_STIP | MIP_SSIP
	csrw mideleg, t0
	csrr a0, mideleg
	and a0, a0, t0
	EXPECT_REG a0, t0
	csrw mie, zero
	li t0, MIP_STIP
	csrs sie, t0                     /* sie is mie's view for delegated interrupts */
	csrr a0, mie
	EXPECT a0, MIP_STIP
	csrs mip, t0
	csrsi sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f                   /* for the S handler */
	GOTO_MODE MPP_S, 1f
1:	WAIT_FOR_TRAP
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE INTERRUPT_BIT | IRQ_STI
	EXPECT_S_EPC 1b
	EXPECT_S_TVAL 0
	EXPECT_S_STATUS MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
	li t0, MIP_STIP
	csrc mip, t0
	/* a delegated interrupt is never taken in M, even with SIE = 1 and MIE = 1 */
	CASE 14
	li t0, MIP_STIP
	csrs mip, t0
	csrsi sstatus, MSTATUS_SIE
	csrsi mstatus, MSTATUS_MIE
	NO_TRAP_FOR_A_WHILE
	csrci mstatus, MSTATUS_MIE
	/* ... nor in S with SIE = 0 */
	CASE 15
	csrci sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	li tp, 0
	li t0, 2000
3:	addi t0, t0, -1
	bnez t0, 3b
	EXPECT_TRAP 2f
	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_S
	/* ... but in U it is, whatever SIE says */
	CASE 16
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	WAIT_FOR_TRAP
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE INTERRUPT_BIT | IRQ_STI
	EXPECT_S_EPC 1b
	EXPECT_S_STATUS MSTATUS_SPP | MSTATUS_SPIE, 0
	li t0, MIP_STIP
	csrc mip, t0
	EXPECT_MIP MIP_STIP, 0

	/* supervisor software interrupt: S sets sip.SSIP itself */
	CASE 17
	li t0, MIP_SSIP
	csrs sie, t0
	csrsi sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	csrsi sip, MIP_SSIP
	WAIT_FOR_TRAP
2:	csrr a0, sip                     /* still pending: S clears it */
	csrci sip, MIP_SSIP
	csrr a1, sip
	BACK_TO_M 3f
3:	EXPECT_S_CAUSE INTERRUPT_BIT | IRQ_SSI
	andi a0, a0, MIP_SSIP
	EXPECT a0, MIP_SSIP
	andi a1, a1, MIP_SSIP
	EXPECT a1, 0
	/* sip.SSIP written by S shows in mip */
	CASE 18
	csrci mstatus, MSTATUS_SIE
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	csrsi sip, MIP_SSIP
	ecall
	TRAP_MISSED
2:	EXPECT_MIP MIP_SSIP, MIP_SSIP
	csrci mip, MIP_SSIP
	EXPECT_MIP MIP_SSIP, 0

	/* priority among S interrupts taken by S: SSI before STI */
	CASE 19
	li t0, MIP_SSIP | MIP_STIP
	csrs mip, t0
	csrs sie, t0
	csrsi sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	WAIT_FOR_TRAP
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE INTERRUPT_BIT | IRQ_SSI
	csrci mip, MIP_SSIP
	CASE 20
	csrsi sstatus, MSTATUS_SIE
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	WAIT_FOR_TRAP
2:	BACK_TO_M 3f
3:	EXPECT_S_CAUSE INTERRUPT_BIT | IRQ_STI
	QUIET
	/* priority when all go to M: MTI before SSI before STI. QEMU 7.2 (without AIA) takes the
	 * lowest-numbered pending interrupt, so SSI before MTI is accepted too. */
	CASE 21
	li t0, MIP_SSIP | MIP_STIP
	csrs mip, t0
	li t0, MIP_SSIP | MIP_STIP | MIP_MTIP
	csrw mie, t0
	TIMER_AT 0
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	M_TRAP_FIELD t5, TF_CAUSE
	li t6, INTERRUPT_BIT | IRQ_SSI
	beq t5, t6, 2f
	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MTI
2:	TIMER_AT -1
	CASE 22
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_SSI
	csrci mip, MIP_SSIP
	CASE 23
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_STI
	QUIET

	/* M interrupts are taken in S and U whatever mstatus.MIE says (MPIE = 0: mret leaves MIE = 0) */
	CASE 24
	li t0, MIP_MSIP
	csrw mie, t0
	MSIP 1
	li t0, MSTATUS_MPIE
	csrc mstatus, t0
	EXPECT_TRAP 2f
	GOTO_MODE MPP_S, 1f
1:	WAIT_FOR_TRAP
2:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MSI
	EXPECT_M_EPC 1b
	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_MPIE, MPP_S
	CASE 25
	li t0, MSTATUS_MPIE
	csrc mstatus, t0
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	WAIT_FOR_TRAP
2:	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MSI
	EXPECT_M_STATUS MSTATUS_MPP | MSTATUS_MPIE, MPP_U
	/* ... but not when the mie bit is clear */
	CASE 26
	csrw mie, zero
	EXPECT_TRAP 2f
	GOTO_MODE MPP_U, 1f
1:	li tp, 0
	li t0, 2000
3:	addi t0, t0, -1
	bnez t0, 3b
	EXPECT_TRAP 2f
	ecall
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ECALL_U
	QUIET

	/* vectored mtvec: interrupt n at base + 4n, exceptions at base */
	CASE 27
	la t0, vector_table
	ori t0, t0, 1
	csrw mtvec, t0
	li t0, MIP_MSIP
	csrw mie, t0
	csrwi sscratch, 0
	EXPECT_TRAP 1f
	MSIP 1
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	MSIP 0
	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MSI
	csrr a0, sscratch
	EXPECT a0, IRQ_MSI
	CASE 28
	li t0, MIP_MTIP
	csrw mie, t0
	TIMER_AT 0
	EXPECT_TRAP 1f
	csrsi mstatus, MSTATUS_MIE
	WAIT_FOR_TRAP
1:	TIMER_AT -1
	EXPECT_M_CAUSE INTERRUPT_BIT | IRQ_MTI
	csrr a0, sscratch
	EXPECT a0, IRQ_MTI
	CASE 29
	EXPECT_TRAP 1f
	ecall
	TRAP_MISSED
1:	EXPECT_M_CAUSE CAUSE_ECALL_M
	csrr a0, sscratch
	EXPECT a0, 16
	la t0, m_trap
	csrw mtvec, t0
	INSTALL_S_HANDLER
	QUIET

	PASS

/* Vectored-mode table: each entry marks sscratch with its number (16 for the exception entry)
 * and joins the common handler. */
	.balign 256
vector_table:
	j vec_0
	j vec_1
	j vec_2
	j vec_3
	j vec_4
	j vec_5
	j vec_6
	j vec_7
	j vec_8
	j vec_9
	j vec_10
	j vec_11
vec_0:	csrwi sscratch, 16
	j m_trap
vec_1:	csrwi sscratch, 1
	j m_trap
vec_2:	csrwi sscratch, 2
	j m_trap
vec_3:	csrwi sscratch, 3
	j m_trap
vec_4:	csrwi sscratch, 4
	j m_trap
vec_5:	csrwi sscratch, 5
	j m_trap
vec_6:	csrwi sscratch, 6
	j m_trap
vec_7:	csrwi sscratch, 7
	j m_trap
vec_8:	csrwi sscratch, 8
	j m_trap
vec_9:	csrwi sscratch, 9
	j m_trap
vec_10:	csrwi sscratch, 10
	j m_trap
vec_11:	csrwi sscratch, 11
	j m_trap
