#include "virtio.h"
#include "io.h"
#include "uart.h"
#include "util.h"

/* The device reads the rings from another thread (or KVM's emulator on the host); x86 keeps stores
 * in order, so stopping the compiler from reordering is enough. No mfence: KVM's emulator lacks it. */
#define barrier() __asm__ volatile("" : : : "memory")

static uint32_t rd(struct virtio_dev *d, uint32_t reg) { return mmio_read32(d->base + reg); }
static void wr(struct virtio_dev *d, uint32_t reg, uint32_t v) { mmio_write32(d->base + reg, v); }

void virtio_find(struct virtio_dev *d, const char *cmdline, uint32_t device_id)
{
	uintptr_t base = (uintptr_t)cmdline_uint(cmdline, "virtio_base", 0xd0000000u);
	unsigned slots = (unsigned)cmdline_uint(cmdline, "virtio_slots", 8);
	for (unsigned i = 0; i < slots; i++) {
		uintptr_t b = base + i * 0x200;
		/* Bad magic (all ones, zero) or DeviceID 0 (QEMU's unused transport) is an empty slot. */
		if (mmio_read32(b + VIRTIO_MMIO_MAGIC) != VIRTIO_MAGIC || mmio_read32(b + VIRTIO_MMIO_DEVICE_ID) != device_id)
			continue;
		uint32_t v = mmio_read32(b + VIRTIO_MMIO_VERSION);
		if (v != 2)
			fail(VIRTIO_FAIL_VERSION, "virtio slot %u version %u, want 2", i, v);
		*d = (struct virtio_dev){ .base = b, .slot = i };
		return;
	}
	fail(VIRTIO_FAIL_NO_DEVICE, "no virtio device id=%u in %u slots at 0x%08x", device_id, slots, (uint32_t)base);
}

void virtio_negotiate(struct virtio_dev *d, uint64_t wanted)
{
	/* Reset, then wait for it to read back 0 (virtio 1.2 2.4.2) before touching anything else. */
	wr(d, VIRTIO_MMIO_STATUS, 0);
	uint64_t t0 = rdtsc();
	while (rd(d, VIRTIO_MMIO_STATUS) != 0)
		if (rdtsc() - t0 > VIRTIO_GIVE_UP)
			fail(VIRTIO_FAIL_NEEDS_RESET, "virtio status 0x%x after reset", rd(d, VIRTIO_MMIO_STATUS));
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_ACKNOWLEDGE);
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER);

	wr(d, VIRTIO_MMIO_DEV_FEAT_SEL, 0);
	uint64_t lo = rd(d, VIRTIO_MMIO_DEV_FEATURES);
	wr(d, VIRTIO_MMIO_DEV_FEAT_SEL, 1);
	uint64_t hi = rd(d, VIRTIO_MMIO_DEV_FEATURES);
	d->offered = hi << 32 | lo;
	if (!(d->offered & VIRTIO_F_VERSION_1)) {
		wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_FAILED);
		fail(VIRTIO_FAIL_NO_VERSION1, "virtio features 0x%llx lack VERSION_1", (unsigned long long)d->offered);
	}
	d->accepted = d->offered & (wanted | VIRTIO_F_VERSION_1);
	wr(d, VIRTIO_MMIO_DRV_FEAT_SEL, 0);
	wr(d, VIRTIO_MMIO_DRV_FEATURES, (uint32_t)d->accepted);
	wr(d, VIRTIO_MMIO_DRV_FEAT_SEL, 1);
	wr(d, VIRTIO_MMIO_DRV_FEATURES, (uint32_t)(d->accepted >> 32));

	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK);
	uint32_t s = rd(d, VIRTIO_MMIO_STATUS); /* the device clears FEATURES_OK if it rejects the subset */
	if (!(s & VIRTIO_S_FEATURES_OK)) {
		wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_FAILED);
		fail(VIRTIO_FAIL_FEATURES_OK, "virtio FEATURES_OK not kept (status 0x%x, features 0x%llx)", s,
		     (unsigned long long)d->accepted);
	}
}

void virtq_setup(struct virtio_dev *d, struct virtq *q, uint16_t index, uint16_t need)
{
	wr(d, VIRTIO_MMIO_QUEUE_SEL, index);
	if (rd(d, VIRTIO_MMIO_QUEUE_READY) != 0)
		fail(VIRTIO_FAIL_QUEUE, "virtio queue %u ready before setup", index);
	uint32_t max = rd(d, VIRTIO_MMIO_QUEUE_NUMMAX);
	uint32_t num = VQ_MAX;
	while (num > max) /* largest power of two that fits: split queue sizes are powers of two */
		num >>= 1;
	if (num == 0 || num < need)
		fail(VIRTIO_FAIL_QUEUE, "virtio queue %u QueueNumMax=%u, need %u", index, max, need);
	memset(q, 0, sizeof *q);
	q->dev = d;
	q->index = index;
	q->num = (uint16_t)num;
	wr(d, VIRTIO_MMIO_QUEUE_NUM, num);
	/* Paging is off: pointers are guest-physical addresses, all below 4 GiB. */
	wr(d, VIRTIO_MMIO_QUEUE_DESC, (uint32_t)(uintptr_t)q->desc);
	wr(d, VIRTIO_MMIO_QUEUE_DESC + 4, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER, (uint32_t)(uintptr_t)&q->avail);
	wr(d, VIRTIO_MMIO_QUEUE_DRIVER + 4, 0);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE, (uint32_t)(uintptr_t)&q->used);
	wr(d, VIRTIO_MMIO_QUEUE_DEVICE + 4, 0);
	wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
	if (rd(d, VIRTIO_MMIO_QUEUE_READY) != 1)
		fail(VIRTIO_FAIL_QUEUE, "virtio queue %u QueueReady did not read back 1", index);
	if (d->nqueues < 2)
		d->queues[d->nqueues++] = q;
}

