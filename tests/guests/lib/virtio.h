/* Minimal virtio 1.x driver over the virtio-mmio transport (version 2), split virtqueues, polled.
 * One request in flight per queue is all the guests need; no interrupts are taken (IF stays 0),
 * but every completion must also raise InterruptStatus bit 0, which the guests check and ack. */
#ifndef GUEST_VIRTIO_H
#define GUEST_VIRTIO_H
#include <stdint.h>

/* MMIO register offsets (virtio 1.2 section 4.2.2). */
#define VIRTIO_MMIO_MAGIC        0x000 /* "virt" = 0x74726976 */
#define VIRTIO_MMIO_VERSION      0x004
#define VIRTIO_MMIO_DEVICE_ID    0x008
#define VIRTIO_MMIO_VENDOR_ID    0x00c
#define VIRTIO_MMIO_DEV_FEATURES 0x010
#define VIRTIO_MMIO_DEV_FEAT_SEL 0x014
#define VIRTIO_MMIO_DRV_FEATURES 0x020
#define VIRTIO_MMIO_DRV_FEAT_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL    0x030
#define VIRTIO_MMIO_QUEUE_NUMMAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM    0x038
#define VIRTIO_MMIO_QUEUE_READY  0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INT_STATUS   0x060
#define VIRTIO_MMIO_INT_ACK      0x064
#define VIRTIO_MMIO_STATUS       0x070
#define VIRTIO_MMIO_QUEUE_DESC   0x080 /* low, high at +4 */
#define VIRTIO_MMIO_QUEUE_DRIVER 0x090
#define VIRTIO_MMIO_QUEUE_DEVICE 0x0a0
#define VIRTIO_MMIO_CONFIG_GEN   0x0fc
#define VIRTIO_MMIO_CONFIG       0x100

#define VIRTIO_MAGIC 0x74726976

#define VIRTIO_ID_NET     1
#define VIRTIO_ID_BLOCK   2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG     4

/* Device status bits. */
#define VIRTIO_S_ACKNOWLEDGE 1
#define VIRTIO_S_DRIVER      2
#define VIRTIO_S_DRIVER_OK   4
#define VIRTIO_S_FEATURES_OK 8
#define VIRTIO_S_NEEDS_RESET 0x40
#define VIRTIO_S_FAILED      0x80

#define VIRTIO_F_INDIRECT_DESC (1ull << 28)
#define VIRTIO_F_VERSION_1     (1ull << 32)

#define VRING_DESC_F_NEXT     1
#define VRING_DESC_F_WRITE    2
#define VRING_DESC_F_INDIRECT 4

/* Exit codes of the shared driver; the guests use 2..0x1f for their own failures. */
#define VIRTIO_FAIL_NO_DEVICE   0x60 /* no slot with the wanted device ID */
#define VIRTIO_FAIL_VERSION     0x61 /* the device's transport is not Version 2 (legacy) */
#define VIRTIO_FAIL_NO_VERSION1 0x62 /* VIRTIO_F_VERSION_1 not offered */
#define VIRTIO_FAIL_FEATURES_OK 0x63 /* FEATURES_OK did not stick */
#define VIRTIO_FAIL_QUEUE       0x64 /* QueueNumMax 0 or too small, or QueueReady already 1 */
#define VIRTIO_FAIL_TIMEOUT     0x65 /* no used buffer before the give-up */
#define VIRTIO_FAIL_NO_ISR      0x66 /* used buffer without InterruptStatus bit 0 */
#define VIRTIO_FAIL_USED_ID     0x67 /* used element names a descriptor we did not submit */
#define VIRTIO_FAIL_NEEDS_RESET 0x68 /* device set DEVICE_NEEDS_RESET or FAILED */

#define VQ_MAX 8 /* descriptors per queue: enough for 4 receive buffers or a 4-entry chain */

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct virtq_used_elem {
	uint32_t id, len;
};

/* The three parts of a split virtqueue, each aligned beyond what the spec asks (16/2/4). */
struct virtq {
	struct virtq_desc desc[VQ_MAX] __attribute__((aligned(16)));
	struct {
		uint16_t flags, idx, ring[VQ_MAX], used_event;
	} avail __attribute__((aligned(64)));
	struct {
		uint16_t flags, idx;
		struct virtq_used_elem ring[VQ_MAX];
		uint16_t avail_event;
	} used __attribute__((aligned(64)));
	/* Driver-side state. */
	struct virtio_dev *dev;
	uint16_t index, num; /* queue number, size in use */
	uint16_t last_used;  /* used ring entries consumed */
	uint16_t isr_idx;    /* used.idx already covered by an acknowledged interrupt */
};

struct virtio_dev {
	uintptr_t base;
	unsigned slot;
	uint64_t offered, accepted; /* feature bits */
	struct virtq *queues[2];
	unsigned nqueues;
};

/* Scans the slots at virtio_base= (default 0xd0000000), 0x200 apart, virtio_slots= of them (default 8)
 * for the first device with device_id; fails (0x60, 0x61) if there is none or it is legacy. */
void virtio_find(struct virtio_dev *d, const char *cmdline, uint32_t device_id);
/* Reset, ACKNOWLEDGE, DRIVER, feature negotiation (accepts offered & (wanted | VERSION_1)), FEATURES_OK. */
void virtio_negotiate(struct virtio_dev *d, uint64_t wanted);
/* Sets up queue `index` with min(VQ_MAX, QueueNumMax) entries (at least `need`). */
void virtq_setup(struct virtio_dev *d, struct virtq *q, uint16_t index, uint16_t need);
void virtio_driver_ok(struct virtio_dev *d);

/* Makes the chain starting at desc[head] available and notifies the device. */
void virtq_submit(struct virtq *q, uint16_t head);
/* Waits up to `limit` TSC cycles for the next used element, checks and acks InterruptStatus,
 * returns the head id and stores the device-written length in *len. */
uint16_t virtq_wait(struct virtq *q, uint64_t limit, uint32_t *len);
/* Like virtq_wait but returns 0 on time-out instead of failing; 1 when an element was taken. */
int virtq_poll(struct virtq *q, uint64_t limit, uint16_t *id, uint32_t *len);

/* Device-specific configuration space: 8-bit fields need 8-bit reads, 32/64-bit ones 32-bit reads. */
uint8_t virtio_config8(struct virtio_dev *d, uint32_t off);
uint32_t virtio_config32(struct virtio_dev *d, uint32_t off);
uint64_t virtio_config64(struct virtio_dev *d, uint32_t off); /* two halves, retried on ConfigGeneration change */

/* Sum of bytes (unsigned) mod 2^32, and printing of bytes as text: up to n bytes or the first NUL,
 * non-printable bytes (outside 0x20..0x7e) left out. */
uint32_t byte_sum(const void *p, uint32_t n);
void print_text(const void *p, uint32_t n);

#define VIRTIO_GIVE_UP 2000000000ull /* TSC cycles, as in the other guests */

#endif
