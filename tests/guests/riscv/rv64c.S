/* C: every RV64C instruction written with its c. mnemonic (quadrant 0: c.addi4spn c.fld c.lw c.ld
 * c.fsd c.sw c.sd; quadrant 1: c.nop c.addi c.addiw c.li c.addi16sp c.lui c.srli c.srai c.andi
 * c.sub c.xor c.or c.and c.subw c.addw c.j c.beqz c.bnez; quadrant 2: c.slli c.fldsp c.lwsp c.ldsp
 * c.jr c.mv c.ebreak c.jalr c.add c.fsdsp c.swsp c.sdsp), 32-bit instructions at 2-mod-4
 * addresses, the all-zero illegal instruction and an illegal compressed one (mtval = its 16 bits). */
#include "test.h"

main:
	ENABLE_FP
	.option rvc

	/* c.li, c.lui */
	CASE 1
	c.li a0, -32
	EXPECT a0, -32
	CASE 2
	c.li a5, 31
	EXPECT a5, 31
	CASE 3
	c.lui a0, 0x1f
	EXPECT a0, 0x1f000
	CASE 4
	c.lui s1, 0xfffe0                /* nzimm = -32: bits 17..12 sign-extended */
	EXPECT s1, 0xfffffffffffe0000
	CASE 5
	c.lui t0, 1
	EXPECT t0, 0x1000

	/* c.addi, c.addiw, c.nop */
	CASE 6
	li a0, 100
	c.addi a0, -32
	EXPECT a0, 68
	CASE 7
	li a0, 0x7fffffffffffffe0
	c.addi a0, 31
	EXPECT a0, 0x7fffffffffffffff
	CASE 8
	li a0, 0x7fffffff
	c.addiw a0, 1
	EXPECT a0, 0xffffffff80000000
	CASE 9
	li a0, 0x12345678ffffffff
	c.addiw a0, 0                    /* sext.w */
	EXPECT a0, -1
	CASE 10
	li a0, 5
	c.nop
	EXPECT a0, 5

	/* c.addi16sp, c.addi4spn */
	CASE 11
	mv s1, sp
	c.addi16sp sp, -512
	sub a0, s1, sp
	EXPECT a0, 512
	c.addi16sp sp, 496
	sub a0, sp, s1
	EXPECT a0, -16
	c.addi16sp sp, 16
	EXPECT_REG sp, s1
	CASE 12
	c.addi4spn a0, sp, 1020
	sub a0, a0, sp
	EXPECT a0, 1020
	CASE 13
	c.addi4spn s0, sp, 4
	sub s0, s0, sp
	EXPECT s0, 4

	/* shifts and c.andi (c.srli/c.srai/c.andi take x8..x15) */
	CASE 14
	li a0, 1
	c.slli a0, 63
	EXPECT a0, 0x8000000000000000
	CASE 15
	li t3, 0x00000000ffffffff
	c.slli t3, 32
	EXPECT t3, 0xffffffff00000000
	CASE 16
	li a1, 0x8000000000000000
	c.srli a1, 63
	EXPECT a1, 1
	CASE 17
	li a1, 0x8000000000000000
	c.srai a1, 4
	EXPECT a1, 0xf800000000000000
	CASE 18
	li a2, 0x7000000000000000
	c.srai a2, 60
	EXPECT a2, 7
	CASE 19
	li a3, 0x123456789abcdeff
	c.andi a3, -32
	EXPECT a3, 0x123456789abcdee0
	CASE 20
	li a3, 0x123456789abcdeff
	c.andi a3, 15
	EXPECT a3, 0xf

	/* register-register */
	CASE 21
	li a0, 0x1234
	c.mv a1, a0
	EXPECT a1, 0x1234
	c.mv t5, sp                      /* any register as rd/rs2 */
	EXPECT_REG t5, sp
	CASE 22
	li a0, 40
	li t1, 2
	c.add a0, t1
	EXPECT a0, 42
	CASE 23
	li s0, 10
	li s1, 20
	c.sub s0, s1
	EXPECT s0, -10
	CASE 24
	li a4, 0xff00ff00ff00ff00
	li a5, 0x0ff00ff00ff00ff0
	c.xor a4, a5
	EXPECT a4, 0xf0f0f0f0f0f0f0f0
	CASE 25
	li a4, 0xff00ff00ff00ff00
	c.or a4, a5
	EXPECT a4, 0xfff0fff0fff0fff0
	CASE 26
	li a4, 0xff00ff00ff00ff00
	c.and a4, a5
	EXPECT a4, 0x0f000f000f000f00
	CASE 27
	li a0, 0x80000000
	li a1, 1
	c.subw a0, a1
	EXPECT a0, 0x7fffffff
	CASE 28
	li a0, 0xffffffff00000000
	li a1, 1
	c.subw a0, a1
	EXPECT a0, -1
	CASE 29
	li a0, 0x7fffffff
	li a1, 0x100000001
	c.addw a0, a1
	EXPECT a0, 0xffffffff80000000

	/* integer loads and stores, register based (x8..x15) */
	la s0, cdata
	CASE 30
	c.lw a0, 0(s0)
	EXPECT a0, 0xffffffff87868584    /* c.lw sign-extends */
	CASE 31
	c.lw a1, 4(s0)
	EXPECT a1, 0x01020304
	CASE 32
	c.ld a2, 0(s0)
	EXPECT a2, 0x0102030487868584
	CASE 33
	c.ld a3, 248(s0)
	EXPECT a3, 0x5555aaaa5555aaaa
	CASE 34
	c.lw a4, 124(s0)
	EXPECT a4, 0x7eadbeef
	CASE 35
	li a5, 0x1122334455667788
	c.sd a5, 16(s0)
	c.sw a5, 24(s0)
	ld a0, 16(s0)
	EXPECT a0, 0x1122334455667788
	lwu a0, 24(s0)
	EXPECT a0, 0x55667788
	lwu a0, 28(s0)
	EXPECT a0, 0                     /* c.sw writes 4 bytes only */

	/* stack-pointer based */
	CASE 36
	addi sp, sp, -256
	li t0, 0x8000000180000002
	c.sdsp t0, 248(sp)
	c.ldsp t1, 248(sp)
	EXPECT t1, 0x8000000180000002
	CASE 37
	c.lwsp t2, 248(sp)
	EXPECT t2, 0xffffffff80000002
	c.lwsp t2, 252(sp)
	EXPECT t2, 0xffffffff80000001
	CASE 38
	li t0, 0x12345678
	c.swsp t0, 0(sp)
	c.sdsp zero, 8(sp)
	c.ldsp s1, 0(sp)
	EXPECT s1, 0x12345678
	CASE 39
	c.swsp t0, 252(sp)
	c.ldsp s1, 248(sp)
	EXPECT s1, 0x1234567880000002
	addi sp, sp, 256

	/* floating-point loads and stores */
	CASE 40
	la s0, fdata
	c.fld fa0, 8(s0)
	fmv.x.d a0, fa0
	EXPECT a0, 0x400921fb54442d18
	CASE 41
	c.fsd fa0, 248(s0)
	ld a0, 248(s0)
	EXPECT a0, 0x400921fb54442d18
	CASE 42
	addi sp, sp, -512
	li t0, 0xbff0000000000000
	sd t0, 504(sp)
	c.fldsp fs2, 504(sp)             /* any f register */
	fmv.x.d a0, fs2
	EXPECT a0, 0xbff0000000000000
	CASE 43
	c.fsdsp fs2, 0(sp)
	ld a0, 0(sp)
	EXPECT a0, 0xbff0000000000000
	addi sp, sp, 512

	/* control transfer */
	CASE 44
	li a0, 0
	c.j 1f
	li a0, 1
