/* Physical memory protection: S-mode with no matching entry fails, R/W/X per entry, the lowest entry
 * wins, a partial match fails, unlocked entries do not bind M-mode, a locked one does and ignores writes. */
#include "test.h"

#define CFG_R 0x01
#define CFG_W 0x02
#define CFG_X 0x04
#define CFG_NA4 (2 << 3)
#define CFG_NAPOT (3 << 3)
#define CFG_L 0x80

	.text
main:
	CASE 1	/* no entry enabled: an S-mode fetch is an access fault */
	csrw pmpcfg0, zero
	EXPECT_TRAP 1f
	GOTO_MODE MPP_S, s_nothing
1:	EXPECT_M_CAUSE CAUSE_FETCH_ACCESS
	EXPECT_M_EPC s_nothing

	CASE 2	/* entry 0: the guarded page read-only; entry 1: everything else RWX; M-mode still writes it */
	la t0, guarded
	srli t0, t0, 2
	ori t0, t0, 0x1ff		/* NAPOT, 4 KiB */
	csrw pmpaddr0, t0
	li t0, -1
	csrw pmpaddr1, t0
	li t0, ((CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 8) | (CFG_NAPOT | CFG_R)
	csrw pmpcfg0, t0
	la a0, guarded
	li t1, 0x1234
	sd t1, 0(a0)
	ld t2, 0(a0)
	EXPECT t2, 0x1234
	/* a c.jr ra... no: a ret (jalr x0, 0(ra)) planted for case 5 */
	li t1, 0x00008067
	sw t1, 64(a0)

	CASE 3	/* S-mode reads the read-only page */
	GOTO_MODE MPP_S, s_read
s_read_back:
	EXPECT a1, 0x1234

	CASE 4	/* S-mode store: store access fault with the address */
	GOTO_MODE MPP_S, s_write
s_write_back:
	EXPECT_M_CAUSE CAUSE_STORE_ACCESS
	la t0, guarded
	addi t0, t0, 8
	M_TRAP_FIELD t1, TF_TVAL
	EXPECT_REG t1, t0

	CASE 5	/* S-mode fetch from a page without X */
	GOTO_MODE MPP_S, s_exec
s_exec_back:
	EXPECT_M_CAUSE CAUSE_FETCH_ACCESS
	la t0, guarded
	addi t0, t0, 64
	M_TRAP_FIELD t1, TF_EPC
	EXPECT_REG t1, t0

	CASE 6	/* entry 0 as NA4 on the first word: an 8-byte S-mode load matches it only in part and fails */
	la t0, guarded
	srli t0, t0, 2
	csrw pmpaddr0, t0
	li t0, ((CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 8) | (CFG_NA4 | CFG_R)
	csrw pmpcfg0, t0
	GOTO_MODE MPP_S, s_partial
s_partial_back:
	EXPECT_M_CAUSE CAUSE_LOAD_ACCESS
	EXPECT a1, 0x1234		/* the 4-byte load inside the entry worked */

	CASE 7	/* a locked read-only entry binds M-mode and ignores later writes */
	la t0, guarded
	srli t0, t0, 2
	ori t0, t0, 0x1ff
	csrw pmpaddr0, t0
	li t0, ((CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 8) | (CFG_L | CFG_NAPOT | CFG_R)
	csrw pmpcfg0, t0
	la a0, guarded
	ld t2, 0(a0)
	EXPECT t2, 0x1234
	EXPECT_TRAP 1f
	sd zero, 0(a0)
	TRAP_MISSED
1:	EXPECT_M_CAUSE CAUSE_STORE_ACCESS
	li t0, ((CFG_NAPOT | CFG_R | CFG_W | CFG_X) << 8) | (CFG_NAPOT | CFG_R | CFG_W)
	csrw pmpcfg0, t0
	csrr t1, pmpcfg0
	andi t1, t1, 0xff
	EXPECT t1, (CFG_L | CFG_NAPOT | CFG_R)
	PASS

/* ---- S-mode pieces; each returns to M with an ecall or through the expected fault ---- */
s_nothing:
	j fail

s_read:
	la a0, guarded
	ld a1, 0(a0)
	BACK_TO_M s_read_back

s_write:
	la a0, guarded
	EXPECT_TRAP s_write_back
	sd zero, 8(a0)
	TRAP_MISSED

s_exec:
	la a0, guarded
	EXPECT_TRAP s_exec_back
	jalr ra, 64(a0)
	TRAP_MISSED

s_partial:
	la a0, guarded
	lw a1, 0(a0)
	EXPECT_TRAP s_partial_back
	ld a2, 0(a0)
	TRAP_MISSED

	.data
	.align 12
guarded:
	.zero 4096
