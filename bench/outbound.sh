#!/usr/bin/env bash
# `make bench`, second half: outbound sends of the real service (Release, Production, real RabbitMQ +
# Redis + PostgreSQL) to a fast fake Graph API on loopback. bench/Conecta.Channels.Bench.Outbound
# hosts the fake, registers the business numbers through the admin API, opens the 24-hour window of
# each (number, contact) pair with signed inbound webhooks (free text needs it), publishes SendText
# commands to RabbitMQ as the core platform does and consumes MessageAccepted/MessageRejected from a
# queue of its own, so every command is followed from publish to outcome.
#
# Scenarios, in one run: (a) limits lifted (1000/s), 1 number; (b) limits lifted, 4 numbers — each
# as a backlog (all commands published at once: sends/s); (c) limits on (80/s per number), 4 numbers,
# 15 s of backlog: the limiter's worst 1 s window and the rate it achieved; last, a and b again paced
# at half their backlog rate (latency). Every command must get exactly one outcome; a missing or
# duplicated one, or a scenario the deadline left out, fails the run.
#
# Prints a Markdown table and writes it to bench/results/outbound.md (gitignored) with the process
# logs, `top` samples every 5 s and each scenario's send arrivals (outbound-arrivals-N.csv) beside
# it. Whatever it started is ended on exit, its RabbitMQ virtual host deleted (the service's queues,
# the commands and outcomes go with it), its Redis database flushed and its PostgreSQL database
# dropped. Bounded: BENCH_OUTBOUND_DEADLINE seconds.
#
# Knobs (environment): BENCH_OUTBOUND_COMMANDS (backlog size of a and b), BENCH_OUTBOUND_WARMUP,
# BENCH_OUTBOUND_PACED (seconds), BENCH_OUTBOUND_OVERLOAD (seconds), BENCH_OUTBOUND_NUMBERS,
# BENCH_OUTBOUND_LIMIT (per number, scenario c), BENCH_OUTBOUND_RECIPIENTS, BENCH_GRAPH_PORT,
# BENCH_OUTBOUND_PORT, BENCH_OUTBOUND_DEADLINE, BENCH_OUTBOUND_PG_POOL, BENCH_OUTBOUND_REDIS_DB,
# BENCH_OUTBOUND_SERVICE_ENV.
set -euo pipefail
cd "$(dirname "$0")/.."

COMMANDS=${BENCH_OUTBOUND_COMMANDS:-20000}
WARMUP=${BENCH_OUTBOUND_WARMUP:-1000}
PACED=${BENCH_OUTBOUND_PACED:-10}
OVERLOAD=${BENCH_OUTBOUND_OVERLOAD:-15}
NUMBERS=${BENCH_OUTBOUND_NUMBERS:-4}
LIMIT=${BENCH_OUTBOUND_LIMIT:-80}
# Contacts per number whose 24-hour window is opened (inbound webhooks) before the scenarios.
RECIPIENTS=${BENCH_OUTBOUND_RECIPIENTS:-1000}
GRAPH_PORT=${BENCH_GRAPH_PORT:-5083}
SERVICE_PORT=${BENCH_OUTBOUND_PORT:-5084}
# With webhooks.sh's 290 s, `make bench` ends within about 8 minutes.
DEADLINE=${BENCH_OUTBOUND_DEADLINE:-200}
# Extra KEY=value settings for the service, for experiments (e.g. Outbound__ConcurrentCommands=512).
SERVICE_ENV=${BENCH_OUTBOUND_SERVICE_ENV:-}
# Npgsql's default pool (100) can exhaust PostgreSQL's max_connections (100, shared with whatever
# else runs) when up to Outbound:ConcurrentCommands commands miss the account cache at once (on a
# cold start and every 30 s): those commands fault with "53300 too many clients" and get no outcome.
# A bounded pool makes them wait for a connection instead — as a deployment would configure it.
PG_POOL=${BENCH_OUTBOUND_PG_POOL:-20}

# Not "dev-…": the service refuses development secrets outside Development.
SECRET=bench-app-secret
VERIFY_TOKEN=bench-verify-token
AUTH_KEY=$(openssl rand -hex 32)
ACCOUNTS_KEY=$(openssl rand -base64 32)
RUN=$(date +%s)-$$
PG_DB=conecta_bench_outbound
# webhooks.sh's database too: `make bench` runs them one after the other, never together.
REDIS_DB=${BENCH_OUTBOUND_REDIS_DB:-15}
# A virtual host of its own, as the integration tests do: no other service or test run on the
# broker competes for the conecta-outbound queue, and deleting it removes everything the run made.
VHOST=conecta-bench-outbound-$RUN
RESULTS=bench/results
RESULTS_ABS=$PWD/$RESULTS # the benchmark runs from its own directory
BENCH_DIR=bench/Conecta.Channels.Bench.Outbound/bin/Release/net10.0
SERVICE_DIR=src/Conecta.Channels/bin/Release/net10.0

