/* vconsole: virtio-console (no MULTIPORT: port 0 only, queue 0 receive, queue 1 transmit).
 * Sends a line, then prints the first line that arrives. */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"
#include "virtio.h"

#define RX_LEN   64
#define LINE_MAX 256

static struct virtio_dev dev;
static struct virtq rxq __attribute__((aligned(4096)));
static struct virtq txq __attribute__((aligned(4096)));
static uint8_t rxbuf[RX_LEN] __attribute__((aligned(64)));
static const char hello[] = "hello from virtio-console\n";

int kmain(uint32_t magic, struct mb_info *mbi)
{
	const char *cmdline = mb_cmdline(magic, mbi);
	uart_init();
	uint64_t wait = cmdline_uint(cmdline, "wait", 20000000000ull);

	virtio_find(&dev, cmdline, VIRTIO_ID_CONSOLE);
	virtio_negotiate(&dev, 0); /* no SIZE, MULTIPORT or EMERG_WRITE */
	virtq_setup(&dev, &rxq, 0, 1);
	virtq_setup(&dev, &txq, 1, 1);
	virtio_driver_ok(&dev);

	/* The receive buffer goes in first so input typed as soon as "vcon sent" appears is not lost. */
	rxq.desc[0] = (struct virtq_desc){ (uint32_t)(uintptr_t)rxbuf, RX_LEN, VRING_DESC_F_WRITE, 0 };
	virtq_submit(&rxq, 0);

	txq.desc[0] = (struct virtq_desc){ (uint32_t)(uintptr_t)hello, sizeof hello - 1, 0, 0 };
	virtq_submit(&txq, 0);
	uint32_t len;
	uint16_t id = virtq_wait(&txq, VIRTIO_GIVE_UP, &len);
	if (id != 0)
		fail(VIRTIO_FAIL_USED_ID, "vcon tx used id %u, submitted 0", id);
	kprintf("vcon sent\n");

	/* Input may come in pieces: collect until a newline, reposting the buffer after each piece. */
	char line[LINE_MAX];
	uint32_t n = 0;
	uint64_t t0 = rdtsc();
	for (;;) {
		uint64_t spent = rdtsc() - t0;
		if (spent > wait || !virtq_poll(&rxq, wait - spent, &id, &len))
			fail(3, "vcon no input line within %llu cycles", (unsigned long long)wait);
		if (id != 0)
			fail(VIRTIO_FAIL_USED_ID, "vcon rx used id %u, posted 0", id);
		if (len > RX_LEN)
			fail(2, "vcon rx used len %u > buffer %u", len, RX_LEN);
		for (uint32_t i = 0; i < len; i++) {
			if (rxbuf[i] == '\n') {
				line[n] = '\0';
				kprintf("vcon got: ");
				print_text(line, n);
				kprintf("\n");
				return 0;
			}
			if (n < LINE_MAX - 1) /* longer lines are truncated */
				line[n++] = (char)rxbuf[i];
		}
		virtq_submit(&rxq, 0);
	}
}
