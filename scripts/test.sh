#!/usr/bin/env bash
# Runs every test project and ends with the plain line "N passed, N failed" (totals of all projects).
# The servers must answer already (`make test` runs scripts/servers.sh first).
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

# The AsyncAPI 3.0.0 JSON schema the unit tests validate docs/asyncapi.json against (npm, into artifacts/).
scripts/asyncapi-schema.sh || { echo "0 passed, 1 failed"; exit 1; }

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

record() { # record NAME OK
  if [ "$2" = yes ]; then passed=$((passed + 1)); echo "  Passed $1"; else failed=$((failed + 1)); status=1; echo "  Failed $1"; fi
}

# The contracts as a NuGet package (dll, XML docs, README, Source Link commit), and a project outside the repository
# that references it. Counted as one test.
echo "== contracts package"
if scripts/pack.sh > "$log_dir/pack.log" 2>&1; then record "$(tail -1 "$log_dir/pack.log")" yes
else cat "$log_dir/pack.log"; record "scripts/pack.sh" no; fi

# The README's walkthrough, as a user runs it: the service with `make run`'s configuration (Development, embedded: in-memory
# bus, in-process stores, SQLite, the sandbox; no servers) on a port the system picks, then scripts/walkthrough.sh against
# it. Counted as one test, and one more for the script failing when a step's event is missing (a rejected template).
echo "== walkthrough (make run's configuration)"
service_log="$log_dir/service.log"
(cd src/Conecta.Channels && exec env ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Sqlite="Data Source=$log_dir/walkthrough.db" \
  dotnet bin/Release/net10.0/Conecta.Channels.dll --urls http://127.0.0.1:0) > "$service_log" 2>&1 &
service=$!
base=
for _ in $(seq 120); do
  base=$(sed -n 's/.*Now listening on: \(http:[^ ]*\).*/\1/p' "$service_log" | head -1)
  [ -n "$base" ] && curl -sf "$base/health/live" > /dev/null && break
  kill -0 "$service" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$base" ]; then
  tail -30 "$service_log"
  record "the service did not start" no
  record "walkthrough fails on a missing event (not run)" no
else
  if scripts/walkthrough.sh "$base" > "$log_dir/walkthrough.log" 2>&1; then record "scripts/walkthrough.sh $base" yes
  else cat "$log_dir/walkthrough.log"; record "scripts/walkthrough.sh $base" no; fi
  # A template named reject_… is REJECTED by the sandbox: the step waiting for APPROVED must fail the script.
  if TEMPLATE="reject_walkthrough_$(date +%s)" WAIT_SECONDS=5 scripts/walkthrough.sh "$base" > "$log_dir/walkthrough-rejected.log" 2>&1; then
    cat "$log_dir/walkthrough-rejected.log"; record "walkthrough fails on a missing event" no
  elif grep -q "FAILED at step 2: no TemplateStatusChanged" "$log_dir/walkthrough-rejected.log"; then record "walkthrough fails on a missing event" yes
  else cat "$log_dir/walkthrough-rejected.log"; record "walkthrough fails on a missing event" no; fi
fi
kill -TERM "$service" 2>/dev/null
wait "$service" 2>/dev/null

echo "$passed passed, $failed failed"
exit $status