log() { echo "outbound bench [${SECONDS}s]: $*" >&2; }
. bench/lib.sh

mkdir -p "$RESULTS"
started=()
vhost_made=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e # a process that is already gone must not stop the cleanup of the others
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  [ -n "$current" ] && kill "$current" 2>/dev/null
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$vhost_made" ]; then # the broker may be briefly down (outage tests): try for a while
    for _ in $(seq 1 10); do
      timeout 30 rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 && vhost_made= && break
      sleep 2
    done
    [ -n "$vhost_made" ] && log "could not delete RabbitMQ virtual host $VHOST: rabbitmqctl delete_vhost $VHOST"
  fi
  redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
  psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_deadline

load_at_start=$(cut -d' ' -f1 /proc/loadavg)

uncommitted() { git status --porcelain -- src contracts 2>/dev/null | awk '{ print $NF }' || true; }
dirty_before=$(uncommitted)

log "building Release"
# The benchmark references only the contracts, so the service is built on its own.
for project in src/Conecta.Channels/Conecta.Channels.csproj bench/Conecta.Channels.Bench.Outbound/Conecta.Channels.Bench.Outbound.csproj; do
  in_background timeout 240 dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >"$RESULTS/outbound-build.log" 2>&1 \
    || { cat "$RESULTS/outbound-build.log" >&2; exit 1; }
done

log "fresh database $PG_DB, Redis database $REDIS_DB, RabbitMQ virtual host $VHOST"
psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $PG_DB OWNER conecta"
redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null
# The broker may be briefly down (the integration tests' outage test stops it): wait for it a little.
for i in $(seq 1 30); do
  timeout 30 rabbitmqctl -q add_vhost "$VHOST" >/dev/null 2>&1 && vhost_made=1 && break
  [ "$i" = 30 ] && { log "RabbitMQ does not answer rabbitmqctl add_vhost"; exit 1; }
  sleep 1
done
timeout 30 rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null
RABBIT_URI="amqp://guest:guest@127.0.0.1:5672/$VHOST"

# The event queue the service declares is the benchmark's own outcome queue, as a platform's receive
# endpoint would be. From its own directory: the content root, so the service reads its appsettings.json (Information
# logging, as in production). `exec` keeps $! the dotnet process.
(cd "$SERVICE_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__RabbitMq="$RABBIT_URI" \
  ConnectionStrings__Redis="127.0.0.1:6379,defaultDatabase=$REDIS_DB" \
  ConnectionStrings__Postgres="$PG_SERVICE;Database=$PG_DB;Maximum Pool Size=$PG_POOL" ConnectionStrings__PostgresMigrations="$PG_OWNER;Database=$PG_DB" \
  WhatsApp__AppSecrets__0=$SECRET WhatsApp__VerifyToken=$VERIFY_TOKEN \
  WhatsApp__GraphBaseUrl="http://127.0.0.1:$GRAPH_PORT" \
  Auth__SigningKey="$AUTH_KEY" Accounts__TokenKey="$ACCOUNTS_KEY" \
  Outbound__RecipientLimit=1000000 \
  Events__Queue=conecta-bench-outcomes \
  $SERVICE_ENV \
  dotnet Conecta.Channels.dll --urls "http://127.0.0.1:$SERVICE_PORT") >"$RESULTS/outbound-service.log" 2>&1 &
service_pid=$!
started+=("$service_pid")

for i in $(seq 1 61); do
  curl -fsS -o /dev/null "http://127.0.0.1:$SERVICE_PORT/health/ready" 2>/dev/null && break
  if [ "$i" = 61 ] || ! kill -0 "$service_pid" 2>/dev/null; then
    log "service not ready after 60 s"; tail -n 30 "$RESULTS/outbound-service.log" >&2; exit 1
  fi
  sleep 1
done
log "service ready (pid $service_pid)"

# The sends as the loopback wire carries them, stamped by the kernel (WireCapture.cs): the fake
# API's own stamps shift with its process's turns on the cores. tcpdump is installed like the servers.
WIRE=$RESULTS_ABS/outbound-wire.pcap
rm -f "$WIRE"
command -v tcpdump >/dev/null || DEBIAN_FRONTEND=noninteractive timeout 120 apt-get install -y -qq tcpdump >/dev/null 2>&1 || true
if command -v tcpdump >/dev/null; then
  tcpdump -i lo -U -s 256 -w "$WIRE" "tcp dst port $GRAPH_PORT and tcp[tcpflags] & tcp-push != 0" >"$RESULTS/outbound-tcpdump.log" 2>&1 &
  started+=("$!")
  for _ in $(seq 1 20); do [ -s "$WIRE" ] && break; sleep 0.25; done
