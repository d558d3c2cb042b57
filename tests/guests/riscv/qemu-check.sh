#!/bin/sh
# Runs the programs built by build.sh under QEMU's spike machine, the oracle the emulator is
# compared with, and checks each exit status. A developer tool (the xunit oracle test does the same).
# Needs qemu-system-riscv64 (Debian package qemu-system-misc). Usage: qemu-check.sh OUTDIR
#
# QEMU's HTIF exits with status N when the program stores (N << 1) | 1 to tohost (0 for 1 = pass).
# zicntr is expected to stop at case 200: QEMU 7.2's spike machine has no time CSR.
set -u
out=${1:?usage: qemu-check.sh OUTDIR}
passed=0 failed=0
for elf in "$out"/*.elf; do
	name=$(basename "$elf" .elf)
	want=0
	[ "$name" = zicntr ] && want=200
	timeout 60 qemu-system-riscv64 -M spike -bios none -nographic -monitor none -serial none \
		-kernel "$elf" </dev/null
	status=$?
	if [ "$status" = "$want" ]; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name: status $status, want $want (a failing case number, or 124 for a timeout)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
