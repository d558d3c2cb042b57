#!/usr/bin/env bash
# The one test command: installs what the tests need, builds everything (including the native nido),
# runs every test project, and ends with "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cd "$root"

scripts/setup.sh base containers clients guests emu jvm || exit 1
./nido --version >/dev/null || { echo "test.sh: the native nido did not build"; echo "0 passed, 1 failed"; exit 1; }
export NIDO_BIN="$root/artifacts/nido/nido"

if ! dotnet build Nido.sln -c Debug -nologo -v quiet -clp:ErrorsOnly >artifacts/build.log 2>&1; then
  cat artifacts/build.log
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0 skipped=0
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  exe="$(dirname "$proj")/bin/Debug/net9.0/$name"
  log="$results/$name.log"
  echo "== $name"
  # xunit v3 test projects are executables; each gets a time limit so a hang fails instead of stalling CI.
  timeout --kill-after=10 600 "$exe" -noColor -trx "$results/$name.trx" >"$log" 2>&1
  rc=$?
  # Failures with their assertion lines; each skip with the line after it, which says why.
  awk '/\[SKIP\]/ { print; skip = 1; next } skip { print; skip = 0; next }
       /\[FAIL\]|^[ \t]+(Assert|Expected|Actual|System\.|Nido\.)|\.cs\([0-9]+/ && !/^[ \t]*at System\.|Total: [0-9]+/' "$log" | head -200
  summary=$(grep -E "^\s*$name\s+Total:" "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "   $name did not finish (exit $rc); last lines:"; tail -20 "$log"
    failed=$((failed + 1))
    continue
  fi
  num() { echo "$summary" | grep -oE "$1: [0-9]+" | grep -oE "[0-9]+"; }
  total=$(num Total) errors=$(num Errors) fails=$(num Failed) skips=$(num Skipped) notrun=$(num "Not Run")
  echo "   $summary" | sed 's/^ *//;s/^/   /'
  passed=$((passed + total - fails - errors - skips - notrun))
  failed=$((failed + fails + errors))
  skipped=$((skipped + skips + notrun))
  [ "$rc" -eq 0 ] || [ "$fails" -gt 0 ] || [ "$errors" -gt 0 ] || { echo "   $name exited $rc"; failed=$((failed + 1)); }
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
