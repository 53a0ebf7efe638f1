#!/usr/bin/env bash
# `make bench-faults`: the load, fault and bad-input suite (issue #8). The real service (Release,
# Production) runs as its own process against a RabbitMQ node and a Redis instance that this script
# starts for itself on other ports (they are restarted and killed during the run: the shared servers
# on 5672/6379 are never touched) and a PostgreSQL database of its own on the shared server (created
# here, dropped at the end). bench/Conecta.Channels.Bench.Faults drives each scenario; this script
# injects the faults when the driver reports a set fraction of the work done.
#
#   inbound    100,000 signed webhooks (statuses and messages, unique ids, some repeated) from a
#              Meta-like sender that retries every non-2xx with backoff; RabbitMQ restarted (SIGKILL +
#              start) at 20 %, Redis at 45 %, the service SIGKILLed and started again at 70 %. A consumer
#              on a real queue counts what arrives. Pass: nothing lost, nothing duplicated after its
#              dedup by EventId; raw duplicates reported.
#   outbound   20,000 SendText commands; the fake Graph API answers 500s, 429 + Retry-After, timeouts and
#              resets after reading the request; RabbitMQ restarted at 25 %, Redis down 8 s at 50 %, the
#              service SIGKILLed at 75 %. Pass: exactly one outcome per CommandId; sends received twice per
#              CommandId counted and explained.
#   bad-input  10,000 generated and mutated webhook requests; the broker is down for a few seconds in the
#              middle. Pass: no crash, no 5xx except while the broker is down, memory bounded, every
#              signed poison payload kept as a dead letter.
#   admin      the admin API with no token, broken tokens, the wrong role, SQL injection strings in every
#              field, huge pages. Pass: no 5xx, every unauthorized call refused, tables intact.
#
# Loopback only. Bounded: FAULTS_DEADLINE seconds for everything (cleanup included); each scenario has
# its own share. Whatever it started is stopped on exit, also on failure or timeout; the logs go to
# bench/results/faults/ and the report to bench/results/faults.md (both gitignored).
#
# Knobs (environment): LOAD (scales every volume; 1 = the issue's), FAULTS_SCENARIOS (subset, in
# order), FAULTS_REDIS_PERSISTENCE (aof = appendonly, fsync every second, as in production | none: a
# restart loses everything), FAULTS_RESTART (hard = SIGKILL | graceful), FAULTS_DEADLINE,
# FAULTS_RABBIT_PORT, FAULTS_RABBIT_DIST_PORT, FAULTS_REDIS_PORT, FAULTS_SERVICE_PORT, FAULTS_GRAPH_PORT,
# FAULTS_RABBIT_NODE and FAULTS_PG_DB (a second run beside another: its own node name and database),
# FAULTS_MAX_RSS_MIB (bad-input memory bound), FAULTS_SERVICE_ENV (extra KEY=value for the service).
set -euo pipefail
cd "$(dirname "$0")/.."

LOAD=${LOAD:-1}
SCENARIOS=${FAULTS_SCENARIOS:-inbound outbound bad-input admin}
REDIS_PERSISTENCE=${FAULTS_REDIS_PERSISTENCE:-aof}
RESTART=${FAULTS_RESTART:-hard}
DEADLINE=${FAULTS_DEADLINE:-1300}
RABBIT_PORT=${FAULTS_RABBIT_PORT:-5682}
RABBIT_DIST_PORT=${FAULTS_RABBIT_DIST_PORT:-25682}
REDIS_PORT=${FAULTS_REDIS_PORT:-6382}
SERVICE_PORT=${FAULTS_SERVICE_PORT:-5093}
GRAPH_PORT=${FAULTS_GRAPH_PORT:-5094}
MAX_RSS_MIB=${FAULTS_MAX_RSS_MIB:-1024}
SERVICE_ENV=${FAULTS_SERVICE_ENV:-}
# Each scenario's share of the deadline, in seconds (the driver shortens its own waits to fit).
declare -A SCENARIO_SECONDS=([inbound]=420 [outbound]=420 [bad-input]=200 [admin]=120)
# Fault schedule: permille of the scenario's work done → action.
declare -A FAULTS=(
  [inbound]="200:restart-rabbit 450:restart-redis 700:kill-service"
  [outbound]="250:restart-rabbit 500:redis-outage 750:kill-service"
  [bad-input]="500:rabbit-outage"
  [admin]=""
)
OUTAGE_SECONDS=8

