/* printf subset over the UART: %d %i %u %x %X %c %s %p %%, flag '0', a width,
 * length modifiers l, ll, z. Lines end in a bare "\n" so tests can match them exactly. */
#ifndef GUEST_PRINT_H
#define GUEST_PRINT_H
#include <stdarg.h>

void kvprintf(const char *fmt, va_list ap);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
