#!/usr/bin/env bash
# nido-vmm (and nido vm serve, which execs it): process start to API socket ready (wall and CPU ms) and the VMM's RSS, medians of RUNS.
# Firecracker, the reference (8 ms, 5 MiB in its spec), is not packaged in Debian, so the figures stand
# against the issue's targets rather than a peer run side by side.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/scripts/setup.sh" guests
"$root/nido" --version >/dev/null
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
bash "$root/tests/guests/build.sh" "$work/guests" >/dev/null
python3 "$root/bench/vmm-api.py" "$root/artifacts/nido/nido" "$work/guests/ticker.elf" "${RUNS:-20}"
