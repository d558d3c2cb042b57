/* linuxboot setup sectors: the boot sector and setup header of the Linux x86 boot protocol
 * (Documentation/arch/x86/boot.rst), then a small real-mode stub.
 *
 * A VMM using the 64-bit entry only reads the header: it copies it into boot_params, loads the
 * payload (file offset (SETUP_SECTS+1)*512) at code32_start and jumps to +0x200 in long mode.
 * The stub is for loaders that instead run the setup in real mode (QEMU's -kernel, a BIOS
 * boot loader): it does what a 64-bit-entry loader does, so such loaders are an oracle for
 * the payload. It builds a fresh boot_params at ZP (header copied, e820 from int 15h), identity
 * maps 4 GiB with 2 MiB pages at PT, enters long mode and jumps to 0x100200 with RSI = ZP. */
#define SETUP_SECTS 1
#define ZP 0x78000 /* boot_params built by the stub */
#define PT 0x70000 /* PML4, PDPT, 4 page directories: 0x70000..0x75fff */
#define OFF(sym) ((sym) - _setup_start) /* offset in the setup = address relative to its segment */

	.section .setup, "a"
	.code16
_setup_start:
	/* Boot sector: unused (zero), so boot_params fields living here read as zero. */

	/* Setup header. Each field at its documented offset; .org fails the build on overlap. */
	.org 0x1f1
	.byte SETUP_SECTS       /* setup_sects */
	.org 0x1f2
	.word 0                 /* root_flags */
	.org 0x1f4
	.long __syssize         /* syssize: payload size in 16-byte units (linuxboot.ld) */
	.org 0x1f8
	.word 0                 /* ram_size (obsolete) */
	.org 0x1fa
	.word 0xffff            /* vid_mode: normal */
	.org 0x1fc
	.word 0                 /* root_dev */
	.org 0x1fe
	.word 0xaa55            /* boot_flag */
	.org 0x200
	/* jump: real-mode entry. 0x202 + its offset byte (0x201) is also the end of the header. */
	.byte 0xeb, OFF(rm_start) - 0x202
	.org 0x202
	.ascii "HdrS"           /* header */
	.org 0x206
	.word 0x020f            /* version 2.15 */
	.org 0x208
	.long 0                 /* realmode_swtch */
	.org 0x20c
	.word 0x1000            /* start_sys_seg (obsolete) */
	.org 0x20e
	.word OFF(version_str) - 0x200 /* kernel_version */
	.org 0x210
	.byte 0                 /* type_of_loader: the loader writes its id */
	.org 0x211
	.byte 0x01              /* loadflags: LOADED_HIGH (payload at 0x100000) */
	.org 0x212
	.word 0x8000            /* setup_move_size */
	.org 0x214
	.long 0x100000          /* code32_start */
	.org 0x218
	.long 0                 /* ramdisk_image */
	.org 0x21c
	.long 0                 /* ramdisk_size */
	.org 0x220
	.long 0                 /* bootsect_kludge */
	.org 0x224
	.word 0                 /* heap_end_ptr */
	.org 0x226
	.byte 0                 /* ext_loader_ver */
	.org 0x227
	.byte 0                 /* ext_loader_type */
	.org 0x228
	.long 0                 /* cmd_line_ptr */
	.org 0x22c
	.long 0x7fffffff        /* initrd_addr_max */
	.org 0x230
	.long 0x200000          /* kernel_alignment (applies only to relocatable kernels) */
	.org 0x234
	.byte 0                 /* relocatable_kernel: no, linked to run at 0x100000 */
	.org 0x235
	.byte 21                /* min_alignment: log2 */
	.org 0x236
	.word 0x0001            /* xloadflags: XLF_KERNEL_64 (64-bit entry at +0x200) */
	.org 0x238
	.long 2047              /* cmdline_size */
	.org 0x23c
	.long 0                 /* hardware_subarch: default x86 */
	.org 0x240
	.quad 0                 /* hardware_subarch_data */
	.org 0x248
	.long 0                 /* payload_offset: no compressed payload */
	.org 0x24c
	.long 0                 /* payload_length */
	.org 0x250
	.quad 0                 /* setup_data */
	.org 0x258
	.quad 0x100000          /* pref_address: where it is linked */
	.org 0x260
	.long __init_size       /* init_size: payload + .bss + stack (linuxboot.ld) */
	.org 0x264
	.long 0                 /* handover_offset: no EFI handover */
	.org 0x268
	.long 0x100             /* kernel_info_offset: from the payload start (linuxboot_head.S) */
	.org 0x26c
