#!/bin/sh
# Builds the RISC-V ISA test programs into OUTDIR/NAME.elf (bare-metal RV64, linked at 0x80000000,
# reporting through HTIF tohost). Needs Debian's riscv64-unknown-elf-gcc (gcc-riscv64-unknown-elf);
# no C library is linked. Set RISCV_CC to use another compiler driver.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"

# Runs a command; on failure names it and stops.
run() {
	"$@" || { echo "build.sh: failed: $*" >&2; exit 1; }
}

cc=${RISCV_CC:-riscv64-unknown-elf-gcc}
command -v "$cc" >/dev/null 2>&1 || { echo "build.sh: $cc not found (apt-get install gcc-riscv64-unknown-elf)" >&2; exit 1; }

common="-mabi=lp64d -mcmodel=medany -nostdlib -nostartfiles -static -Wl,--build-id=none -T $src/link.ld -I$src"

# Every program needs only RV64GC, except zbab (Zba/Zbb), kept apart so a CPU without them can skip it.
programs="rv64i rv64m rv64a rv64c zicsr zicntr traps interrupts sv39 sv48 pmp rv64f rv64d fcvt fround"
for p in $programs; do
	run "$cc" -march=rv64gc $common -o "$out/$p.elf" "$src/$p.S"
done
run "$cc" -march=rv64gc_zba_zbb $common -o "$out/zbab.elf" "$src/zbab.S"
