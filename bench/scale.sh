#!/usr/bin/env bash
# `make bench-scale`: three instances of the real service (Release, Production, separate processes) on one RabbitMQ virtual
# host of their own and one Redis, with the command partitions on (Bus:Topology:Partitions, docs/scaling.md).
# bench/Conecta.Channels.Bench.Scale hosts the outbound benchmark's fake Graph API (answering at once), registers the
# numbers and opens every (number, contact) window with webhooks spread over the three instances, then runs three
# backlogs of SendText commands, each (number, contact) pair's numbered in the order published:
#
#   three  the three instances, started together (each prefers its share of the partitions): sends/s with three
#   kill   the same, and instance 2 SIGKILLed at 30 % of the outcomes and started again
#   one    instances 2 and 3 stopped: instance 1 works every partition: sends/s with one
#
# Checked at the fake and on the outcome queue: every command one outcome (lost, duplicates), each pair's sends in
# sequence order (order_violations), no number above its rate limit in any second (limit_exceeded_seconds). Prints, last:
#   scale: instances=3 commands=N order_violations=0 lost=0 duplicates=0 limit_exceeded_seconds=0 speedup=X.XX
# (speedup: sends/s of "three" over "one", in this run) and exits non-zero on any violation.
#
# Knobs (environment): LOAD (1: 20,000 commands per backlog; 0.1 a short run), SCALE_REDIS (the Redis connection string;
# the Redis Cluster servers.sh starts, 127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002, or a single Redis: 127.0.0.1:6379),
# SCALE_PARTITIONS (12), SCALE_QUEUE_TYPE (Quorum), SCALE_NUMBERS (8), SCALE_CONTACTS (64 per number), SCALE_RATE (per
# number, 400/s), SCALE_PORT (first of four: the fake Graph API and the three instances), SCALE_DEADLINE.
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD=${LOAD:-1}
COMMANDS=$(awk -v l="$LOAD" 'BEGIN { n = int(20000 * l); print (n < 1000 ? 1000 : n) }')
REDIS=${SCALE_REDIS:-127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002}
PARTITIONS=${SCALE_PARTITIONS:-12}
QUEUE_TYPE=${SCALE_QUEUE_TYPE:-Quorum}
NUMBERS=${SCALE_NUMBERS:-8}
CONTACTS=${SCALE_CONTACTS:-64}
RATE=${SCALE_RATE:-400}
# Strict per-contact order needs one message at a time in the router and in each partition (docs/scaling.md).
PREFETCH=${SCALE_PARTITION_PREFETCH:-1}
ROUTER_PREFETCH=${SCALE_ROUTER_PREFETCH:-1}
PORT=${SCALE_PORT:-5110}
GRAPH_PORT=$PORT
INSTANCES=3
DEADLINE=${SCALE_DEADLINE:-$(awk -v l="$LOAD" 'BEGIN { print int(150 + 450 * l) }')}
PHASE_SECONDS=$(awk -v l="$LOAD" 'BEGIN { print int(60 + 120 * l) }')
KILL_AT=300 # permille of the kill phase's outcomes

SECRET=scale-app-secret
VERIFY_TOKEN=scale-verify-token
AUTH_KEY=$(openssl rand -hex 32)
ACCOUNTS_KEY=$(openssl rand -base64 32)
RUN=$(date +%s)
PG_DB=conecta_bench_scale
VHOST=conecta-bench-scale-$RUN-$$
RESULTS=bench/results
LOGS=$RESULTS/scale
SERVICE_DIR=src/Conecta.Channels/bin/Release/net10.0
BENCH_DIR=bench/Conecta.Channels.Bench.Scale/bin/Release/net10.0
RUN_DIR=$(mktemp -d /tmp/conecta-scale.XXXXXX)
RABBIT_URI="amqp://guest:guest@127.0.0.1:5672/$VHOST"

log() { echo "scale [${SECONDS}s]: $*" >&2; }
. bench/lib.sh
PG_CONN="$PG_OWNER;Database=$PG_DB"

