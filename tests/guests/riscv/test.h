/*
 * Shared start code, case numbering, checks and trap handlers for the RISC-V ISA test programs.
 * Include once at the top of a test source (.S, preprocessed); the program's code starts at the
 * global label `main`, reached in M-mode with mtvec/mscratch/sp set, and ends with PASS.
 *
 * Registers owned by this harness (a test must not use them for anything else):
 *   gp (x3)  number of the current case (CASE n); reported on failure
 *   tp (x4)  where the next trap resumes (EXPECT_TRAP label); 0 = any trap is a failure
 *   t5, t6   scratch of the checks (t6 clobbered by every EXPECT, t5 by the trap-record checks)
 *
 * Traps: m_trap (mtvec) records cause/epc/tval/status at mscratch and resumes at tp in M-mode
 * with MIE = 0, all registers but tp preserved; s_trap (INSTALL_S_HANDLER) does the same for S.
 * From S or U, BACK_TO_M label returns to M-mode through ecall.
 *
 * Outcome through HTIF: `tohost` = 1 pass, (n << 1) | 1 failure of case n. QEMU `-M spike` exits
 * with status n (0 for pass), so case numbers stay within 1..255 (checked at assembly time).
 */
#ifndef NIDO_RISCV_TEST_H
#define NIDO_RISCV_TEST_H

/* ---- CSR fields ---- */
#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MPP_U         (0 << 11)
#define MPP_S         (1 << 11)
#define MPP_M         (3 << 11)

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define INTERRUPT_BIT (1 << 63)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15

/* CLINT (hart 0) */
#define CLINT_MSIP      0x02000000
#define CLINT_MTIMECMP  0x02004000
#define CLINT_MTIME     0x0200bff8

/* Page-table entry bits */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)

#define SATP_BARE 0
#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)

/* Trap record written by the M-mode handler (m_trap) at mscratch and by the S-mode one at sscratch. */
#define TF_T0     0
#define TF_T1     8
#define TF_T2     16
#define TF_CAUSE  24
#define TF_EPC    32
#define TF_TVAL   40
#define TF_STATUS 48
#define TF_COUNT  56
#define TF_SIZE   64

/* Only rv64c.S asks for compressed encodings (.option rvc); everything else is assembled as written,
 * and the linker does not relax (code addresses and sizes are what the source says). */
.option norvc
.option norelax

/* ---- case numbering and checks ---- */

.set _nido_last_case, 0

/* Starts case n: numbers increase through a program and stay within 1..255. */
.macro CASE n
	.if (\n) <= _nido_last_case
	.error "CASE numbers must increase"
	.endif
	.if (\n) > 255
	.error "CASE numbers must stay below 256 (QEMU's exit status is 8 bits)"
	.endif
	.set _nido_last_case, (\n)
	li gp, \n
.endm

/* Fails the current case unless reg == value (64-bit compare). Clobbers t6. */
.macro EXPECT reg, value
	li t6, \value
	beq \reg, t6, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

/* Fails the current case unless reg == reg2. */
.macro EXPECT_REG reg, reg2
	beq \reg, \reg2, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

/* Fails the current case unless the low 32 bits of reg equal value. Clobbers t6 and reg's upper half. */
.macro EXPECT32 reg, value
	slli \reg, \reg, 32
	srli \reg, \reg, 32
	li t6, ((\value) & 0xffffffff)
	beq \reg, t6, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

/* Fails unless reg != 0 / reg == 0. */
.macro EXPECT_NONZERO reg
	bnez \reg, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

.macro EXPECT_ZERO reg
	beqz \reg, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

/* Fails unless reg (unsigned) is < reg2 / >= reg2. */
.macro EXPECT_LTU reg, reg2
	bltu \reg, \reg2, .Lnido_ok\@
	j fail
.Lnido_ok\@:
.endm

/* ---- traps ---- */

/* The next trap (taken to the M handler, or to the S handler when delegated) resumes at label,
 * in the handler's mode with its xIE = 0; the handler records cause/epc/tval/status. */
.macro EXPECT_TRAP label
	la tp, \label
.endm

