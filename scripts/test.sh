#!/usr/bin/env bash
# Runs every test project and ends with the plain line "N passed, N failed" (totals of all projects).
# The servers must answer already (`make test` runs scripts/servers.sh first).
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

if ! dotnet build Conecta.Channels.sln -c Release -nologo -v q > "$log_dir/build.log" 2>&1; then
  grep -E "error|Error" "$log_dir/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0 status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --logger "console;verbosity=minimal" > "$log_dir/$name.log" 2>&1 || status=1
  grep -E "^\s+Failed |Error Message|Assert\.[A-Za-z]+\(\) Failure|^\s+at Conecta" "$log_dir/$name.log" | head -60
  summary=$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+" "$log_dir/$name.log" | tail -1)
  if [ -z "$summary" ]; then
    # No summary means the run itself broke (crash, restore, discovery): count the project as failed.
    tail -30 "$log_dir/$name.log"
    failed=$((failed + 1)); status=1
    continue
  fi
  echo "$summary"
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<< "$summary")
  f=$(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<< "$summary")
  passed=$((passed + p)); failed=$((failed + f))
done

echo "$passed passed, $failed failed"
exit $status
