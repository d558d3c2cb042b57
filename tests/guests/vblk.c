/* vblk: virtio-blk over virtio-mmio. Prints capacity and features, then does what mode= says
 * (read, write, ro, indirect, getid). One request at a time, always starting at descriptor 0. */
#include "multiboot.h"
#include "print.h"
#include "uart.h"
#include "util.h"
#include "virtio.h"

#define BLK_F_RO    (1ull << 5)
#define BLK_F_FLUSH (1ull << 9)

#define T_IN     0
#define T_OUT    1
#define T_FLUSH  4
#define T_GET_ID 8

#define SECTOR 512

static struct virtio_dev dev;
static struct virtq vq __attribute__((aligned(4096)));
static struct {
	uint32_t type, reserved;
	uint64_t sector;
} hdr __attribute__((aligned(16)));
static volatile uint8_t status;
static uint8_t buf[4 * SECTOR] __attribute__((aligned(4096)));
static uint8_t pattern[4 * SECTOR];
static struct virtq_desc itable[3] __attribute__((aligned(16))); /* indirect table */

static void set_desc(struct virtq_desc *t, int i, const volatile void *p, uint32_t len, uint16_t flags)
{
	t[i] = (struct virtq_desc){ (uint32_t)(uintptr_t)p, len, flags, (uint16_t)(i + 1) };
}

/* Fills a chain in table t: header, len bytes of data split over nseg descriptors, status byte.
 * Returns the number of descriptors. */
static int build_chain(struct virtq_desc *t, uint32_t type, uint32_t len, int nseg)
{
	/* IN and GET_ID fill the buffer: device-writable. OUT data is device-readable. */
	uint16_t dflag = VRING_DESC_F_NEXT | (type == T_IN || type == T_GET_ID ? VRING_DESC_F_WRITE : 0);
	int n = 0;
	set_desc(t, n++, &hdr, sizeof hdr, VRING_DESC_F_NEXT);
	for (int s = 0; s < nseg; s++)
		set_desc(t, n++, buf + s * (len / nseg), len / nseg, dflag);
	set_desc(t, n, &status, 1, VRING_DESC_F_WRITE);
	t[n].next = 0;
	return n + 1;
}

/* One request on buf; returns the status byte the device wrote (0xff if it wrote none). */
static uint8_t request(uint32_t type, uint64_t sector, uint32_t len, int nseg, int indirect)
{
	hdr.type = type;
	hdr.reserved = 0;
	hdr.sector = sector;
	status = 0xff;
	if (indirect) {
		int n = build_chain(itable, type, len, nseg);
		set_desc(vq.desc, 0, itable, n * sizeof itable[0], VRING_DESC_F_INDIRECT);
		vq.desc[0].next = 0; /* INDIRECT never combines with NEXT */
	} else {
		build_chain(vq.desc, type, len, nseg);
	}
	virtq_submit(&vq, 0);
	uint32_t used_len;
	uint16_t id = virtq_wait(&vq, VIRTIO_GIVE_UP, &used_len);
	if (id != 0)
		fail(VIRTIO_FAIL_USED_ID, "blk used id %u, submitted 0", id);
	return status;
}

static void must_ok(const char *what, uint8_t st)
{
	if (st != 0)
		fail(4, "blk %s status=%u", what, st);
}

