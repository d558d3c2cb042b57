#include <stddef.h>
#include <stdint.h>
#include "print.h"
#include "uart.h"

/* 64-bit division by long division: a plain u64 '/' on i386 calls libgcc's __udivdi3,
 * which a freestanding build without gcc-multilib does not have. */
static uint64_t divmod(uint64_t v, uint32_t base, uint32_t *rem)
{
	if ((v >> 32) == 0) {
		*rem = (uint32_t)v % base;
		return (uint32_t)v / base;
	}
	uint64_t q = 0;
	uint32_t r = 0;
	for (int i = 63; i >= 0; i--) {
		r = (r << 1) | (uint32_t)((v >> i) & 1);
		q <<= 1;
		if (r >= base) {
			r -= base;
			q |= 1;
		}
	}
	*rem = r;
	return q;
}

static void put_num(uint64_t v, uint32_t base, int neg, int width, char pad, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int n = 0;
	do {
		uint32_t d;
		v = divmod(v, base, &d);
		buf[n++] = digits[d];
	} while (v);
	if (neg) {
		width--;
		if (pad == '0')
			uart_putc('-');
	}
	for (int i = n; i < width; i++)
		uart_putc(pad);
	if (neg && pad != '0')
		uart_putc('-');
	while (n)
		uart_putc(buf[--n]);
}

void kvprintf(const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			uart_putc(*fmt);
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, lng = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z')
				lng = sizeof(size_t) == 8 ? 2 : 0;
			else
				break;
		}
		uint64_t u;
		int64_t s;
		switch (*fmt) {
		case 'd':
		case 'i':
			s = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(s < 0 ? -(uint64_t)s : (uint64_t)s, 10, s < 0, width, pad, 0);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? va_arg(ap, unsigned long long) : lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			put_num(u, *fmt == 'u' ? 10 : 16, 0, width, pad, *fmt == 'X');
			break;
		case 'p':
			uart_puts("0x");
			put_num((uintptr_t)va_arg(ap, void *), 16, 0, width, pad, 0);
			break;
		case 'c':
			uart_putc((char)va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			uart_puts(str ? str : "(null)");
			break;
		}
		case '%':
			uart_putc('%');
			break;
		case '\0':
			return;
		default: /* unknown conversion: show it rather than guess */
			uart_putc('%');
			uart_putc(*fmt);
		}
	}
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}