NODE=${FAULTS_RABBIT_NODE:-faults@localhost}
SECRET=faults-app-secret
VERIFY_TOKEN=faults-verify-token
AUTH_KEY=$(openssl rand -hex 32)
ACCOUNTS_KEY=$(openssl rand -base64 32)
PG_DB=${FAULTS_PG_DB:-conecta_faults}
RESULTS=bench/results
RESULTS_ABS=$PWD/$RESULTS
LOGS=$RESULTS/faults
SERVICE_DIR=src/Conecta.Channels/bin/Release/net10.0
BENCH_DIR=bench/Conecta.Channels.Bench.Faults/bin/Release/net10.0
RUN_DIR=$(mktemp -d /tmp/conecta-faults.XXXXXX)
RABBIT_BASE=$RUN_DIR/rabbitmq
RABBIT_URI="amqp://guest:guest@127.0.0.1:$RABBIT_PORT/"

log() { echo "faults [${SECONDS}s]: $*" >&2; }
. bench/lib.sh
now_ms() { date +%s%3N; }

mkdir -p "$RESULTS" "$LOGS"
rm -f "$LOGS"/*

# ---- cleanup: everything this script started, by pid (never by name), then the database -------------
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
  [ -n "$current" ] && kill "$current" 2>/dev/null
  stop_pid_file "$RUN_DIR/tool.pid" 5
  stop_service
  stop_pid_file "$RUN_DIR/redis.pid" 5
  stop_pid_file "$RABBIT_BASE/rabbit.pid" 15
  psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1
  cp "$RUN_DIR"/*.log "$RUN_DIR"/*.md "$LOGS"/ 2>/dev/null
  cp "$RABBIT_BASE"/log/*.log "$LOGS"/ 2>/dev/null
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_deadline

# Numbers measured next to other work are not the service's numbers: say so in the report.
note=$(awk '{ if ($1 > 1) printf "load average %.2f at start: other processes were busy, and the numbers include their interference.", $1 }' /proc/loadavg)
others=$(pgrep -fa 'Bench\.(Outbound|Ceiling)|^wrk ' | cut -c1-80 | head -3 | tr '\n' ';' || true)
[ -n "$others" ] && note="$note Other benchmark processes were running: $others"
[ -n "$note" ] && log "$note"

for tool in redis-server redis-cli psql openssl curl; do
  command -v "$tool" >/dev/null || { log "$tool is missing: run make servers first"; exit 1; }
done
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { log "RabbitMQ is not installed: run make servers first"; exit 1; }
pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || { log "PostgreSQL does not answer on 5432: run make servers first"; exit 1; }
for port in "$RABBIT_PORT" "$RABBIT_DIST_PORT" "$REDIS_PORT" "$SERVICE_PORT" "$GRAPH_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is taken: is another fault run going on?"; exit 1; fi
done

log "building Release (service and driver)"
for project in src/Conecta.Channels/Conecta.Channels.csproj bench/Conecta.Channels.Bench.Faults/Conecta.Channels.Bench.Faults.csproj; do
  in_background timeout 300 dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >"$RUN_DIR/build.log" 2>&1 \
    || { cat "$RUN_DIR/build.log" >&2; exit 1; }
done

# ---- our own RabbitMQ node: its own name, ports, data, logs and cookie; no plugins ----------------------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port, seconds
  for _ in $(seq 1 $(( $2 * 4 ))); do port_open "$1" && return 0; sleep 0.25; done
  return 1
}
rabbit() { # the RabbitMQ scripts, run as root against our node only
  local script=$1; shift
  (cd "$RABBIT_BASE" && exec env HOME="$RABBIT_BASE/home" RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" RABBITMQ_MNESIA_BASE="$RABBIT_BASE/mnesia" \
    RABBITMQ_LOG_BASE="$RABBIT_BASE/log" RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_BASE/enabled_plugins" \
    RABBITMQ_PID_FILE="$RABBIT_BASE/rabbit.pid" RABBITMQ_CONFIG_FILE="$RABBIT_BASE/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_BASE/advanced.config" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    "/usr/lib/rabbitmq/bin/$script" "$@")
}
start_rabbit() {
  rabbit rabbitmq-server -detached >>"$RUN_DIR/rabbitmq-start.log" 2>&1
  wait_port "$RABBIT_PORT" 90 || { log "RabbitMQ ($NODE) did not open $RABBIT_PORT within 90 s"; tail -n 20 "$RABBIT_BASE"/log/*.log >&2; return 1; }
}
stop_rabbit() { # hard: SIGKILL, as a crash; graceful: the node stops itself
  local pid
  pid=$(cat "$RABBIT_BASE/rabbit.pid")
  if [ "$RESTART" = hard ]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
mkdir -p "$RABBIT_BASE/home" "$RABBIT_BASE/mnesia" "$RABBIT_BASE/log"
echo '[].' >"$RABBIT_BASE/enabled_plugins"
log "starting RabbitMQ node $NODE on 127.0.0.1:$RABBIT_PORT"
start_rabbit

# ---- our own Redis ---------------------------------------------------------------------------------------
mkdir -p "$RUN_DIR/redis"
start_redis() {
  local persistence=(--appendonly no)
  [ "$REDIS_PERSISTENCE" = aof ] && persistence=(--appendonly yes --appendfsync everysec)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' "${persistence[@]}" --dir "$RUN_DIR/redis" \
    --daemonize yes --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" >/dev/null
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "Redis did not start on $REDIS_PORT"; return 1
}
stop_redis() {
  local pid
  pid=$(cat "$RUN_DIR/redis.pid")
  if [ "$RESTART" = hard ]; then kill -KILL "$pid"; else redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$pid"; fi
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}
log "starting Redis on 127.0.0.1:$REDIS_PORT (persistence: $REDIS_PERSISTENCE)"
start_redis

log "fresh database $PG_DB on the shared PostgreSQL"
psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $PG_DB OWNER conecta"
# The driver reads the tables as their owner; the service connects as its own least-privileged role.
PG_CONN="$PG_OWNER;Database=$PG_DB"

# ---- the service, as its own process so it can be SIGKILLed and started again -----------------------------
# Bench-only settings: short Graph timeouts and retry delays (the fake injects timeouts, and 10 s per
# attempt would make the run long); a 30 s command lease with a 10 s rate-limit wait (a killed
# instance's commands are taken over after 30 s rather than 2 minutes; the lease must exceed the wait
# plus the Graph total timeout); limits lifted (80/s and 10 per contact per minute are not what is
# measured); the template sync off (the fake Graph API has no template list); the event queue the
# service declares is the suite's downstream queue (declared again by each scenario's fresh service).
run_service() { # run in the background: its pid is then the service's own (exec)
  cd "$SERVICE_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__RabbitMq="$RABBIT_URI" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
    ConnectionStrings__Postgres="$PG_SERVICE;Database=$PG_DB;Maximum Pool Size=20" ConnectionStrings__PostgresMigrations="$PG_CONN" \
    WhatsApp__AppSecrets__0=$SECRET WhatsApp__VerifyToken=$VERIFY_TOKEN \
    WhatsApp__GraphBaseUrl="http://127.0.0.1:$GRAPH_PORT" \
    WhatsApp__GraphAttemptTimeout=00:00:02 WhatsApp__GraphTotalTimeout=00:00:15 WhatsApp__GraphRetryDelay=00:00:00.250 \
    Auth__SigningKey="$AUTH_KEY" Accounts__TokenKey="$ACCOUNTS_KEY" \
    Outbound__RecipientLimit=1000000 Outbound__MaxWait=00:00:10 Outbound__CommandLease=00:00:30 \
    Templates__SyncInterval=00:00:00 Events__Queue=conecta-faults-downstream Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff " \
    $SERVICE_ENV \
    dotnet Conecta.Channels.dll --urls "http://127.0.0.1:$SERVICE_PORT" >>"$RUN_DIR/service.log" 2>&1
}
# As an orchestrator's restart policy does: whenever the service ends (SIGKILLed by a fault, or stopped by
# its own bus watchdog) it is started again, and each end is logged with its exit code. Only stop_service
# ends the loop.
supervise_service() {
  while [ ! -f "$RUN_DIR/service.stop" ]; do
    run_service & local pid=$!
    echo "$pid" >"$RUN_DIR/service.pid"
    local rc=0
    wait "$pid" || rc=$?
    [ -f "$RUN_DIR/service.stop" ] && break
    echo "$(now_ms) $rc" >>"$RUN_DIR/service-exits.log"
    sleep 1
  done
}
wait_service_ready() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$SERVICE_PORT/health/ready" 2>/dev/null && return 0
    kill -0 "$(cat "$RUN_DIR/supervisor.pid")" 2>/dev/null || break
    sleep 0.5
  done
  log "the service is not ready"; tail -n 30 "$RUN_DIR/service.log" >&2; return 1
}
start_service() {
  rm -f "$RUN_DIR/service.stop"
  supervise_service & echo $! >"$RUN_DIR/supervisor.pid"
  wait_service_ready
}
stop_service() { # the supervisor first, so it cannot start a service after the one stopped here
  touch "$RUN_DIR/service.stop"
  stop_pid_file "$RUN_DIR/supervisor.pid" 5
  stop_pid_file "$RUN_DIR/service.pid" 15
}
# SIGKILL, as a crash; the supervisor starts it again.
kill_service() { kill -KILL "$(cat "$RUN_DIR/service.pid")" 2>/dev/null || true; sleep 1.5; wait_service_ready; }
log "starting the service on 127.0.0.1:$SERVICE_PORT"
start_service

# ---- faults ------------------------------------------------------------------------------------------------
fault() { # action; logged with start and end times for the driver's report
  local action=$1
  echo "$(now_ms) start $action" >>"$RUN_DIR/faults.log"
  log "fault: $action"
  case $action in
    restart-rabbit) stop_rabbit; start_rabbit ;;
    rabbit-outage) stop_rabbit; sleep "$OUTAGE_SECONDS"; start_rabbit ;;
    restart-redis) stop_redis; start_redis ;;
    redis-outage) stop_redis; sleep "$OUTAGE_SECONDS"; start_redis ;;
    kill-service) kill_service ;;
    *) log "unknown fault $action"; return 1 ;;
  esac
  echo "$(now_ms) end $action" >>"$RUN_DIR/faults.log"
  log "fault: $action done"
}

# Error queues of our node after a scenario: messages the service gave up on.
error_queues() {
  rabbit rabbitmqctl -q -n $NODE list_queues name messages 2>/dev/null | awk '$1 ~ /_error$/ && $2 > 0 { print $1 ": " $2 }'
}
# Every queue still holding messages, and its consumers: where what did not arrive is waiting.
queues_holding() {
  rabbit rabbitmqctl -q -n $NODE list_queues name messages_ready messages_unacknowledged consumers 2>/dev/null \
    | awk '$1 != "name" && $1 !~ /_error$/ && ($2 > 0 || $3 > 0) { print $1 ": " $2 " ready, " $3 " unacked, " $4 " consumers" }'
}

driver() { # mode: runs the driver in the background and injects the mode's faults on its progress
  local mode=$1 seconds=${SCENARIO_SECONDS[$1]} rc=0
  local schedule=(${FAULTS[$1]})
  : >"$RUN_DIR/faults.log"
  : >"$RUN_DIR/service-exits.log"
  echo 0 >"$RUN_DIR/progress"
  local errors_before
  errors_before=$(grep -cE '^(fail|crit):' "$RUN_DIR/service.log" || true)
  log "$mode: at most ${seconds}s; faults: ${FAULTS[$1]:-none}"
  (cd "$BENCH_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Faults__ServiceUrl="http://127.0.0.1:$SERVICE_PORT" Faults__GraphUrl="http://127.0.0.1:$GRAPH_PORT" \
    Faults__RabbitMq="$RABBIT_URI" Faults__Postgres="$PG_CONN" Faults__SigningKey="$AUTH_KEY" Faults__AppSecret="$SECRET" \
    Faults__VerifyToken="$VERIFY_TOKEN" Faults__RunDir="$RUN_DIR" Faults__Load="$LOAD" Faults__DeadlineSeconds="$seconds" \
    Faults__MaxRssMiB="$MAX_RSS_MIB" Faults__RedisPersistence="$REDIS_PERSISTENCE" Faults__Restart="$RESTART" \
    dotnet Conecta.Channels.Bench.Faults.dll "$mode") >"$RUN_DIR/$mode.out" 2>"$RUN_DIR/$mode.log" &
  local pid=$!
  echo "$pid" >"$RUN_DIR/tool.pid"
  tail -n +1 -f "$RUN_DIR/$mode.log" --pid "$pid" >&2 &
  local next=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$next" -lt "${#schedule[@]}" ]; then
      local at=${schedule[$next]%%:*} action=${schedule[$next]#*:} progress
      progress=$(cat "$RUN_DIR/progress" 2>/dev/null || echo 0)
      if [ "${progress:-0}" -ge "$at" ]; then
        next=$((next + 1))
        fault "$action" || { log "fault $action failed"; rc=1; }
      fi
    fi
    sleep 0.2
  done
  wait "$pid" || rc=$?
  cp "$RUN_DIR/faults.log" "$RUN_DIR/faults-$mode.log"
  # What the service itself said meanwhile, and what it gave up on.
  local errors queues holding
  errors=$(( $(grep -cE '^(fail|crit):' "$RUN_DIR/service.log" || true) - errors_before ))
  queues=$(error_queues || true)
  holding=$(queues_holding || true)
  {
    echo "Service log during this scenario: $errors error lines (fail/crit)."
    if [ -n "$queues" ]; then echo "Error queues on the broker: $(echo "$queues" | tr '\n' ';' | sed 's/;$//')."; else echo "No message in any _error queue."; fi
    [ -n "$holding" ] && echo "Queues still holding messages at the end: $(echo "$holding" | tr '\n' ';' | sed 's/;$//')."
    # 137 is this script's SIGKILL; 75 the service's bus watchdog; anything else a crash.
    awk '$2 != 137 { n++; codes = codes (codes ? ", " : "") $2 (($2 == 75) ? " (bus watchdog: a receive endpoint stuck)" : " (crash)") }
         END { if (n) print "The service stopped by itself " n " time(s) and was started again by the supervisor: exit " codes "." }' "$RUN_DIR/service-exits.log"
    echo
  } >"$RUN_DIR/$mode.extra.md"
  # The bench's own queues stay bound to the event exchanges: left, they would fill with the next scenarios' events.
  for queue in conecta-faults-downstream conecta-faults-outcomes; do
    rabbit rabbitmqctl -q -n $NODE delete_queue "$queue" >/dev/null 2>&1 || true
  done
  [ "$rc" -eq 0 ] && log "$mode: passed" || log "$mode: FAILED (exit $rc)"
  return "$rc"
}

status=0
first=1
for mode in $SCENARIOS; do
  [ -n "${SCENARIO_SECONDS[$mode]:-}" ] || { log "unknown scenario $mode"; status=1; continue; }
  # Each scenario meets a freshly started service: one scenario's damage is not the next one's result.
  if [ -z "$first" ]; then stop_service; start_service || { status=1; break; }; fi
  first=
  driver "$mode" || status=1
done

(cd "$BENCH_DIR" && exec env Faults__RunDir="$RUN_DIR" Faults__Load="$LOAD" Faults__ResultsFile="$RESULTS_ABS/faults.md" Faults__Scenarios="$SCENARIOS" \
  Faults__Commit="$(git rev-parse --short HEAD 2>/dev/null || echo '?')" Faults__Note="$note" \
  dotnet Conecta.Channels.Bench.Faults.dll report) || status=1
log "report written to $RESULTS/faults.md; logs in $LOGS/"
exit "$status"
