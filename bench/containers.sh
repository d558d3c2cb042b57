#!/usr/bin/env bash
# Container lifecycle cost, nido vs runc vs crun (Debian's), side by side in one run. Each scenario alternates the
# runtimes run by run (bench/alternate.c; the round's first runtime rotates, so each follows the others' teardown
# as often), medians of RUNS (default 50):
#   run      `RUNTIME run ID` of /bin/true on a busybox bundle (create, start, wait, delete)
#   cycle    `create` + `start` + `delete --force` as three calls (how podman and containerd drive a runtime)
#   spaced   `run` again, each run 200 ms after the last: a v1 cgroup move then waits for a fresh RCU grace period
#            (back to back, a runtime fast enough to stay within the last one skips it), as a single container does
#   v2       on a v1 or hybrid host, spaced `run` again with a pure cgroup2 mount in a nested private mount
#            namespace, as on a cgroup v2 host (nido and runc; crun refuses this setup)
#   blocks   `run` once more with hyperfine, each runtime's runs back to back as one block (its own teardown's
#            kernel work lands on its next run)
# plus the peak RSS of the runtime process for `run`. Prints medians and each peer's ratio to nido.
# crun refuses this host's hybrid cgroups unless /sys/fs/cgroup/unified/cgroup.controllers reads empty, so the
# whole benchmark runs in a private mount namespace with an empty file bound over it (all three see the same host).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [ "${NIDO_BENCH_INNER:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "containers.sh: needs root (containers)" >&2; exit 1; }
  "$root/scripts/setup.sh" bench containers
  "$root/nido" --version >/dev/null # builds the native binary if needed
  exec env NIDO_BENCH_INNER=1 unshare --mount --propagation private "$0" "$@"
fi

controllers=/sys/fs/cgroup/unified/cgroup.controllers
if [ -f "$controllers" ]; then
  empty=$(mktemp); mount --bind "$empty" "$controllers"
fi

runs=${RUNS:-50}
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
cleanup() {
  for rt in "${runtimes[@]}"; do "$rt" --root "$work/state-$(basename "$rt")" delete --force bench >/dev/null 2>&1 || true; done
  rm -rf "$work"; [ -n "${empty:-}" ] && umount "$controllers" && rm -f "$empty"
}
trap cleanup EXIT

bundle="$work/bundle"
mkdir -p "$bundle/rootfs/bin"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/true"
(cd "$bundle" && "$root/artifacts/nido/nido" oci spec)
# ociVersion 1.0.2: crun 1.8 refuses documents newer than the spec it knows.
sed -i 's/"terminal": true/"terminal": false/; s/"sh"/"true"/; s/"ociVersion": "[^"]*"/"ociVersion": "1.0.2"/' "$bundle/config.json"

runtimes=("$root/artifacts/nido/nido-runc")
for peer in runc crun; do command -v "$peer" >/dev/null && runtimes+=("$(command -v "$peer")"); done

run_cmds=(); cycle_cmds=()
for rt in "${runtimes[@]}"; do
  state="$work/state-$(basename "$rt")"
  run_cmds+=("$rt --root $state run --bundle $bundle bench")
  cycle_cmds+=("$rt --root $state create --bundle $bundle bench && $rt --root $state start bench && $rt --root $state delete --force bench")
done

alternate="$work/alternate"
gcc -O2 -o "$alternate" "$root/bench/alternate.c"

wrap=() # a command the runner runs under (the emulated cgroup v2 scenario)
alt() { # title runs sleep_ms commands...
  local title=$1 n=$2 sleep=$3; shift 3
  printf '\n%s (median of %s runs, alternating)\n' "$title" "$n"
  printf '  %-10s %12s %10s\n' runtime "median (ms)" "vs nido"
  "${wrap[@]}" "$alternate" "$n" 3 "$sleep" "$@" | while read -r name median ratio; do
    [ "$name" = nido-runc ] && name=nido
    printf '  %-10s %12s %10s\n' "$name" "$median" "×$ratio"
  done
}

report() { # title csv [runs]
  local base="" name
  printf '\n%s (median of %s runs)\n' "$1" "${3:-$runs}"
  printf '  %-10s %12s %10s\n' runtime "median (ms)" "vs nido"
  while IFS=, read -r command mean stddev median rest; do
    [ "$command" = command ] && continue
    [ -n "$base" ] || base=$median
    name=$(basename "${command%% *}"); [ "$name" = nido-runc ] && name=nido
    printf '  %-10s %12s %10s\n' "$name" "$(awk -v s="$median" 'BEGIN { printf "%.2f", s * 1000 }')" \
      "$(awk -v a="$median" -v b="$base" 'BEGIN { printf "×%.2f", a / b }')"
  done <"$2"
}

alt "run /bin/true" "$runs" 0 "${run_cmds[@]}"
alt "run /bin/true, spaced by 200 ms" "$((runs / 2))" 200 "${run_cmds[@]}"
alt "create + start + delete" "$runs" 0 "${cycle_cmds[@]}"
hyperfine -N --runs "$runs" --warmup 3 --style none --export-csv "$work/run.csv" "${run_cmds[@]}" >/dev/null
report "run /bin/true, each runtime's runs back to back in one block (hyperfine)" "$work/run.csv"

printf '\npeak RSS of `run` (median of 10, KiB)\n'
for rt in "${runtimes[@]}"; do
  state="$work/state-$(basename "$rt")"
  rss=$(for _ in $(seq 10); do /usr/bin/time -f %M "$rt" --root "$state" run --bundle "$bundle" bench 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 5p)
  name=$(basename "$rt"); [ "$name" = nido-runc ] && name=nido
  printf '  %-10s %12s\n' "$name" "$rss"
done

if [ ! -f /sys/fs/cgroup/cgroup.controllers ]; then
  v2_cmds=()
  for rt in "${runtimes[@]}"; do
    [ "$(basename "$rt")" = crun ] && continue
    v2_cmds+=("$rt --root $work/state-v2-$(basename "$rt") run --bundle $bundle bench")
  done
  wrap=(unshare --mount --propagation private bash -c 'umount -R /sys/fs/cgroup 2>/dev/null || true
    mount -t cgroup2 none /sys/fs/cgroup && exec "$@"' bash)
  alt "run /bin/true, spaced by 200 ms, pure cgroup v2 (emulated)" "$((runs / 2))" 200 "${v2_cmds[@]}"
fi
