/* M: mul, mulh, mulhsu, mulhu, div, divu, rem, remu and the W forms, with signed/unsigned high
 * halves, division by zero (quotient all ones, remainder the dividend) and signed overflow
 * (quotient the dividend, remainder 0). Expected values from a 128-bit reference. */
#include "test.h"

/* rd = op(rs1 = a, rs2 = b) */
.macro RR n, op, expect, a, b
	CASE \n
	li a1, \a
	li a2, \b
	\op a0, a1, a2
	EXPECT a0, \expect
.endm

main:
	RR 1, mul, 0x0000000000000015, 3, 7
	RR 2, mul, 0x0000000000000001, -1, -1
	RR 3, mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 2
	RR 4, mul, 0x236d88fe5618cf00, 0x123456789abcdef0, 0xfedcba9876543210
	RR 5, mul, 0x8000000000000000, 0x8000000000000000, -1
	RR 6, mulh, 0x0000000000000000, -1, -1
	RR 7, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
	RR 8, mulh, 0xffffffffffffffff, -1, 1
	RR 9, mulh, 0xffeb49923cc09532, 0x123456789abcdef0, 0xfedcba9876543210
	RR 10, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
	RR 11, mulhu, 0xfffffffffffffffe, -1, -1
	RR 12, mulhu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
	RR 13, mulhu, 0x0000000000000001, 0x100000000, 0x100000000
	RR 14, mulhu, 0x0000000000000000, 5, 7
	RR 15, mulhsu, 0xffffffffffffffff, -1, -1
	RR 16, mulhsu, 0xffffffffffffffff, -2, 3
	RR 17, mulhsu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
	RR 18, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000
	RR 19, mulhsu, 0x0000000000000004, 5, -1
	RR 20, mulw, 0xfffffffffffffffe, 0x7fffffff, 2
	RR 21, mulw, 0x000000000000000f, 0xffffffff00000003, 0x1234567800000005
	RR 22, mulw, 0x0000000000000000, 0x10000, 0x10000
	RR 23, mulw, 0xffffffffffffffeb, -3, 7
	RR 24, div, 0x0000000000000003, 20, 6
	RR 25, div, 0xfffffffffffffffd, -20, 6
	RR 26, div, 0xfffffffffffffffd, 20, -6
	RR 27, div, 0x0000000000000003, -20, -6
	RR 28, div, 0xffffffffffffffff, 5, 0
	RR 29, div, 0x8000000000000000, 0x8000000000000000, -1
	RR 30, div, 0x0000000000000000, 0, 5
	RR 31, divu, 0x0000000000000003, 20, 6
	RR 32, divu, 0x7fffffffffffffff, -1, 2
	RR 33, divu, 0xffffffffffffffff, 5, 0
	RR 34, divu, 0x0000000000000000, 0x8000000000000000, -1
	RR 35, rem, 0x0000000000000002, 20, 6
	RR 36, rem, 0xfffffffffffffffe, -20, 6
	RR 37, rem, 0x0000000000000002, 20, -6
	RR 38, rem, 0xfffffffffffffffe, -20, -6
	RR 39, rem, 0xfffffffffffffffb, -5, 0
	RR 40, rem, 0x0000000000000000, 0x8000000000000000, -1
	RR 41, remu, 0x0000000000000002, 20, 6
	RR 42, remu, 0x0000000000000002, -20, 6
	RR 43, remu, 0xfffffffffffffffb, -5, 0
	RR 44, divw, 0x0000000000000003, 20, 6
	RR 45, divw, 0xfffffffffffffffd, -20, 6
	RR 46, divw, 0x0000000000000003, 0xffffffff00000014, 0x100000006
	RR 47, divw, 0xffffffffffffffff, 5, 0
	RR 48, divw, 0xffffffff80000000, 0x80000000, -1
	RR 49, divw, 0xffffffff80000000, 0x80000000, 0xffffffff
	RR 50, divuw, 0x000000007ffffff8, 0xfffffff0, 2
	RR 51, divuw, 0x0000000000000003, 0xffffffff00000014, 6
	RR 52, divuw, 0xffffffffffffffff, 5, 0
	RR 53, divuw, 0x0000000000000000, 0x80000000, 0xffffffff
	RR 54, remw, 0xfffffffffffffffe, -20, 6
	RR 55, remw, 0x0000000000000002, 20, -6
	RR 56, remw, 0x0000000000000000, 0x80000000, -1
	RR 57, remw, 0xffffffff80000001, 0x80000001, 0
	RR 58, remw, 0x0000000000000001, 0x1234567800000007, 3
	RR 59, remuw, 0x0000000000000002, 0xfffffff0, 7
	RR 60, remuw, 0xffffffff80000001, 0x80000001, 0
	RR 61, remuw, 0x0000000000000002, 0xffffffff00000014, 6
	RR 62, remuw, 0x0000000000000002, -20, 6

	/* the same register as both sources and the destination */
	CASE 63
	li a0, -3
	mul a0, a0, a0
	EXPECT a0, 9
	CASE 64
	li a0, -7
	div a0, a0, a0
	EXPECT a0, 1
	CASE 65
	li a0, 12345
	remu a0, a0, a0
	EXPECT a0, 0
	/* x0 as destination: the result is dropped */
	CASE 66
	li a1, 3
	li a2, 0
	div x0, a1, a2
	mul x0, a1, a1
	EXPECT x0, 0

	PASS
