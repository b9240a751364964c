#!/usr/bin/env bash
# Runs every test of CraftCX on a fresh machine: installs what the tests need (loopback services only),
# runs the whole solution's tests and ends with one line "N passed, N failed" computed from the results.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: kcat (an independent Kafka client), the PostgreSQL server binaries (the tests
# start their own throwaway server on a loopback port) and Chromium (the dashboard test drives it headless).
needed=()
command -v kcat >/dev/null 2>&1 || needed+=(kcat)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
[ -x /usr/bin/chromium ] || needed+=(chromium)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing test prerequisites: ${needed[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${needed[@]}" >/dev/null
fi

# Results stay in TestResults/ (TRX, silo logs of the cluster tests, screenshots) for diagnosis.
results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"
set +e
dotnet test CraftCX.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  grep -ho 'testName="[^"]*" [^>]*outcome="Failed"' "$results"/*.trx | sed 's/testName="\([^"]*\)".*/  \1/'
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any result was written.
  failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
