#!/usr/bin/env bash
# Installs the host packages Nido needs, by group, from Debian's archive. Idempotent and quiet when
# everything is present; never edits apt sources. Usage: scripts/setup.sh [base] [bench] ...
set -euo pipefail

declare -A GROUPS_PKGS=(
  # as/objcopy re-check the spawn trampoline; ps, file and iproute2 are used by tests; time reports peak RSS;
  # libzstd1 decompresses zstd image layers.
  [base]="binutils procps file iproute2 time libzstd1"
  # busybox-static builds the test bundles (and later the built-in busybox image).
  [containers]="busybox-static"
  # The real callers and peers the container tests drive: podman, containerd (ctr), a registry, skopeo/umoci;
  # zstd makes zstd-compressed layers for the image tests.
  [clients]="podman containerd skopeo umoci docker-registry uidmap slirp4netns fuse-overlayfs zstd"
  [bench]="hyperfine time runc crun gcc"
  # The VMM's test guests are built at test time (tests/guests/build.sh); ACPICA (iasl, acpiexec) checks the ACPI
  # tables; cpio, e2fsprogs and QEMU (its microvm machine) check the default guest's image.
  [guests]="gcc binutils acpica-tools cpio e2fsprogs qemu-system-x86"
  # The RISC-V emulator: Debian's OpenSBI (default firmware), the bare-metal toolchain its ISA tests are built
  # with, QEMU's riscv64 machines (the oracle and bench/emu.sh's peer), dtc (checks the device tree), xz (the
  # riscv64 guest's kernel modules are .ko.xz).
  [emu]="opensbi gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf qemu-system-misc device-tree-compiler xz-utils"
  # The peer the VMM benchmark compares with (bench/vmm.sh); bc does its arithmetic.
  [vmm]="qemu-system-x86 bc"
  # The JVM: JDK 17's class library (lib/modules, read by Nido's jimage reader) and javac, which builds the test
  # programs; its `java` is the tests' oracle and bench/jvm.sh's peer; gcc builds the JNI test libraries.
  [jvm]="openjdk-17-jdk-headless gcc bc"
)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(base)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK (10.x) is required and is not on PATH; Debian does not package it." >&2
  exit 1
fi

missing=()
for g in "${groups[@]}"; do
  [ -n "${GROUPS_PKGS[$g]+x}" ] || { echo "setup: unknown package group '$g' (known: ${!GROUPS_PKGS[*]})" >&2; exit 2; }
  for p in ${GROUPS_PKGS[$g]}; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Packages such as docker-registry and containerd would start system daemons on install (listening on all
# interfaces); the tests start their own private instances, so forbid service starts for this install only.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; own_policy=1; fi
trap '[ $own_policy -eq 1 ] && rm -f "$policy"' EXIT
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
