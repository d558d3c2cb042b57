#!/usr/bin/env bash
# The RISC-V emulator (with its binary translator, and interpreting: NIDO_JIT=off) against QEMU's TCG,
# alternating in one run, medians and the ratio of the translated runs to QEMU's:
#  1. guest instructions per second on an integer loop and on a load/store loop (bare-metal ELFs, HTIF exit;
#     a 1-iteration build of each is timed too and subtracted, so process start-up does not count);
#  2. wall time from process start to the kernel's "Run /init" line with the default riscv64 guest (Debian 13's or, failing its index, sid's
#     kernel through OpenSBI, 1 hart), QEMU's virt machine given the same kernel, initramfs and command line.
# RUNS=N (default 5), ITERS=N (default 200000000), SKIP_BOOT=1 to measure only the loops, SKIP_LOOPS=1 only the boot.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/scripts/setup.sh" bench emu
"$root/nido" --version >/dev/null # builds the native binary if needed
nido=$root/artifacts/nido/nido
runs=${RUNS:-5} iters=${ITERS:-200000000}
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ms() { local start=$(date +%s%N); "$@" >/dev/null 2>&1 </dev/null; echo $(( ($(date +%s%N) - start) / 1000000 )); }
run_nido() { "$nido" vm run --arch riscv64 --bios none --kernel "$1"; }
run_interp() { NIDO_JIT=off "$nido" vm run --arch riscv64 --bios none --kernel "$1"; }
run_qemu() { qemu-system-riscv64 -M spike -bios none -nographic -monitor none -serial none -kernel "$1"; }

declare -A per_iter=([int]=4 [mem]=7)
loops="int mem"; [ "${SKIP_LOOPS:-0}" = 1 ] && loops=""
for loop in $loops; do
  for n in 1 "$iters"; do
    riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -nostdlib -nostartfiles -static -DITERS="$n" \
      -T "$root/tests/guests/riscv/link.ld" -o "$work/$loop-$n.elf" "$root/bench/emu/loop-$loop.S" 2>/dev/null
  done
  for i in $(seq "$runs"); do
    for vm in nido interp qemu; do
      base=$(ms "run_$vm" "$work/$loop-1.elf") full=$(ms "run_$vm" "$work/$loop-$iters.elf")
      echo $(( full > base ? full - base : 1 )) >>"$work/$loop-$vm.ms"
    done
  done
  instructions=$(( iters * ${per_iter[$loop]} ))
  n=$(median <"$work/$loop-nido.ms") i=$(median <"$work/$loop-interp.ms") q=$(median <"$work/$loop-qemu.ms")
  printf '%-22s nido %7.0f M instr/s   interpreter %7.0f M instr/s   qemu-tcg %7.0f M instr/s   nido/qemu %.2f\n' \
    "$loop loop ($runs runs)" "$(echo "$instructions / $n / 1000" | bc -l)" "$(echo "$instructions / $i / 1000" | bc -l)" \
    "$(echo "$instructions / $q / 1000" | bc -l)" "$(echo "$q / $n" | bc -l)"
done

[ "${SKIP_BOOT:-0}" = 1 ] && exit 0
guest=$("$nido" vm guest --arch riscv64 2>/dev/null)
kernel=$(sed -n 's/^kernel: *//p' <<<"$guest") initrd=$(sed -n 's/^initrd: *//p' <<<"$guest") cmdline=$(sed -n 's/^cmdline: *//p' <<<"$guest")
boot_nido=("$nido" vm run --arch riscv64 --memory 256M --cmdline "nido.shell=0")
boot_qemu=(qemu-system-riscv64 -M virt -m 256 -smp 1 -nographic -monitor none -no-reboot -bios default
  -kernel "$kernel" -initrd "$initrd" -append "$cmdline nido.shell=0")
# Milliseconds from start to the kernel starting /init; the rest is drained so the guest can power off.
to_init() {
  local start=$(date +%s%N) line
  while IFS= read -r line; do
    case "$line" in *"Run /init"*) echo $(( ($(date +%s%N) - start) / 1000000 )); cat >/dev/null; return;; esac
  done
  echo "emu.sh: the guest ended without running /init" >&2; exit 1
}
for i in $(seq "$runs"); do
  timeout 300 "${boot_nido[@]}" </dev/null 2>/dev/null | to_init >>"$work/boot-nido.ms"
  NIDO_JIT=off timeout 300 "${boot_nido[@]}" </dev/null 2>/dev/null | to_init >>"$work/boot-interp.ms"
  timeout 300 "${boot_qemu[@]}" </dev/null 2>/dev/null | to_init >>"$work/boot-qemu.ms"
done
n=$(median <"$work/boot-nido.ms") i=$(median <"$work/boot-interp.ms") q=$(median <"$work/boot-qemu.ms")
printf '%-22s nido %7d ms            interpreter %7d ms            qemu-tcg %7d ms            nido/qemu %.2f\n' \
  "boot to /init ($runs runs)" "$n" "$i" "$q" "$(echo "$n / $q" | bc -l)"
