#include <stdarg.h>
#include "util.h"
#include "io.h"
#include "print.h"

void guest_exit(uint32_t code)
{
	outl(DEBUG_EXIT_PORT, code);
	/* Only reached if the VMM did not stop us: park the CPU. */
	for (;;)
		__asm__ volatile("cli; hlt");
}

void fail(uint32_t code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kprintf("FAIL: ");
	kvprintf(fmt, ap);
	kprintf("\n");
	va_end(ap);
	guest_exit(code);
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int cmdline_value(const char *cmdline, const char *key, char *buf, size_t n)
{
	size_t klen = strlen(key);
	const char *p = cmdline;
	if (!p)
		return 0;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *word = p;
		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - word) > klen && memcmp(word, key, klen) == 0 && word[klen] == '=') {
			const char *v = word + klen + 1;
			size_t i = 0;
			while (v + i < p && i + 1 < n) {
				buf[i] = v[i];
				i++;
			}
			if (n)
				buf[i] = '\0';
			return 1;
		}
	}
	return 0;
}

uint64_t cmdline_uint(const char *cmdline, const char *key, uint64_t def)
{
	char buf[24];
	if (!cmdline_value(cmdline, key, buf, sizeof buf) || !buf[0])
		return def;
	const char *p = buf;
	uint32_t base = 10;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	uint64_t v = 0;
	if (!*p)
		return def;
	for (; *p; p++) {
		uint32_t d;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return def;
		v = v * base + d; /* u64 multiply is inline on i386, unlike divide */
	}
	return v;
}
