/* The Xen ELF note that makes an ELF kernel bootable by the PVH entry (XEN_ELFNOTE_PHYS32_ENTRY = 18):
 * its descriptor is the 32-bit physical entry point. Linked only into pvhinfo. */
	.section .note.Xen, "a", @note
	.align 4
	.long 4           /* namesz: "Xen\0" */
	.long 4           /* descsz */
	.long 18          /* type */
	.asciz "Xen"
	.align 4
	.long _start
	.align 4

	.section .note.GNU-stack, "", @progbits
