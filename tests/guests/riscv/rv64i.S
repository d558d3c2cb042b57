/* RV64I: integer arithmetic, logic, shifts (and their W forms), compares, lui/auipc, jal/jalr with
 * their link, every branch taken and not taken, every load/store width with sign/zero extension, x0. */
#include "test.h"

/* rd = op(rs1 = a, rs2 = b) */
.macro RR n, op, expect, a, b
	CASE \n
	li a1, \a
	li a2, \b
	\op a0, a1, a2
	EXPECT a0, \expect
.endm

/* rd = op(rs1 = a, imm) */
.macro RI n, op, expect, a, imm
	CASE \n
	li a1, \a
	\op a0, a1, \imm
	EXPECT a0, \expect
.endm

/* branch op on (a, b): taken must equal 1 or 0 */
.macro BR n, op, taken, a, b
	CASE \n
	li a1, \a
	li a2, \b
	li a0, 0
	\op a1, a2, .Ltaken\@
	j .Ldone\@
.Ltaken\@:
	li a0, 1
.Ldone\@:
	EXPECT a0, \taken
.endm

main:
	/* add / sub / addi */
	RR 1, add, 3, 1, 2
	RR 2, add, 0x8000000000000000, 0x7fffffffffffffff, 1
	RR 3, add, 0, -1, 1
	RR 4, sub, -1, 0, 1
	RR 5, sub, 0x7fffffffffffffff, 0x8000000000000000, 1
	RR 6, sub, 0x0000000100000000, 0x00000001ffffffff, 0xffffffff
	RI 7, addi, -2047, 1, -2048
	RI 8, addi, 0x8000000000000000 + 2046, 0x7fffffffffffffff, 2047
	RI 9, addi, 0x80000000, 0x7fffffff, 1

	/* W forms: 32-bit result sign-extended, upper input bits ignored */
	RR 10, addw, 0xffffffff80000000, 0x7fffffff, 1
	RR 11, addw, 2, 0xffffffff00000001, 0x1234567800000001
	RR 12, subw, -1, 0, 1
	RR 13, subw, 0x7fffffff, 0x80000000, 1
	RI 14, addiw, 0xffffffff80000000, 0x7fffffff, 1
	RI 15, addiw, -1, 0x00000000ffffffff, 0
	RI 16, addiw, 0x7fffffff, 0xffffffff80000000, -1

	/* compares */
	RR 17, slt, 1, -1, 1
	RR 18, slt, 0, 1, -1
	RR 19, slt, 0, 5, 5
	RR 20, sltu, 0, -1, 1
	RR 21, sltu, 1, 1, -1
	RI 22, slti, 1, -5, -4
	RI 23, slti, 0, 0, -1
	RI 24, sltiu, 1, 5, -1          /* the immediate is sign-extended, then compared unsigned */
	RI 25, sltiu, 0, -1, 5
	RI 26, sltiu, 1, 0, 1           /* seqz */

	/* logic */
	RR 27, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	RR 28, or, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	RR 29, xor, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0
	RI 30, andi, 0xff00ff00ff00f800, 0xff00ff00ff00ff00, -2048   /* imm 0x...f800 */
	RI 31, andi, 0x700, 0xff00ff00ff00ff00, 0x7ff
	RI 32, ori, 0xff00ff00ff00ffff, 0xff00ff00ff00ff00, 0xff
	RI 33, ori, -1, 0x0000000000000123, -1
	RI 34, xori, 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00, -1      /* not */
	RI 35, xori, 0xff00ff00ff00fff0, 0xff00ff00ff00ff00, 0x0f0

	/* 64-bit shifts: amount from rs2[5:0] */
	RR 36, sll, 0x8000000000000000, 1, 63
	RR 37, sll, 2, 1, 65
	RR 38, srl, 1, 0x8000000000000000, 63
	RR 39, srl, 0x0800000000000000, 0x8000000000000000, 0x44
	RR 40, sra, -1, 0x8000000000000000, 63
	RR 41, sra, 0xf800000000000000, 0x8000000000000000, 4
	RR 42, sra, 0x0123456789abcdef, 0x0123456789abcdef, 64
	RI 43, slli, 0xf000000000000000, 0xf, 60
	RI 44, srli, 0x000000000000000f, 0xf000000000000000, 60
	RI 45, srai, 0xffffffffffffffff, 0xf000000000000000, 60
	RI 46, srai, 0x0700000000000000, 0x7000000000000000, 4

	/* 32-bit shifts: amount from rs2[4:0], result sign-extended */
	RR 47, sllw, 0xffffffff80000000, 1, 31
	RR 48, sllw, 1, 1, 32
	RR 49, sllw, 1, 0xffffffff00000001, 0
	RR 50, sllw, 0xffffffffffffabcd, 0x00000000ffffabcd, 32    /* amount 0, still sign-extended */
	RR 51, srlw, 1, 0xffffffff80000000, 31
	RR 52, srlw, 0xffffffff80000000, 0x0000000080000000, 0      /* shift by 0 still sign-extends */
	RR 53, srlw, 0x08000000, 0x0000000080000000, 4
	RR 54, sraw, 0xfffffffff8000000, 0x0000000080000000, 4
	RR 55, sraw, 0x07ffffff, 0xffffffff7fffffff, 36              /* amount 36 & 31 = 4 */
	RI 56, slliw, 0xffffffff80000000, 0x0000000000000001, 31
	RI 57, slliw, 0x12345678, 0xabcdef0012345678, 0
	RI 58, srliw, 0x0000000000000001, 0x0000000080000000, 31
	RI 59, srliw, 0x0fffffff, 0xfffffffffffffff0, 4
	RI 60, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31
	RI 61, sraiw, 0x00000000007fffff, 0x00000000ffffffff - 0x80000000, 8

	/* lui / auipc */
	CASE 62
	lui a0, 0x80000
	EXPECT a0, 0xffffffff80000000
	CASE 63
	lui a0, 0x7ffff
	EXPECT a0, 0x7ffff000
	CASE 64
	lui a0, 0
	EXPECT a0, 0
	CASE 65
