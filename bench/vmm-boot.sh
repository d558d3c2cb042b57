#!/usr/bin/env bash
# Boot to init: the default guest (Debian's cloud kernel, Nido's initramfs) from process start to the init's
# "ready" line, nido vs QEMU's microvm machine (-enable-kvm, ACPI, virtio-mmio: the same machine shape),
# alternating in one run; nido.shell=0 makes the guest power off right after. Prints medians and the ratio.
# Needs hardware KVM (kvm_intel or kvm_amd): on other hosts it says so and measures nothing.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [ ! -d /sys/module/kvm_intel ] && [ ! -d /sys/module/kvm_amd ]; then
  why="neither kvm_intel nor kvm_amd is loaded"
  [ -d /sys/module/kvm_pvm ] && why="$why (this host's KVM is kvm_pvm, which boots only PVM-enabled kernels)"
  echo "vmm-boot.sh: boot to init cannot be measured here: $why"
  exit 0
fi
"$root/scripts/setup.sh" bench vmm
nido=$root/artifacts/nido/nido
"$root/nido" --version >/dev/null # builds the native binary if needed
guest=$("$nido" vm guest)
kernel=$(sed -n 's/^kernel: *//p' <<<"$guest") initrd=$(sed -n 's/^initrd: *//p' <<<"$guest") cmdline=$(sed -n 's/^cmdline: *//p' <<<"$guest")
runs=${RUNS:-10}
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

run_nido() { "$nido" vm run --memory 256M --cmdline "nido.shell=0" </dev/null; }
run_qemu() {
  qemu-system-x86_64 -M microvm,acpi=on -enable-kvm -cpu host -m 256 -nodefaults -display none -serial stdio -no-reboot \
    -kernel "$kernel" -initrd "$initrd" -append "$cmdline nido.shell=0" </dev/null
}
# Milliseconds from start to the ready line; the rest of the output is drained so the VM can power off.
time_to_ready() {
  local start=$(date +%s%N) line
  while IFS= read -r line; do
    case "$line" in *"nido-init: ready"*) echo $(( ($(date +%s%N) - start) / 1000000 )); cat >/dev/null; return;; esac
  done
  echo "vmm-boot.sh: the guest ended without its ready line" >&2; exit 1
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for i in $(seq "$runs"); do
  for vmm in nido qemu; do "run_$vmm" 2>/dev/null | time_to_ready >>"$work/$vmm.ms"; done
done
printf '%-6s %18s\n' vmm "boot to init (ms)"
for vmm in nido qemu; do m=$(median <"$work/$vmm.ms"); printf '%-6s %18s\n' "$vmm" "$m"; eval "${vmm}_m=$m"; done
printf 'ratio nido/qemu: %.2f\n' "$(echo "$nido_m / $qemu_m" | bc -l)"