1:	EXPECT a0, 0
	CASE 45
	li a0, 3
	j 2f
1:	c.addi a0, -1                    /* backward c.j loop */
	c.bnez a0, 1b
	c.j 3f
2:	c.j 1b
3:	EXPECT a0, 0
	CASE 46
	li s1, 0
	li a0, 0
	c.beqz s1, 1f
	li a0, 1
1:	EXPECT a0, 0
	CASE 47
	li s1, 1
	c.beqz s1, 1f
	li a0, 7
1:	EXPECT a0, 7
	CASE 48
	li s1, 0
	li a0, 0
	c.bnez s1, 1f
	li a0, 9
1:	EXPECT a0, 9
	CASE 49
	la t0, 1f
	li ra, 0
	c.jr t0
	j fail
1:	EXPECT ra, 0
	CASE 50
	la t0, 1f
	c.jalr t0                        /* link is pc + 2 */
2:	j fail
1:	la t1, 2b
	EXPECT_REG ra, t1
	CASE 51
	la ra, 1f
	c.jalr ra                        /* rs1 = ra: target from the old value */
2:	j fail
1:	la t1, 2b
	EXPECT_REG ra, t1

	/* 32-bit instructions at 2 mod 4, reached by a jump */
	CASE 52
	.balign 4
	c.j 1f
	c.nop
1:	li a0, 0x12345
	addi a0, a0, 1
	la t0, 2f
	andi t1, t0, 3
	EXPECT t1, 2
	jalr ra, 0(t0)
	j fail
	.balign 4
	c.nop
2:	addi a0, a0, 1                   /* at 2 mod 4 */
	EXPECT a0, 0x12347

	/* c.ebreak: breakpoint (3), mepc at the c.ebreak, mtval its address (or 0, as QEMU 7.2 leaves it) */
	CASE 53
	EXPECT_TRAP 2f
1:	c.ebreak
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_BREAKPOINT
	EXPECT_M_EPC 1b
	M_TRAP_FIELD t5, TF_TVAL
	beqz t5, 3f
	la t6, 1b
	EXPECT_REG t5, t6
3:

	/* the all-zero halfword is illegal */
	CASE 54
	EXPECT_TRAP 2f
1:	.half 0
	TRAP_MISSED
2:	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC 1b
	EXPECT_M_TVAL 0

	/* c.fldsp with mstatus.FS = Off: illegal, mtval = the 16 instruction bits */
	CASE 55
	li t0, MSTATUS_FS
	csrc mstatus, t0
	EXPECT_TRAP 2f
1:	c.fldsp fa1, 8(sp)
	TRAP_MISSED
2:	ENABLE_FP
	EXPECT_M_CAUSE CAUSE_ILLEGAL
	EXPECT_M_EPC 1b
	la t0, 1b
	lhu t0, 0(t0)
	M_TRAP_FIELD t5, TF_TVAL
	EXPECT_REG t5, t0

	.option norvc
	PASS

	.data
	.balign 8
cdata:
	.byte 0x84, 0x85, 0x86, 0x87, 0x04, 0x03, 0x02, 0x01
	.fill 14, 8, 0
	.word 0
	.word 0x7eadbeef                 /* offset 124 */
	.fill 15, 8, 0
	.dword 0x5555aaaa5555aaaa        /* offset 248 */
	.balign 8
fdata:
	.dword 0
	.dword 0x400921fb54442d18        /* pi */
	.fill 32, 8, 0