1:	auipc a0, 0
	la a1, 1b
	EXPECT_REG a0, a1
	CASE 66
1:	auipc a0, 0x1
	la a1, 1b
	li t0, 0x1000
	add a1, a1, t0
	EXPECT_REG a0, a1
	CASE 67
1:	auipc a0, 0xfffff                /* pc - 0x1000 */
	la a1, 1b
	li t0, 0x1000
	sub a1, a1, t0
	EXPECT_REG a0, a1

	/* jal / jalr */
	CASE 68
	li a0, 0
	jal ra, 1f
2:	li a0, 99                        /* skipped */
1:	la a1, 2b
	EXPECT_REG ra, a1
	EXPECT a0, 0
	CASE 69
	jal x0, 1f                       /* j: no link */
	j fail
1:	CASE 70
	la a1, 1f
	jalr ra, 0(a1)
2:	j fail
1:	la a2, 2b
	EXPECT_REG ra, a2
	CASE 71
	la a1, 1f - 8
	jalr t0, 8(a1)                   /* offset added */
2:	j fail
1:	la a2, 2b
	EXPECT_REG t0, a2
	CASE 72
	la a1, 1f + 1                    /* bit 0 of the target is cleared */
	jalr ra, 0(a1)
	j fail
1:	CASE 73
	la a1, 1f
	jalr a1, 0(a1)                   /* rd = rs1: target from the old value, then the link */
2:	j fail
1:	la a2, 2b
	EXPECT_REG a1, a2
	CASE 74
	la a1, 1f
	jalr x0, -4(a1)                  /* negative offset, no link */
	j fail
	j 3f
1:	j fail
3:

	/* branches */
	BR 75, beq, 1, 5, 5
	BR 76, beq, 0, 5, 6
	BR 77, bne, 1, 5, 6
	BR 78, bne, 0, -1, -1
	BR 79, blt, 1, -1, 1
	BR 80, blt, 0, 1, -1
	BR 81, blt, 0, 3, 3
	BR 82, bge, 1, 3, 3
	BR 83, bge, 1, 1, -1
	BR 84, bge, 0, -1, 1
	BR 85, bltu, 0, -1, 1
	BR 86, bltu, 1, 1, -1
	BR 87, bltu, 0, 7, 7
	BR 88, bgeu, 1, -1, 1
	BR 89, bgeu, 0, 1, -1
	BR 90, bgeu, 1, 0, 0
	CASE 91                          /* backward branch loop */
	li a0, 0
	li a1, 10