void virtio_driver_ok(struct virtio_dev *d)
{
	wr(d, VIRTIO_MMIO_STATUS, VIRTIO_S_ACKNOWLEDGE | VIRTIO_S_DRIVER | VIRTIO_S_FEATURES_OK | VIRTIO_S_DRIVER_OK);
}

void virtq_submit(struct virtq *q, uint16_t head)
{
	volatile uint16_t *idx = &q->avail.idx;
	q->avail.ring[*idx % q->num] = head;
	barrier(); /* descriptors and ring entry before the index */
	*idx = (uint16_t)(*idx + 1);
	barrier(); /* index before the notification */
	wr(q->dev, VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

int virtq_poll(struct virtq *q, uint64_t limit, uint16_t *id, uint32_t *len)
{
	volatile uint16_t *used_idx = &q->used.idx;
	struct virtio_dev *d = q->dev;
	uint64_t t0 = rdtsc();
	while (*used_idx == q->last_used) {
		if (rdtsc() - t0 > limit) {
			uint32_t s = rd(d, VIRTIO_MMIO_STATUS);
			if (s & (VIRTIO_S_NEEDS_RESET | VIRTIO_S_FAILED))
				fail(VIRTIO_FAIL_NEEDS_RESET, "virtio device status 0x%x", s);
			return 0;
		}
		cpu_relax();
	}
	barrier();
	/* New used entries must come with InterruptStatus bit 0. The device may set it just after
	 * publishing used.idx, so wait for it; one acknowledged interrupt covers every used entry
	 * (of every queue of the device) published before the ACK. */
	if ((int16_t)(*used_idx - q->isr_idx) > 0) {
		uint32_t isr;
		uint64_t t1 = rdtsc();
		while (!((isr = rd(d, VIRTIO_MMIO_INT_STATUS)) & 1))
			if (rdtsc() - t1 > VIRTIO_GIVE_UP)
				fail(VIRTIO_FAIL_NO_ISR, "virtio queue %u used buffer but InterruptStatus=0x%x", q->index, isr);
		wr(d, VIRTIO_MMIO_INT_ACK, isr);
		barrier();
		for (unsigned i = 0; i < d->nqueues; i++)
			d->queues[i]->isr_idx = *(volatile uint16_t *)&d->queues[i]->used.idx;
	}
	volatile struct virtq_used_elem *e = &q->used.ring[q->last_used % q->num];
	uint32_t eid = e->id;
	*len = e->len;
	q->last_used++;
	if (eid >= q->num)
		fail(VIRTIO_FAIL_USED_ID, "virtio queue %u used id %u >= %u", q->index, eid, q->num);
	*id = (uint16_t)eid;
	return 1;
}

uint16_t virtq_wait(struct virtq *q, uint64_t limit, uint32_t *len)
{
	uint16_t id;
	if (!virtq_poll(q, limit, &id, len))
		fail(VIRTIO_FAIL_TIMEOUT, "virtio queue %u: no used buffer after %llu cycles", q->index,
		     (unsigned long long)limit);
	return id;
}

uint8_t virtio_config8(struct virtio_dev *d, uint32_t off)
{
	return *(volatile uint8_t *)(d->base + VIRTIO_MMIO_CONFIG + off);
}

uint32_t virtio_config32(struct virtio_dev *d, uint32_t off) { return rd(d, VIRTIO_MMIO_CONFIG + off); }

uint64_t virtio_config64(struct virtio_dev *d, uint32_t off)
{
	uint32_t gen, lo, hi;
	do { /* the two halves must come from one configuration generation */
		gen = rd(d, VIRTIO_MMIO_CONFIG_GEN);
		lo = rd(d, VIRTIO_MMIO_CONFIG + off);
		hi = rd(d, VIRTIO_MMIO_CONFIG + off + 4);
	} while (rd(d, VIRTIO_MMIO_CONFIG_GEN) != gen);
	return (uint64_t)hi << 32 | lo;
}

uint32_t byte_sum(const void *p, uint32_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;
	while (n--)
		s += *b++;
	return s;
}

void print_text(const void *p, uint32_t n)
{
	const uint8_t *b = p;
	for (uint32_t i = 0; i < n && b[i]; i++)
		if (b[i] >= 0x20 && b[i] < 0x7f)
			uart_putc((char)b[i]);
}
