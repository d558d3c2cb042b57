/* Zba and Zbb (built with -march=rv64gc_zba_zbb; skip this program on a CPU without them):
 * add.uw sh1add sh2add sh3add sh1add.uw sh2add.uw sh3add.uw slli.uw (zext.w), andn orn xnor, clz
 * clzw ctz ctzw cpop cpopw, max maxu min minu, sext.b sext.h zext.h, rol rolw ror rori roriw rorw,
 * orc.b, rev8. Expected values from a bit-level reference. */
#include "test.h"

.macro RR n, op, expect, a, b
	CASE \n
	li a1, \a
	li a2, \b
	\op a0, a1, a2
	EXPECT a0, \expect
.endm

.macro RI n, op, expect, a, imm
	CASE \n
	li a1, \a
	\op a0, a1, \imm
	EXPECT a0, \expect
.endm

.macro R1 n, op, expect, a
	CASE \n
	li a1, \a
	\op a0, a1
	EXPECT a0, \expect
.endm

main:
	RR 1, add.uw, 0x0000000080000101, 0xffffffff80000001, 0x100
	RR 2, add.uw, 0xffffffff23456789, 0x123456789, 0xffffffff00000000
	RR 3, sh1add, 0x8000000000000007, 0x4000000000000001, 0x5
	RR 4, sh2add, 0x0000000000000000, 0xffffffffffffffff, 0x4
	RR 5, sh3add, 0x8000000000000010, 0x1000000000000000, 0x10
	RR 6, sh1add.uw, 0x0000000100000002, 0xffffffff80000001, 0x0
	RR 7, sh2add.uw, 0x00000003fffffffd, 0x12345678ffffffff, 0x1
	RR 8, sh3add.uw, 0x1000000000000018, 0xffffffff00000003, 0x1000000000000000
	RR 9, andn, 0xf000f000f000f000, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
	RR 10, orn, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
	RR 11, xnor, 0x0f0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0
	RR 12, max, 0x0000000000000001, 0x8000000000000000, 0x1
	RR 13, max, 0xfffffffffffffffb, 0xfffffffffffffffb, 0xfffffffffffffff9
	RR 14, min, 0x8000000000000000, 0x8000000000000000, 0x1
	RR 15, min, 0x0000000000000003, 0x3, 0x3
	RR 16, maxu, 0x8000000000000000, 0x8000000000000000, 0x1
	RR 17, minu, 0x0000000000000001, 0x8000000000000000, 0x1
	RR 18, minu, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe
	RR 19, rol, 0x123456789abcdef8, 0x8123456789abcdef, 0x4
	RR 20, rol, 0x23456789abcdef81, 0x8123456789abcdef, 0x48
	RR 21, rol, 0x8123456789abcdef, 0x8123456789abcdef, 0x0
	RR 22, ror, 0xf8123456789abcde, 0x8123456789abcdef, 0x4
	RR 23, ror, 0x02468acf13579bdf, 0x8123456789abcdef, 0x3f
	RR 24, ror, 0x8123456789abcdef, 0x8123456789abcdef, 0x80
	RR 25, rolw, 0x0000000000000003, 0x80000001, 0x1
	RR 26, rolw, 0x0000000023456781, 0xffffffff12345678, 0x24
	RR 27, rorw, 0xffffffff80000000, 0x1, 0x1
	RR 28, rorw, 0x0000000012345678, 0x12345678, 0x0
	RR 29, rorw, 0x0000000018765432, 0x87654321, 0x24
	RI 30, slli.uw, 0x0000000080000001, 0xffffffff80000001, 0
	RI 31, slli.uw, 0x0000000800000010, 0xffffffff80000001, 4
	RI 32, slli.uw, 0x8000000000000000, 0xffffffff, 63
	RI 33, rori, 0x8123456789abcdef, 0x8123456789abcdef, 0
	RI 34, rori, 0xef8123456789abcd, 0x8123456789abcdef, 8
	RI 35, rori, 0x02468acf13579bdf, 0x8123456789abcdef, 63
	RI 36, roriw, 0xffffffff80000000, 0x1, 1
	RI 37, roriw, 0x0000000012345678, 0xffffffff12345678, 0
	RI 38, roriw, 0x0000000043218765, 0x87654321, 16
	RI 39, roriw, 0x000000002468acf0, 0x12345678, 31
	R1 40, clz, 0x0000000000000040, 0x0
	R1 41, clz, 0x000000000000003f, 0x1
	R1 42, clz, 0x0000000000000000, 0x8000000000000000
	R1 43, clz, 0x0000000000000017, 0x10000000000
	R1 44, clzw, 0x0000000000000020, 0x0
	R1 45, clzw, 0x000000000000001f, 0xffffffff00000001
	R1 46, clzw, 0x0000000000000000, 0x80000000
	R1 47, clzw, 0x0000000000000010, 0x8000
	R1 48, ctz, 0x0000000000000040, 0x0
	R1 49, ctz, 0x000000000000003f, 0x8000000000000000
	R1 50, ctz, 0x0000000000000008, 0x100
	R1 51, ctzw, 0x0000000000000020, 0x0
	R1 52, ctzw, 0x0000000000000020, 0xffffffff00000000
	R1 53, ctzw, 0x000000000000001f, 0x80000000
	R1 54, ctzw, 0x0000000000000003, 0x12345678
	R1 55, cpop, 0x0000000000000000, 0x0
	R1 56, cpop, 0x0000000000000040, 0xffffffffffffffff
	R1 57, cpop, 0x0000000000000021, 0x8123456789abcdef
	R1 58, cpopw, 0x0000000000000000, 0x0
	R1 59, cpopw, 0x0000000000000000, 0xffffffff00000000
	R1 60, cpopw, 0x0000000000000014, 0x8123456789abcdef
	R1 61, cpopw, 0x0000000000000020, 0xffffffff
	R1 62, sext.b, 0x000000000000007f, 0x7f
	R1 63, sext.b, 0xffffffffffffff80, 0x1234567880
	R1 64, sext.h, 0x0000000000007fff, 0x7fff
	R1 65, sext.h, 0xffffffffffff8000, 0xffff8000ffff8000
	R1 66, sext.h, 0x0000000000005678, 0x12345678
	R1 67, zext.h, 0x000000000000ffff, 0xffffffffffffffff
	R1 68, zext.h, 0x0000000000008765, 0x12348765
	R1 69, orc.b, 0x0000000000000000, 0x0
	R1 70, orc.b, 0xff00ffff00ff00ff, 0x100801000020040
	R1 71, orc.b, 0xffffffffffffffff, 0xffffffffffffffff
	R1 72, rev8, 0xefcdab8967452381, 0x8123456789abcdef
	R1 73, rev8, 0xff00000000000000, 0xff
	R1 74, zext.w, 0x00000000ffffffff, 0xffffffffffffffff
	R1 75, zext.w, 0x0000000087654321, 0x1234567887654321

	PASS
