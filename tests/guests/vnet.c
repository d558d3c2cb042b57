/* vnet: virtio-net over virtio-mmio. Posts 4 receive buffers, broadcasts one EtherType 0x88b5 frame,
 * then waits for a 0x88b5 frame back (mode=txonly stops after sending). */
#include "io.h"
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"
#include "virtio.h"

#define NET_F_MAC (1ull << 5)
#define HDR_LEN   12 /* virtio_net_hdr with VERSION_1: num_buffers is always present */
#define FRAME_MAX 1514
#define RX_BUFS   4
#define ETH_TYPE  0x88b5
#define TX_FRAME  60 /* minimum Ethernet frame without FCS */

static struct virtio_dev dev;
static struct virtq rxq __attribute__((aligned(4096)));
static struct virtq txq __attribute__((aligned(4096)));
static uint8_t rxbuf[RX_BUFS][HDR_LEN + FRAME_MAX] __attribute__((aligned(64)));
static uint8_t txbuf[HDR_LEN + TX_FRAME] __attribute__((aligned(64)));

int kmain(uint32_t magic, struct mb_info *mbi)
{
	const char *cmdline = mb_cmdline(magic, mbi);
	char mode[16] = "";
	uart_init();
	cmdline_value(cmdline, "mode", mode, sizeof mode);
	uint64_t wait = cmdline_uint(cmdline, "wait", 20000000000ull);

	virtio_find(&dev, cmdline, VIRTIO_ID_NET);
	virtio_negotiate(&dev, NET_F_MAC);
	virtq_setup(&dev, &rxq, 0, RX_BUFS);
	virtq_setup(&dev, &txq, 1, 1);
	virtio_driver_ok(&dev);

	/* Without VIRTIO_NET_F_MAC the driver picks one: locally administered 02:6e:69:64:6f:00 ("nido"). */
	uint8_t mac[6] = { 0x02, 'n', 'i', 'd', 'o', 0 };
	if (dev.accepted & NET_F_MAC) {
		for (int i = 0; i < 6; i++)
			mac[i] = virtio_config8(&dev, i); /* u8 fields: byte-wide reads */
		kprintf("net mac=%02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	} else {
		kprintf("net mac=none\n");
	}

	for (uint16_t i = 0; i < RX_BUFS; i++) {
		rxq.desc[i] = (struct virtq_desc){ (uint32_t)(uintptr_t)rxbuf[i], sizeof rxbuf[i], VRING_DESC_F_WRITE, 0 };
		virtq_submit(&rxq, i);
	}

	/* Header (all zero: no offloads) and frame in one descriptor, as Linux sends them. */
	uint8_t *f = txbuf + HDR_LEN;
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	f[12] = ETH_TYPE >> 8;
	f[13] = ETH_TYPE & 0xff;
	memcpy(f + 14, "nido-guest-frame", 16); /* the rest of the 60 bytes stays zero */
	txq.desc[0] = (struct virtq_desc){ (uint32_t)(uintptr_t)txbuf, sizeof txbuf, 0, 0 };
	virtq_submit(&txq, 0);
	uint32_t len;
	uint16_t id = virtq_wait(&txq, VIRTIO_GIVE_UP, &len);
	if (id != 0)
		fail(VIRTIO_FAIL_USED_ID, "net tx used id %u, submitted 0", id);
	kprintf("net sent\n");
	if (strcmp(mode, "txonly") == 0)
		return 0;

	/* Frames of other EtherTypes (e.g. from a user-mode network) are dropped and the buffer reposted. */
	uint64_t t0 = rdtsc();
	for (;;) {
		uint64_t spent = rdtsc() - t0;
		if (spent > wait || !virtq_poll(&rxq, wait - spent, &id, &len))
			fail(3, "net no EtherType 0x88b5 frame within %llu cycles", (unsigned long long)wait);
		if (id >= RX_BUFS)
			fail(VIRTIO_FAIL_USED_ID, "net rx used id %u, posted 0..%u", id, RX_BUFS - 1);
		if (len > sizeof rxbuf[id])
			fail(2, "net rx used len %u > buffer %u", len, (unsigned)sizeof rxbuf[id]);
		const uint8_t *r = rxbuf[id] + HDR_LEN;
		if (len >= HDR_LEN + 14 && (r[12] << 8 | r[13]) == ETH_TYPE) {
			kprintf("net received len=%u payload=", len - HDR_LEN);
			print_text(r + 14, len - HDR_LEN - 14);
			kprintf("\n");
			return 0;
		}
		virtq_submit(&rxq, id);
	}
}