fi
[ -s "$WIRE" ] || log "no wire capture (tcpdump missing or not permitted): windows are timed at the fake API only"

rabbit_pid=$(rabbitmqctl -q status 2>/dev/null | awk '/OS PID/ { print $3 }')
redis_pid=$(redis-cli -h 127.0.0.1 info server | awk -F: '/^process_id/ { print $2+0 }')

# What the machine is doing while it runs: the answer to "what limits throughput".
: >"$RESULTS/outbound-top.txt"
( while sleep 5; do
    { echo "--- $(date +%T)"; top -b -n1 -w 180 | head -n 22; } >>"$RESULTS/outbound-top.txt" 2>/dev/null
  done ) &
started+=("$!")

# Others may be editing the service in this working tree: say what was measured, as seen before the
# build and now.
dirty=$( { echo "$dirty_before"; uncommitted; } | sed '/^$/d' | sort -u | head -n 8 | tr '\n' ' ' || true)
note=
[ -n "${dirty// /}" ] && note="the service was built from a working tree with uncommitted changes (${dirty% })."

# The scenarios took about 110 s at the default sizes on the 2-core machine they were written on
# (opening the windows, warm-up, a and b with their paced runs, c). When the build and start-up left
# less, the backlogs and the paced and overload durations shrink by the same factor, and the report
# says so.
remaining=$(( DEADLINE - SECONDS - 20 ))
planned=$(( 110 * COMMANDS / 20000 + 10 ))
if [ "$remaining" -lt "$planned" ]; then
  scale() { awk -v v="$1" -v b="$remaining" -v p="$planned" -v m="$2" 'BEGIN { v = int(v * b / p); print (v < m ? m : v) }'; }
  COMMANDS=$(scale "$COMMANDS" 2000); WARMUP=$(scale "$WARMUP" 200); PACED=$(scale "$PACED" 5); OVERLOAD=$(scale "$OVERLOAD" 5)
  shortened="backlogs of $COMMANDS commands, ${PACED} s paced, ${OVERLOAD} s of overload, to end within ${DEADLINE} s (build and start-up took ${SECONDS} s)."
  log "shortened: $shortened"
  note="${note:+$note }Shortened: $shortened"
fi
log "running the scenarios (at most ${remaining}s)"
rc=0
(cd "$BENCH_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
  Bench__GraphUrl="http://127.0.0.1:$GRAPH_PORT" Bench__ServiceUrl="http://127.0.0.1:$SERVICE_PORT" \
  Bench__RabbitMq="$RABBIT_URI" Bench__SigningKey="$AUTH_KEY" Bench__AppSecret="$SECRET" \
  Bench__RecipientsPerNumber="$RECIPIENTS" \
  Bench__ServicePid="$service_pid" Bench__RabbitPid="${rabbit_pid:-0}" Bench__RedisPid="${redis_pid:-0}" \
  Bench__Commands="$COMMANDS" Bench__WarmupCommands="$WARMUP" Bench__PacedSeconds="$PACED" \
  Bench__OverloadSeconds="$OVERLOAD" Bench__Numbers="$NUMBERS" Bench__LimitedRate="$LIMIT" \
  Bench__DeadlineSeconds="$remaining" Bench__LoadAtStart="$load_at_start" Bench__Note="$note" \
  Bench__Commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
  Bench__ResultsFile="$RESULTS_ABS/outbound.md" \
  Bench__WireCapture="$WIRE" \
  dotnet Conecta.Channels.Bench.Outbound.dll) 2>"$RESULTS/outbound-bench.log" &
bench_pid=$!
started+=("$bench_pid")
# Progress lines on the terminal as they come; the report itself goes to stdout.
tail -n +1 -f "$RESULTS/outbound-bench.log" --pid "$bench_pid" >&2 &
started+=("$!")
wait "$bench_pid" || rc=$?

if ! kill -0 "$service_pid" 2>/dev/null; then
  log "the service exited during the run"; tail -n 30 "$RESULTS/outbound-service.log" >&2; rc=1
fi
errors=$(grep -cE '^(fail|crit):' "$RESULTS/outbound-service.log" || true)
[ "$errors" -gt 0 ] && log "the service logged $errors errors: see $RESULTS/outbound-service.log"
[ "$rc" -eq 0 ] && log "written to $RESULTS/outbound.md; logs and top samples beside it" \
  || log "FAILED (exit $rc): see the lines above and $RESULTS/outbound-bench.log"
exit "$rc"
