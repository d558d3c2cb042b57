#include "uart.h"
#include "io.h"

/* Register offsets from the base port. */
enum { RBR_THR = 0, IER = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5 };
#define LSR_DR   0x01 /* receive data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */

/* Programmed like a real driver (the VMM emulates these registers): no interrupts,
 * divisor 1 (115200 baud) through DLAB, 8N1, FIFOs on, DTR|RTS without OUT2 so no IRQ. */
void uart_init(void)
{
	outb(COM1 + IER, 0x00);
	outb(COM1 + LCR, 0x80);     /* DLAB=1: ports 0/1 are the divisor latch */
	outb(COM1 + RBR_THR, 0x01); /* DLL */
	outb(COM1 + IER, 0x00);     /* DLM */
	outb(COM1 + LCR, 0x03);     /* DLAB=0, 8 data bits, no parity, 1 stop bit */
	outb(COM1 + FCR, 0xc7);     /* enable and clear FIFOs, 14-byte trigger */
	outb(COM1 + MCR, 0x03);     /* DTR, RTS */
}

void uart_putc(char c)
{
	while (!(inb(COM1 + LSR) & LSR_THRE))
		cpu_relax();
	outb(COM1 + RBR_THR, (uint8_t)c);
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}

int uart_getc(void)
{
	while (!(inb(COM1 + LSR) & LSR_DR))
		cpu_relax();
	return inb(COM1 + RBR_THR);
}