hdr_end:

	/* Real-mode stub, entered at setup segment + 0x20 : 0 with DS = ES = SS = setup segment. */
rm_start:
	cli
	cld
	mov %ds, %ax
	movzwl %ax, %ebp
	shl $4, %ebp                    /* EBP = linear address of the setup */

	/* Fresh boot_params: zeroed, then the header as the loader left it. */
	mov $(ZP >> 4), %ax
	mov %ax, %es
	xor %di, %di
	xor %eax, %eax
	mov $(4096 / 4), %cx
	rep stosl
	mov $0x1f1, %si
	mov %si, %di
	movzbw 0x201, %cx
	add $(0x202 - 0x1f1), %cx
	rep movsb

	/* e820 map from the BIOS into boot_params.e820_table (0x2d0), count at 0x1e8. */
	xor %ebx, %ebx
	mov $0x2d0, %di
1:	mov $0xe820, %eax
	mov $0x534d4150, %edx           /* "SMAP" */
	mov $20, %ecx
	int $0x15
	jc 2f
	cmp $0x534d4150, %eax
	jne 2f
	incb %es:0x1e8
	add $20, %di
	test %ebx, %ebx
	jz 2f
	cmpb $128, %es:0x1e8
	jb 1b
2:
	/* Identity map 0..4 GiB: PML4[0] -> PDPT, PDPT[0..3] -> 4 PDs of 512 2 MiB pages. */
	mov $(PT >> 4), %ax
	mov %ax, %es
	xor %di, %di
	xor %eax, %eax
	mov $(0x6000 / 4), %cx
	rep stosl
	movl $(PT + 0x1003), %es:0
	movl $(PT + 0x2003), %es:0x1000
	movl $(PT + 0x3003), %es:0x1008
	movl $(PT + 0x4003), %es:0x1010
	movl $(PT + 0x5003), %es:0x1018
	mov $0x2000, %di
	mov $0x83, %eax                 /* present, writable, 2 MiB page; wraps to 0 after 4 GiB */
3:	mov %eax, %es:(%di)
	add $8, %di
	add $0x200000, %eax
	cmp $0x6000, %di
	jb 3b

	/* GDT and the far jump target need linear addresses: the setup runs at any segment. */
	leal OFF(gdt)(%ebp), %eax
	mov %eax, OFF(gdt_desc) + 2
	leal OFF(lm_entry)(%ebp), %eax
	mov %eax, OFF(far_ptr)
	lgdtl OFF(gdt_desc)

	/* Real mode straight to long mode: PAE, CR3, EFER.LME, then PE|PG together. */
	mov %cr4, %eax
	or $0x20, %eax
	mov %eax, %cr4
	mov $PT, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx
	rdmsr
	or $0x100, %eax
	wrmsr
	mov %cr0, %eax
	or $0x80000001, %eax
	mov %eax, %cr0
	ljmpl *OFF(far_ptr)

	.code64
lm_entry:
	mov $0x18, %ax                  /* __BOOT_DS, as the 64-bit protocol specifies */
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov $ZP, %esi                   /* zero-extends into RSI */
	mov $0x100200, %eax
	jmp *%rax

	.align 8
gdt:	/* __BOOT_CS = 0x10, __BOOT_DS = 0x18 */
	.quad 0, 0
	.quad 0x00af9a000000ffff        /* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x18: flat data */
gdt_desc:
	.word gdt_desc - gdt - 1
	.long 0                         /* base, set at run time */
far_ptr:
	.long 0                         /* offset, set at run time */
	.word 0x10

version_str:
	.asciz "nido-linuxboot test guest"

	.org (SETUP_SECTS + 1) * 512    /* also fails the build if the stub outgrows the sectors */

	.section .note.GNU-stack, "", @progbits
