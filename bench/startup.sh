#!/usr/bin/env bash
# Startup of the native nido: `nido --version` median over 50 runs (hyperfine), and peak RSS.
# Runs runc/crun --version alongside when they are installed, for scale. Prints medians and ratios.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/scripts/setup.sh" bench
"$root/nido" --version >/dev/null   # builds the native binary if needed
nido="$root/artifacts/nido/nido"
runs=${RUNS:-50}

cmds=("$nido --version")
for peer in runc crun; do command -v "$peer" >/dev/null && cmds+=("$(command -v "$peer") --version"); done

csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
hyperfine -N --runs "$runs" --warmup 5 --style none --export-csv "$csv" "${cmds[@]}" >/dev/null

peak_rss() { # median of 10 runs of GNU time's maximum resident set size, KiB
  for _ in $(seq 10); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 5p
}

printf '%-40s %12s %14s\n' command "median (ms)" "peak RSS (KiB)"
base=""
while IFS=, read -r command mean stddev median rest; do
  [ "$command" = command ] && continue
  ms=$(awk -v s="$median" 'BEGIN { printf "%.2f", s * 1000 }')
  # shellcheck disable=SC2086
  rss=$(peak_rss $command)
  [ -n "$base" ] || base=$median
  ratio=$(awk -v a="$median" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  printf '%-40s %12s %14s   (×%s of nido)\n' "$(basename "${command%% *}") ${command#* }" "$ms" "$rss" "$ratio"
done <"$csv"