mkdir -p "$RESULTS" "$LOGS"
rm -f "$LOGS"/*
vhost_made=

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  [ -n "$current" ] && kill "$current" 2>/dev/null
  stop_pid_file "$RUN_DIR/driver.pid" 5
  for i in $(seq 1 $INSTANCES); do stop_pid_file "$RUN_DIR/instance-$i.pid" 15; done
  [ -n "$vhost_made" ] && timeout 60 rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1
  psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1
  cp "$RUN_DIR"/*.log "$RUN_DIR"/*.json "$LOGS"/ 2>/dev/null
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_deadline

for port in $(seq "$PORT" $((PORT + INSTANCES))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is taken: is another scale run going on?"; exit 1; fi
done

log "building Release (service and driver)"
for project in src/Conecta.Channels/Conecta.Channels.csproj bench/Conecta.Channels.Bench.Scale/Conecta.Channels.Bench.Scale.csproj; do
  in_background timeout 300 dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log" >&2; exit 1; }
done

log "fresh database $PG_DB, RabbitMQ virtual host $VHOST, Redis $REDIS"
psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $PG_DB OWNER conecta"
timeout 30 rabbitmqctl -q add_vhost "$VHOST" >/dev/null && vhost_made=1
timeout 30 rabbitmqctl -q set_permissions -p "$VHOST" guest '.*' '.*' '.*' >/dev/null

# ---- the instances: separate processes, Production, the same settings but their place among the three ----------------
# Bench-only settings: the per-contact pair limit lifted (10 per minute is not what is measured; the per-number limit
# is, at the fake), a 10 s command lease (a killed instance's commands are taken over after 10 s rather than 2 minutes;
# it must exceed the rate-limit wait plus the Graph total timeout), the template sync off (the fake has no template list).
run_instance() { # index (1-based); in the background: its pid is the service's own (exec)
  local i=$1
  cd "$SERVICE_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__RabbitMq="$RABBIT_URI" ConnectionStrings__Redis="$REDIS" \
    ConnectionStrings__Postgres="$PG_SERVICE;Database=$PG_DB;Maximum Pool Size=10" ConnectionStrings__PostgresMigrations="$PG_CONN" \
    WhatsApp__AppSecrets__0=$SECRET WhatsApp__VerifyToken=$VERIFY_TOKEN WhatsApp__GraphBaseUrl="http://127.0.0.1:$GRAPH_PORT" \
    WhatsApp__GraphAttemptTimeout=00:00:02 WhatsApp__GraphTotalTimeout=00:00:05 \
    Auth__SigningKey="$AUTH_KEY" Accounts__TokenKey="$ACCOUNTS_KEY" \
    Outbound__RecipientLimit=1000000 Outbound__MaxWait=00:00:03 Outbound__CommandLease=00:00:10 Templates__SyncInterval=00:00:00 \
    Events__Queue=conecta-bench-scale-events Bus__Topology__Partitions="$PARTITIONS" Bus__Topology__QueueType="$QUEUE_TYPE" \
    Bus__Topology__InstanceCount=$INSTANCES Bus__Topology__InstanceIndex=$((i - 1)) \
    Bus__Topology__PartitionPrefetch="$PREFETCH" Bus__Topology__RouterPrefetch="$ROUTER_PREFETCH" \
    Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
    dotnet Conecta.Channels.dll --urls "http://127.0.0.1:$((PORT + i))" >>"$RUN_DIR/instance-$i.log" 2>&1
}
start_instance() { run_instance "$1" & echo $! >"$RUN_DIR/instance-$1.pid"; }
wait_ready() {
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$((PORT + $1))/health/ready" 2>/dev/null && return 0
    kill -0 "$(cat "$RUN_DIR/instance-$1.pid")" 2>/dev/null || break
    sleep 0.5
  done
  log "instance $1 is not ready"; tail -n 30 "$RUN_DIR/instance-$1.log" >&2; return 1
}
log "starting $INSTANCES instances together on ports $((PORT + 1))-$((PORT + INSTANCES)) ($PARTITIONS partitions, $QUEUE_TYPE queues)"
for i in $(seq 1 $INSTANCES); do start_instance "$i"; done
for i in $(seq 1 $INSTANCES); do wait_ready "$i"; done
# The standbys subscribe Bus:Topology:StandbyDelay (5 s) after their own share.
sleep 6

urls=$(for i in $(seq 1 $INSTANCES); do printf 'http://127.0.0.1:%s,' $((PORT + i)); done)
driver() { # mode [kill]: with kill, instance 2 is SIGKILLed at KILL_AT permille and started again
  local mode=$1 rc=0
  echo 0 >"$RUN_DIR/progress"
  (cd "$BENCH_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Bench__RunDir="$RUN_DIR" Bench__ServiceUrls="${urls%,}" Bench__GraphUrl="http://127.0.0.1:$GRAPH_PORT" Bench__RabbitMq="$RABBIT_URI" \
    Bench__SigningKey="$AUTH_KEY" Bench__AppSecret="$SECRET" Bench__Run="$RUN" Bench__Numbers="$NUMBERS" \
    Bench__ContactsPerNumber="$CONTACTS" Bench__RatePerNumber="$RATE" Bench__Commands="$COMMANDS" Bench__PhaseSeconds="$PHASE_SECONDS" \
    dotnet Conecta.Channels.Bench.Scale.dll "$mode") 2>&1 | tee -a "$RUN_DIR/driver.log" >&2 &
  local pid=$!
  echo "$pid" >"$RUN_DIR/driver.pid"
  local killed=
  while kill -0 "$pid" 2>/dev/null; do
    local progress
    progress=$(cat "$RUN_DIR/progress" 2>/dev/null || true) # empty while the driver rewrites it
    if [ "${2:-}" = kill ] && [ -z "$killed" ] && [ "${progress:-0}" -ge "$KILL_AT" ]; then
      killed=1
      log "SIGKILL instance 2 (pid $(cat "$RUN_DIR/instance-2.pid")) and start it again"
      kill -KILL "$(cat "$RUN_DIR/instance-2.pid")"
      start_instance 2
      wait_ready 2 || rc=1
    fi
    sleep 0.2
  done
  wait "$pid" || rc=$?
  [ "${2:-}" = kill ] && [ -z "$killed" ] && { log "the kill phase ended before instance 2 was killed"; rc=1; }
  return "$rc"
}

status=0
log "phase three: $COMMANDS commands, three instances"
driver three || status=1
log "phase kill: $COMMANDS commands, instance 2 SIGKILLed at $((KILL_AT / 10)) % and started again"
[ "$status" = 0 ] && { driver kill kill || status=1; }
log "phase one: instances 2 and 3 stopped, $COMMANDS commands on instance 1"
stop_pid_file "$RUN_DIR/instance-2.pid" 30
stop_pid_file "$RUN_DIR/instance-3.pid" 30
[ "$status" = 0 ] && { driver one || status=1; }
(cd "$BENCH_DIR" && exec env Bench__RunDir="$RUN_DIR" Bench__Instances=$INSTANCES dotnet Conecta.Channels.Bench.Scale.dll report) || status=1
exit "$status"