1:	addi a0, a0, 3
	addi a1, a1, -1
	bnez a1, 1b
	EXPECT a0, 30

	/* loads: every width, sign and zero extension, positive and negative offsets */
	la s0, load_data                 /* bytes 88 87 86 85 84 83 82 81 | 7f 01 ff 7f 00 80 ff ff */
	CASE 92
	lb a0, 0(s0)
	EXPECT a0, 0xffffffffffffff88
	CASE 93
	lbu a0, 0(s0)
	EXPECT a0, 0x88
	CASE 94
	lb a0, 8(s0)
	EXPECT a0, 0x7f
	CASE 95
	lh a0, 2(s0)
	EXPECT a0, 0xffffffffffff8586
	CASE 96
	lhu a0, 2(s0)
	EXPECT a0, 0x8586
	CASE 97
	lh a0, 8(s0)
	EXPECT a0, 0x017f
	CASE 98
	lw a0, 4(s0)
	EXPECT a0, 0xffffffff81828384
	CASE 99
	lwu a0, 4(s0)
	EXPECT a0, 0x81828384
	CASE 100
	lw a0, 8(s0)
	EXPECT a0, 0x7fff017f
	CASE 101
	ld a0, 0(s0)
	EXPECT a0, 0x8182838485868788
	CASE 102
	ld a0, 8(s0)
	EXPECT a0, 0xffff80007fff017f
	CASE 103
	addi s1, s0, 16
	ld a0, -8(s1)
	EXPECT a0, 0xffff80007fff017f
	CASE 104
	lhu a0, -2(s1)
	EXPECT a0, 0xffff
	CASE 105
	lbu a0, -1(s1)
	EXPECT a0, 0xff
	CASE 106
	lw x0, 0(s0)                     /* a load into x0 is discarded */
	EXPECT x0, 0

	/* stores: every width, only the addressed bytes change */
	la s0, store_data
	CASE 107
	li a0, -1
	sd a0, 0(s0)
	li a1, 0x1234
	sb a1, 1(s0)
	ld a0, 0(s0)
	EXPECT a0, 0xffffffffffff34ff
	CASE 108
	li a1, 0xabcd5678
	sh a1, 4(s0)
	ld a0, 0(s0)
	EXPECT a0, 0xffff5678ffff34ff
	CASE 109
	li a1, 0x1122334455667788
	sw a1, 0(s0)
	ld a0, 0(s0)
	EXPECT a0, 0xffff567855667788
	CASE 110
	li a1, 0x0102030405060708
	sd a1, 8(s0)
	ld a0, 8(s0)
	EXPECT a0, 0x0102030405060708
	ld a0, 0(s0)
	EXPECT a0, 0xffff567855667788
	CASE 111
	addi s1, s0, 16
	li a1, 0xa5
	sb a1, -16(s1)
	lbu a0, 0(s0)
	EXPECT a0, 0xa5
	CASE 112
	sh x0, -14(s1)                   /* storing x0 stores zero */
	lhu a0, 2(s0)
	EXPECT a0, 0

	/* x0 ignores writes */
	CASE 113
	addi x0, x0, 5
	add x0, x0, sp
	lui x0, 0x12345
	EXPECT x0, 0
	CASE 114
	mv a0, x0
	EXPECT a0, 0

	/* fence, fence.tso and pause are ordering hints here: they execute and do nothing visible */
	CASE 115
	fence
	fence rw, rw
	fence.tso
	.word 0x0100000f                 /* pause (fence w, 0) */
	nop

	/* source registers read before the destination is written */
	CASE 116
	li a0, 5
	add a0, a0, a0
	EXPECT a0, 10
	CASE 117
	li a0, 7
	sub a0, a0, a0
	EXPECT a0, 0

	PASS

	.data
	.balign 16
load_data:
	.byte 0x88, 0x87, 0x86, 0x85, 0x84, 0x83, 0x82, 0x81
	.byte 0x7f, 0x01, 0xff, 0x7f, 0x00, 0x80, 0xff, 0xff
store_data:
	.dword 0, 0
