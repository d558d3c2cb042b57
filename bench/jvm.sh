#!/usr/bin/env bash
# Nido's JVM against HotSpot (java) and HotSpot's interpreter (java -Xint), alternating in one run, medians of
# wall time and the ratios: Hello startup, fib(32) (the issue's size) and fib(35), and the Benchmarks Game programs of the test suite
# (nbody, spectral-norm, binary-trees, fannkuch-redux) at sizes where java -Xint takes seconds, so the compute and not
# the start dominates. nido java runs with its JIT (in the CoreCLR host, as `nido java` does by default).
# RUNS=N (default 5). LONG=1 instead runs the compute programs at sizes where java itself takes 0.3-4 s (fib 40,
# nbody 20M, spectral-norm 3000, binary-trees 19, fannkuch-redux 11), nido against java only (-Xint would take
# minutes): there the start (nido's ~90 ms, java's ~30) is a small part and the ratio is the compiled code's.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/scripts/setup.sh" jvm
"$root/nido" --version >/dev/null # builds the native binary if needed
nido=$root/artifacts/nido/nido
java=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
runs=${RUNS:-5}
work=$(mktemp -d /tmp/nido-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

programs=$root/tests/Nido.Jvm.Tests/Programs
mkdir -p "$work/hello" "$work/fib"
for p in hello nbody spectral-norm binary-trees fannkuch-redux; do
  mkdir -p "$work/$p" && /usr/lib/jvm/java-17-openjdk-amd64/bin/javac -d "$work/$p" "$programs/$p"/*.java
done
cat > "$work/fib/Fib.java" <<'JAVA'
public class Fib {
    static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
    public static void main(String[] args) { System.out.println(fib(Integer.parseInt(args[0]))); }
}
JAVA
/usr/lib/jvm/java-17-openjdk-amd64/bin/javac -d "$work/fib" "$work/fib/Fib.java"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ms() { local start=$(date +%s%N); "$@" >/dev/null 2>&1 </dev/null; echo $(( ($(date +%s%N) - start) / 1000000 )); }

# LONG=1 leaves -Xint out (its columns show "-").
long=${LONG:-0}
printf '%-16s %10s %10s %12s %10s %12s\n' program "nido ms" "java ms" "java -Xint" "nido/java" "nido/-Xint"
bench() {
  local name=$1; shift
  local n=() j=() x=()
  for _ in $(seq "$runs"); do
    n+=("$(ms "$nido" java -cp "$work/$name" "$@")")
    j+=("$(ms "$java" -cp "$work/$name" "$@")")
    [[ $long == 1 ]] || x+=("$(ms "$java" -Xint -cp "$work/$name" "$@")")
  done
  local mn mj mx=- rx=-
  mn=$(printf '%s\n' "${n[@]}" | median); mj=$(printf '%s\n' "${j[@]}" | median)
  if [[ $long != 1 ]]; then
    mx=$(printf '%s\n' "${x[@]}" | median)
    rx=$(printf '%.2f' "$(echo "$mn / $mx" | bc -l)")
  fi
  printf '%-16s %10s %10s %12s %10.2f %12s\n' "$name" "$mn" "$mj" "$mx" "$(echo "$mn / $mj" | bc -l)" "$rx"
}
if [[ $long == 1 ]]; then
  bench fib Fib 40
  bench nbody Main 20000000
  bench spectral-norm Main 3000
  bench binary-trees Main 19
  bench fannkuch-redux Main 11
  exit 0
fi
bench hello Main
bench fib Fib 32
bench fib Fib 35
bench nbody Main 2000000
bench spectral-norm Main 1000
bench binary-trees Main 17
bench fannkuch-redux Main 10
