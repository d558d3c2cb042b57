/* vrng: virtio-rng (entropy) over virtio-mmio. Four 64-byte requests, each one device-writable
 * descriptor; the results must neither be all equal nor all zero. */
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"
#include "virtio.h"

#define N   4
#define LEN 64

static struct virtio_dev dev;
static struct virtq vq __attribute__((aligned(4096)));
static uint8_t bufs[N][LEN] __attribute__((aligned(64)));

int kmain(uint32_t magic, struct mb_info *mbi)
{
	uart_init();
	virtio_find(&dev, mb_cmdline(magic, mbi), VIRTIO_ID_RNG);
	virtio_negotiate(&dev, 0); /* the entropy device has no feature bits */
	virtq_setup(&dev, &vq, 0, 1);
	virtio_driver_ok(&dev);

	for (int i = 0; i < N; i++) {
		vq.desc[0] = (struct virtq_desc){ (uint32_t)(uintptr_t)bufs[i], LEN, VRING_DESC_F_WRITE, 0 };
		virtq_submit(&vq, 0);
		uint32_t len;
		uint16_t id = virtq_wait(&vq, VIRTIO_GIVE_UP, &len);
		if (id != 0)
			fail(VIRTIO_FAIL_USED_ID, "rng used id %u, submitted 0", id);
		kprintf("rng len=%u\n", len);
		/* The device may return fewer bytes than asked, but not none and not more. */
		if (len == 0 || len > LEN)
			fail(2, "rng used len %u, want 1..%u", len, LEN);
	}
	int same = 1;
	for (int i = 1; i < N; i++)
		same &= memcmp(bufs[0], bufs[i], LEN) == 0;
	if (same)
		fail(3, "rng returned %u identical buffers", N);
	if (byte_sum(bufs, sizeof bufs) == 0)
		fail(4, "rng returned only zeros");
	kprintf("rng ok\n");
	return 0;
}