/* Fails unless a trap was taken since EXPECT_TRAP (tp cleared by the handler). Use right after
 * the instruction that should trap: the instruction falls through to here when it did not. */
.macro TRAP_MISSED
	j fail
.endm

/* Loads field (TF_*) of the M-mode trap record into reg. */
.macro M_TRAP_FIELD reg, field
	la \reg, m_trap_frame
	ld \reg, \field(\reg)
.endm

.macro S_TRAP_FIELD reg, field
	la \reg, s_trap_frame
	ld \reg, \field(\reg)
.endm

/* Checks the cause (and optionally the tval) the M-mode handler recorded. Clobbers t5, t6. */
.macro EXPECT_M_CAUSE cause
	M_TRAP_FIELD t5, TF_CAUSE
	EXPECT t5, \cause
.endm

.macro EXPECT_M_CAUSE_EITHER cause1, cause2
	M_TRAP_FIELD t5, TF_CAUSE
	li t6, \cause1
	beq t5, t6, .Lnido_ok\@
	EXPECT t5, \cause2
.Lnido_ok\@:
.endm

.macro EXPECT_M_TVAL value
	M_TRAP_FIELD t5, TF_TVAL
	EXPECT t5, \value
.endm

.macro EXPECT_S_CAUSE cause
	S_TRAP_FIELD t5, TF_CAUSE
	EXPECT t5, \cause
.endm

.macro EXPECT_S_TVAL value
	S_TRAP_FIELD t5, TF_TVAL
	EXPECT t5, \value
.endm

/* Fails unless (recorded status & mask) == value. Clobbers t5, t6. */
.macro EXPECT_M_STATUS mask, value
	M_TRAP_FIELD t5, TF_STATUS
	li t6, \mask
	and t5, t5, t6
	EXPECT t5, \value
.endm

.macro EXPECT_S_STATUS mask, value
	S_TRAP_FIELD t5, TF_STATUS
	li t6, \mask
	and t5, t5, t6
	EXPECT t5, \value
.endm

/* Fails unless the M-mode trap record's epc is the address of label. Clobbers t5, t6. */
.macro EXPECT_M_EPC label
	M_TRAP_FIELD t5, TF_EPC
	la t6, \label
	EXPECT_REG t5, t6
.endm

.macro EXPECT_S_EPC label
	S_TRAP_FIELD t5, TF_EPC
	la t6, \label
	EXPECT_REG t5, t6
.endm

/* Clears the trap records' counters. Clobbers t0. */
.macro CLEAR_TRAP_COUNTS
	la t0, m_trap_frame
	sd zero, TF_COUNT(t0)
	la t0, s_trap_frame
	sd zero, TF_COUNT(t0)
.endm

/* PMP entry 0: NAPOT over all of memory, RWX (what firmware does before running S/U code). */
.macro PMP_ALLOW_ALL
	li t0, -1
	csrw pmpaddr0, t0
	li t0, 0x1f
	csrw pmpcfg0, t0
.endm

/* From M-mode: continues at label in mode (MPP_U / MPP_S / MPP_M) with mret. Clobbers t0. */
.macro GOTO_MODE mpp, label
	li t0, MSTATUS_MPP
	csrc mstatus, t0
	li t0, \mpp
	csrs mstatus, t0
	la t0, \label
	csrw mepc, t0
	mret
.endm

/* From any mode whose ecall reaches the M handler: back to M-mode at label. */
.macro BACK_TO_M label
	EXPECT_TRAP \label
	ecall
	TRAP_MISSED
.endm

/* The S-mode handler as stvec, its record in sscratch. Clobbers t0. */
.macro INSTALL_S_HANDLER
	la t0, s_trap
	csrw stvec, t0
	la t0, s_trap_frame
	csrw sscratch, t0
.endm

/* Sets mstatus.FS to Initial so F/D instructions are allowed. Clobbers t0. */
.macro ENABLE_FP
	li t0, (1 << 13)
	csrs mstatus, t0
.endm

.macro PASS
	j pass
.endm

/* ---- start code ---- */

	.section .text.init, "ax", @progbits
	.globl _start
