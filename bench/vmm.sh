#!/usr/bin/env bash
# VM exit round trip, nido vs QEMU (Debian's qemu-system-x86_64 -enable-kvm), alternating in one run:
# the portloop guest (tests/guests) does N writes to an unassigned port, each a VM exit to the VMM and back,
# and prints the TSC cycles the loop took. Prints the median cycles per exit for each, their ratio, and the
# median wall time of the whole run (QEMU's includes its BIOS, which the loop figure leaves out).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
[ -e /dev/kvm ] || { echo "vmm.sh: no /dev/kvm" >&2; exit 1; }
"$root/scripts/setup.sh" bench vmm
"$root/nido" --version >/dev/null # builds the native binary if needed
runs=${RUNS:-10} n=${N:-100000}
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
bash "$root/tests/guests/build.sh" "$work/guests" >/dev/null
guest="$work/guests/portloop.elf"

nido() { "$root/artifacts/nido/nido" vm run --kernel "$guest" --cmdline "n=$n" --memory 64M; }
qemu() {
  qemu-system-x86_64 -enable-kvm -m 64 -nographic -no-reboot -serial stdio -monitor none -display none -net none \
    -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$guest" -append "n=$n" 2>/dev/null || true # exits (0<<1)|1
}
cycles() { grep -a -o 'portloop tsc=[0-9]*' | cut -d= -f2; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for i in $(seq "$runs"); do
  for vmm in nido qemu; do
    start=$(date +%s%N)
    "$vmm" | cycles >>"$work/$vmm.cycles"
    echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$work/$vmm.ms"
  done
done
printf '%-6s %18s %14s\n' vmm "cycles per exit" "wall ms"
for vmm in nido qemu; do
  c=$(median <"$work/$vmm.cycles"); w=$(median <"$work/$vmm.ms")
  printf '%-6s %18.0f %14s\n' "$vmm" "$(echo "$c / $n" | bc -l)" "$w"
  eval "${vmm}_c=$c"
done
printf 'ratio nido/qemu (cycles per exit): %.2f\n' "$(echo "$nido_c / $qemu_c" | bc -l)"
