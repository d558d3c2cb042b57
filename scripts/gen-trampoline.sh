#!/usr/bin/env bash
# Assembles src/Nido.Linux/Spawn/spawn_trampoline.S and prints the C# byte list for SpawnTrampoline.cs.
# Needs binutils (as, objcopy). The test suite checks that the committed bytes match this output.
set -euo pipefail
src="${1:-$(dirname "$0")/../src/Nido.Linux/Spawn/spawn_trampoline.S}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
as --64 -o "$tmp/t.o" "$src"
objcopy -O binary -j .text "$tmp/t.o" "$tmp/t.bin"
od -An -v -tx1 "$tmp/t.bin" | tr -s ' ' '\n' | grep -v '^$' | sed 's/^/0x/;s/$/,/' | paste -d' ' - - - - - - - - - - - - - - - - | sed 's/ *$//;s/^/        /'
