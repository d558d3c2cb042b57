#!/usr/bin/env bash
# Installs the host packages Nido needs, by group, from Debian's archive. Idempotent and quiet when
# everything is present; never edits apt sources. Usage: scripts/setup.sh [base] [bench] ...
set -euo pipefail

declare -A GROUPS_PKGS=(
  # as/objcopy re-check the spawn trampoline; ps, file and iproute2 are used by tests; time reports peak RSS.
  [base]="binutils procps file iproute2 time"
  # busybox-static builds the test bundles (and later the built-in busybox image).
  [containers]="busybox-static"
  [bench]="hyperfine time"
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
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