_start:
	la t0, m_trap
	csrw mtvec, t0
	la t0, m_trap_frame
	csrw mscratch, t0
	la sp, nido_stack_top
	/* state the spec leaves unset at reset, made known: no interrupt enabled or delegated, Bare */
	csrw mie, zero
	csrw mideleg, zero
	csrw medeleg, zero
	csrw satp, zero
	li gp, 0
	li tp, 0
	j main

/* Outcome: store to tohost, then spin. Reached from any mode; a fault on the way ends here too. */
	.globl pass
pass:
	li tp, 0
	li t1, 1
	la t0, tohost
	sd t1, 0(t0)
1:	j 1b

	.globl fail
fail:
	li tp, 0
	slli t1, gp, 1
	ori t1, t1, 1
	la t0, tohost
	sd t1, 0(t0)
1:	j 1b

/*
 * M-mode handler: records the trap at mscratch (t0, t1, t2 preserved), then resumes at tp with
 * MPP = M and MPIE = 0 (so execution goes on in M-mode with MIE = 0) and clears tp. With tp = 0
 * the trap was not expected: the current case fails.
 */
	.balign 64
	.globl m_trap
m_trap:
	csrrw t0, mscratch, t0
	sd t1, TF_T1(t0)
	sd t2, TF_T2(t0)
	csrr t1, mscratch
	sd t1, TF_T0(t0)
	csrw mscratch, t0
	csrr t1, mcause
	sd t1, TF_CAUSE(t0)
	csrr t1, mepc
	sd t1, TF_EPC(t0)
	csrr t1, mtval
	sd t1, TF_TVAL(t0)
	csrr t1, mstatus
	sd t1, TF_STATUS(t0)
	ld t1, TF_COUNT(t0)
	addi t1, t1, 1
	sd t1, TF_COUNT(t0)
	beqz tp, fail
	csrw mepc, tp
	li tp, 0
	li t1, MSTATUS_MPP
	csrs mstatus, t1
	li t1, MSTATUS_MPIE
	csrc mstatus, t1
	ld t1, TF_T1(t0)
	ld t2, TF_T2(t0)
	ld t0, TF_T0(t0)
	mret

/*
 * S-mode handler (install with INSTALL_S_HANDLER): records at sscratch, resumes at tp in S-mode
 * with SIE = 0. An unexpected trap reports the failure through ecall (never delegated) to M.
 */
	.balign 64
	.globl s_trap
s_trap:
	csrrw t0, sscratch, t0
	sd t1, TF_T1(t0)
	sd t2, TF_T2(t0)
	csrr t1, sscratch
	sd t1, TF_T0(t0)
	csrw sscratch, t0
	csrr t1, scause
	sd t1, TF_CAUSE(t0)
	csrr t1, sepc
	sd t1, TF_EPC(t0)
	csrr t1, stval
	sd t1, TF_TVAL(t0)
	csrr t1, sstatus
	sd t1, TF_STATUS(t0)
	ld t1, TF_COUNT(t0)
	addi t1, t1, 1
	sd t1, TF_COUNT(t0)
	beqz tp, 1f
	csrw sepc, tp
	li tp, 0
	li t1, MSTATUS_SPP
	csrs sstatus, t1
	li t1, MSTATUS_SPIE
	csrc sstatus, t1
	ld t1, TF_T1(t0)
	ld t2, TF_T2(t0)
	ld t0, TF_T0(t0)
	sret
1:	li tp, 0
	ecall
	j fail

/* ---- data ---- */

	.section .tohost, "aw", @progbits
	.balign 64
	.globl tohost
tohost:
	.dword 0
	.size tohost, 8
	.balign 64
	.globl fromhost
fromhost:
	.dword 0
	.size fromhost, 8

	.data
	.balign 64
	.globl m_trap_frame
m_trap_frame:
	.fill TF_SIZE / 8, 8, 0
	.globl s_trap_frame
s_trap_frame:
	.fill TF_SIZE / 8, 8, 0
	.balign 16
nido_stack:
	.fill 4096 / 8, 8, 0
nido_stack_top:

	.text
	.globl main
#endif
