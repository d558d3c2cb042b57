#!/bin/sh
# Builds every test guest into OUTDIR: NAME.elf (Multiboot v1, ELF32 at 1 MiB) per 32-bit guest
# and linuxboot.bin (Linux x86 boot protocol, 64-bit entry). Needs only gcc, as, ld, objcopy:
# no gcc-multilib, no libc headers (just gcc's freestanding stdint.h/stddef.h/stdarg.h).
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out/obj32" "$out/obj64"

# Runs a command; on failure names it and stops.
run() {
	"$@" || { echo "build.sh: failed: $*" >&2; exit 1; }
}

# -nostdinc plus gcc's own include directory: only its freestanding headers are reachable.
gccinc=$(gcc -print-file-name=include)
common="-ffreestanding -nostdinc -isystem $gccinc -fno-pic -fno-pie -fno-stack-protector -nostdlib -O2 -fno-asynchronous-unwind-tables
	-mgeneral-regs-only -fcf-protection=none -std=gnu11 -Wall -Wextra -I$src/lib"
cflags32="-m32 $common"
# -mgeneral-regs-only (in common): the loader need not enable SSE. The 64-bit guest runs identity
# mapped at 1 MiB (small code model) and, like any kernel code, uses no red zone.
cflags64="-m64 -mno-red-zone -mcmodel=small $common"

lib="uart print util"
multiboot_guests="hello mbinfo echo pit lapic cpuid smp triple portloop vblk vrng vnet vconsole ticker acpi"

for f in $lib irq virtio; do run gcc $cflags32 -c "$src/lib/$f.c" -o "$out/obj32/$f.o"; done
for f in entry isr; do run gcc $cflags32 -c "$src/lib/$f.S" -o "$out/obj32/$f.o"; done
run gcc $cflags32 -c "$src/smp_trampoline.S" -o "$out/obj32/smp_trampoline.o"
libobjs32=""
for f in $lib irq isr virtio; do libobjs32="$libobjs32 $out/obj32/$f.o"; done

for g in $multiboot_guests; do
	run gcc $cflags32 -c "$src/$g.c" -o "$out/obj32/$g.o"
	extra=""
	[ "$g" = smp ] && extra="$out/obj32/smp_trampoline.o"
	# Every library object is linked (no archive); unused code costs a few KiB.
	run ld -m elf_i386 -nostdlib -static --build-id=none -z max-page-size=0x1000 -T "$src/multiboot.ld" \
		-o "$out/$g.elf" "$out/obj32/entry.o" "$out/obj32/$g.o" $extra $libobjs32
done

# pvhinfo: the Multiboot layout plus the Xen PVH entry note (the loader prefers PVH when the note is there).
run gcc $cflags32 -c "$src/pvhinfo.c" -o "$out/obj32/pvhinfo.o"
run gcc $cflags32 -c "$src/pvh_note.S" -o "$out/obj32/pvh_note.o"
run ld -m elf_i386 -nostdlib -static --build-id=none -z max-page-size=0x1000 -T "$src/pvh.ld" \
	-o "$out/pvhinfo.elf" "$out/obj32/entry.o" "$out/obj32/pvhinfo.o" "$out/obj32/pvh_note.o" $libobjs32

# linuxboot: setup sectors and payload linked together, flattened by their load addresses.
for f in $lib; do run gcc $cflags64 -c "$src/lib/$f.c" -o "$out/obj64/$f.o"; done
run gcc $cflags64 -c "$src/linuxboot.c" -o "$out/obj64/linuxboot.o"
run gcc $cflags64 -c "$src/linuxboot_setup.S" -o "$out/obj64/linuxboot_setup.o"
run gcc $cflags64 -c "$src/linuxboot_head.S" -o "$out/obj64/linuxboot_head.o"
libobjs64=""
for f in $lib; do libobjs64="$libobjs64 $out/obj64/$f.o"; done
run ld -m elf_x86_64 -nostdlib -static --build-id=none -z max-page-size=0x1000 -T "$src/linuxboot.ld" \
	-o "$out/linuxboot.elf" "$out/obj64/linuxboot_setup.o" "$out/obj64/linuxboot_head.o" \
	"$out/obj64/linuxboot.o" $libobjs64
run objcopy -O binary "$out/linuxboot.elf" "$out/linuxboot.bin"
