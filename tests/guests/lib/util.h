/* Exit through isa-debug-exit, failure reporting, string and command-line helpers. */
#ifndef GUEST_UTIL_H
#define GUEST_UTIL_H
#include <stddef.h>
#include <stdint.h>

#define DEBUG_EXIT_PORT 0xf4

/* 32-bit outl of code to port 0xf4; the VMM exits with code (QEMU with (code<<1)|1). */
__attribute__((noreturn)) void guest_exit(uint32_t code);
/* Prints "FAIL: <message>\n" and exits with code. */
__attribute__((noreturn, format(printf, 2, 3))) void fail(uint32_t code, const char *fmt, ...);

/* gcc may emit calls to these even in freestanding code. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* Command lines are space-separated words; parameters are key=value words.
 * cmdline_value copies the value of key into buf (NUL-terminated, truncated to n-1)
 * and returns 1, or returns 0 when the key is absent. cmdline may be NULL. */
int cmdline_value(const char *cmdline, const char *key, char *buf, size_t n);
/* The value of key as a decimal or 0x-prefixed hex number, or def when absent or malformed. */
uint64_t cmdline_uint(const char *cmdline, const char *key, uint64_t def);

#endif