int kmain(uint32_t magic, struct mb_info *mbi)
{
	const char *cmdline = mb_cmdline(magic, mbi);
	char mode[16] = "read";
	uart_init();
	cmdline_value(cmdline, "mode", mode, sizeof mode);
	int indirect_mode = strcmp(mode, "indirect") == 0;
	if (strcmp(mode, "read") && strcmp(mode, "write") && strcmp(mode, "ro") && !indirect_mode && strcmp(mode, "getid"))
		fail(2, "unknown mode=%s", mode);

	virtio_find(&dev, cmdline, VIRTIO_ID_BLOCK);
	virtio_negotiate(&dev, BLK_F_RO | BLK_F_FLUSH | (indirect_mode ? VIRTIO_F_INDIRECT_DESC : 0));
	virtq_setup(&dev, &vq, 0, 4); /* the longest chain is 4 descriptors */
	virtio_driver_ok(&dev);

	uint64_t cap = virtio_config64(&dev, 0);
	int ro = !!(dev.offered & BLK_F_RO), flush = !!(dev.offered & BLK_F_FLUSH);
	kprintf("blk capacity=%llu\n", (unsigned long long)cap);
	kprintf("blk ro=%d\n", ro);
	kprintf("blk flush=%d\n", flush);

	if (strcmp(mode, "read") == 0) {
		if (cap < 1)
			fail(3, "blk capacity %llu too small for mode=read", (unsigned long long)cap);
		must_ok("read sector 0", request(T_IN, 0, SECTOR, 1, 0));
		kprintf("blk sector0 sum=0x%08x\n", byte_sum(buf, SECTOR));
		kprintf("blk head=");
		print_text(buf, 16);
		kprintf("\n");
		must_ok("read last sector", request(T_IN, cap - 1, SECTOR, 1, 0));
		kprintf("blk last sum=0x%08x\n", byte_sum(buf, SECTOR));
		/* One past the end: the device must refuse (IOERR); the test checks the value. */
		kprintf("blk beyond status=%u\n", request(T_IN, cap, SECTOR, 1, 0));
	} else if (strcmp(mode, "write") == 0) {
		if (cap < 6)
			fail(3, "blk capacity %llu too small for mode=write (needs 6)", (unsigned long long)cap);
		for (int i = 0; i < SECTOR; i++)
			pattern[i] = buf[i] = (uint8_t)(i * 3 + 7);
		must_ok("write sector 1", request(T_OUT, 1, SECTOR, 1, 0));
		if (flush) {
			uint8_t st = request(T_FLUSH, 0, 0, 0, 0);
			kprintf("blk flush status=%u\n", st);
			must_ok("flush", st);
		}
		memset(buf, 0, sizeof buf);
		must_ok("read sector 1", request(T_IN, 1, SECTOR, 1, 0));
		for (int i = 0; i < SECTOR; i++)
			if (buf[i] != pattern[i])
				fail(5, "blk sector 1 byte %d is 0x%02x, wrote 0x%02x", i, buf[i], pattern[i]);
		kprintf("blk write ok\n");

		/* Sectors 2..5 in one request, the data split over two descriptors. */
		for (int i = 0; i < 4 * SECTOR; i++)
			pattern[i] = buf[i] = (uint8_t)((i & 0xff) ^ 0x5a);
		must_ok("write sectors 2-5", request(T_OUT, 2, 4 * SECTOR, 2, 0));
		memset(buf, 0, sizeof buf);
		must_ok("read sectors 2-5", request(T_IN, 2, 4 * SECTOR, 1, 0));
		for (int i = 0; i < 4 * SECTOR; i++)
			if (buf[i] != pattern[i])
				fail(6, "blk sectors 2-5 byte %d is 0x%02x, wrote 0x%02x", i, buf[i], pattern[i]);
		kprintf("blk multi ok\n");
	} else if (strcmp(mode, "ro") == 0) {
		if (cap < 2)
			fail(3, "blk capacity %llu too small for mode=ro (needs 2)", (unsigned long long)cap);
		for (int i = 0; i < SECTOR; i++)
			buf[i] = (uint8_t)(i * 3 + 7);
		/* A read-only device must answer IOERR (1); the test checks the value. */
		kprintf("blk write status=%u\n", request(T_OUT, 1, SECTOR, 1, 0));
	} else if (indirect_mode) {
		if (!(dev.accepted & VIRTIO_F_INDIRECT_DESC)) {
			kprintf("blk indirect unsupported\n");
			return 0;
		}
		if (cap < 1)
			fail(3, "blk capacity %llu too small for mode=indirect", (unsigned long long)cap);
		must_ok("indirect read sector 0", request(T_IN, 0, SECTOR, 1, 1));
		kprintf("blk indirect sum=0x%08x\n", byte_sum(buf, SECTOR));
	} else { /* getid */
		memset(buf, 0, 20);
		must_ok("get id", request(T_GET_ID, 0, 20, 1, 0));
		kprintf("blk id=");
		print_text(buf, 20); /* 20 bytes, NUL-terminated only when shorter */
		kprintf("\n");
	}
	return 0;
}
