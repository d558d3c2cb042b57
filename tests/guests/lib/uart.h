/* Polled 16550 driver for COM1 (0x3f8). */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#define COM1 0x3f8

void uart_init(void);
void uart_putc(char c);
void uart_puts(const char *s); /* no newline added */
int uart_getc(void);           /* blocks until a byte arrives */

#endif
