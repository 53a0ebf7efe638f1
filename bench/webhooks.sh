#!/usr/bin/env bash
# `make bench`: webhook throughput of the real service (Release, Production, real RabbitMQ + Redis +
# PostgreSQL) side by side with the physical limits, in one run, same load:
#   - the HTTP ceiling (bench/Conecta.Channels.Bench.Ceiling: the same body read, HMAC check and JSON
#     parse behind bare Kestrel, nothing else);
#   - the broker ceiling (the same program's `broker` mode: RabbitMQ.Client publishing copies of the
#     service's own event, persistent, with confirms, into a durable queue on the same RabbitMQ), at
#     the service's in-flight level and at a high one, right before the service is measured.
#
# Scenarios: a batch of 10 statuses per webhook, and one inbound text per webhook (from 1,000
# contacts in turn). For each, both HTTP targets get the same wrk run at full speed (warm-up
# discarded, then measured), then a run paced to half of the service's measured maximum, where the
# p99 goal applies. End to end: the events that reached the downstream queue (declared and bound
# before the first publish, as the platform's would be), what the service's own queues still had to
# do after the load stopped, and the messages RabbitMQ stored per event.
#
# Prints a Markdown report (stderr) and writes it to bench/results/webhooks.md (gitignored) with the
# raw wrk output and the process logs beside it; the last line on stdout is the goal line:
#   inbound: batches_updates_per_s=N texts_per_s=N broker_ceiling_msgs_per_s=N ratio_batches=0.NN ratio_texts=0.NN p99_half_ms=N lost=0 non2xx=0 failed_checks=0
# (ratio_batches against the broker ceiling at BENCH_BROKER_INFLIGHT, which is the one printed;
# ratio_texts against the ceiling at the service's own in-flight level; non2xx: the service's and the
# ceiling's non-2xx answers, all runs; failed_checks: failed requests or missing events). The report lists
# every run's non-2xx, socket errors and timeouts, and calls a goal met or missed only when no check
# failed. Exits non-zero when any request failed or an acknowledged event is missing downstream. Whatever it started is ended on
# exit, its queue deleted, its Redis database flushed and its PostgreSQL database dropped. Bounded:
# BENCH_DEADLINE seconds.
#
# Knobs (environment): BENCH_WARMUP, BENCH_DURATION, BENCH_PACED_DURATION, BENCH_BROKER_SECONDS
# (seconds), BENCH_CONNECTIONS, BENCH_BROKER_INFLIGHT, BENCH_CONTACTS, BENCH_DRAIN_LIMIT,
# BENCH_CEILING_PORT, BENCH_SERVICE_PORT, BENCH_DEADLINE, BENCH_SERVICE_ENV (extra KEY=value for the service).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-20}
PACED_DURATION=${BENCH_PACED_DURATION:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
CEILING_PORT=${BENCH_CEILING_PORT:-5081}
SERVICE_PORT=${BENCH_SERVICE_PORT:-5082}
DEADLINE=${BENCH_DEADLINE:-420}
BROKER_SECONDS=${BENCH_BROKER_SECONDS:-8}
BROKER_HIGH=${BENCH_BROKER_INFLIGHT:-1024}
DRAIN_LIMIT=${BENCH_DRAIN_LIMIT:-60}
# The service's default bound on publishes in flight (Inbound__MaxPublishesInFlight).
MAX_PUBLISHES_IN_FLIGHT=256

# One wrk thread: wrk gets one core and the targets (plus Redis and RabbitMQ) share the other.
THREADS=1
# Not "dev-…": the service refuses development secrets outside Development, and Production is
# what is measured.
SECRET=bench-app-secret
VERIFY_TOKEN=bench-verify-token
# Required in Production by the admin API and the account registry; webhooks never use them.
AUTH_KEY=$(openssl rand -hex 32)
ACCOUNTS_KEY=$(openssl rand -base64 32)
RUN=$(date +%s)-$$
PG_DB=conecta_bench
# Dedup keys live 8 days; a database of their own lets the bench remove exactly its keys.
REDIS_DB=15
QUEUE=conecta-bench-webhooks
EXCHANGES=("Conecta.Channels.Contracts.Events:MessageStatusChanged" "Conecta.Channels.Contracts.Events:InboundMessageReceived")
RABBIT_API=http://127.0.0.1:15672/api
RESULTS=bench/results
CEILING_DIR=bench/Conecta.Channels.Bench.Ceiling/bin/Release/net10.0
SERVICE_DIR=src/Conecta.Channels/bin/Release/net10.0

rabbit_api() { curl -fsS -u guest:guest -H 'content-type: application/json' "$@"; }
log() { echo "bench [${SECONDS}s]: $*" >&2; }
. bench/lib.sh

mkdir -p "$RESULTS"
started=()

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
  # What the run left behind in the shared servers: benchmark messages can be gigabytes.
  curl -fsS -u guest:guest -X DELETE "$RABBIT_API/queues/%2F/$QUEUE" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
  psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_deadline

# Numbers measured next to other work are not the service's numbers; say so in the report.
busy_note=$(awk '{ if ($1 > 1) printf "load average %.2f at start: other processes were busy, and the numbers include their interference", $1 }' /proc/loadavg)
[ -n "$busy_note" ] && log "$busy_note"

command -v wrk >/dev/null || { log "wrk is missing (make servers installs it)"; exit 1; }

log "building Release"
# The ceiling references the service, so this builds both (and not the test projects).
in_background timeout 240 dotnet build bench/Conecta.Channels.Bench.Ceiling/Conecta.Channels.Bench.Ceiling.csproj \
  -c Release -nologo -v quiet -clp:ErrorsOnly >"$RESULTS/build.log" 2>&1 \
  || { cat "$RESULTS/build.log" >&2; exit 1; }

log "fresh database $PG_DB, Redis database $REDIS_DB"
psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $PG_DB OWNER conecta"
redis-cli -h 127.0.0.1 -n "$REDIS_DB" flushdb >/dev/null

# The management API declares and binds the queue; the Debian package ships the plugin. Enabling
# costs seconds even when nothing changes, so only when the API does not answer.
rabbit_api "$RABBIT_API/overview" >/dev/null 2>&1 \
  || rabbitmq-plugins enable --quiet rabbitmq_management >/dev/null 2>&1 || true

start() { # name, dir, dll, port, then VAR=value...; sets $last_pid
  local name=$1 dir=$2 dll=$3 port=$4; shift 4
  # From its own directory: the content root, so the service reads its appsettings.json (which
  # keeps per-request logging off, as in production). `exec` keeps $! the dotnet process.
  (cd "$dir" && exec env "$@" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$dll" --urls "http://127.0.0.1:$port") >"$RESULTS/$name.log" 2>&1 &
  last_pid=$!
  started+=("$last_pid")
}

wait_ready() { # name, port
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$2/health/ready" 2>/dev/null && return 0
    sleep 1
  done
  log "$1 not ready after 60 s"; tail -n 30 "$RESULTS/$1.log" >&2; return 1
}

start ceiling "$CEILING_DIR" Conecta.Channels.Bench.Ceiling.dll "$CEILING_PORT" WhatsApp__AppSecrets__0=$SECRET
ceiling_pid=$last_pid
start service "$SERVICE_DIR" Conecta.Channels.dll "$SERVICE_PORT" \
  ConnectionStrings__RabbitMq=amqp://guest:guest@127.0.0.1:5672/ \
  ConnectionStrings__Redis="127.0.0.1:6379,defaultDatabase=$REDIS_DB" \
  ConnectionStrings__Postgres="$PG_SERVICE;Database=$PG_DB" ConnectionStrings__PostgresMigrations="$PG_OWNER;Database=$PG_DB" \
  WhatsApp__AppSecrets__0=$SECRET WhatsApp__VerifyToken=$VERIFY_TOKEN \
  Auth__SigningKey="$AUTH_KEY" Accounts__TokenKey="$ACCOUNTS_KEY" Events__Queue=$QUEUE ${BENCH_SERVICE_ENV:-}
service_pid=$last_pid
wait_ready ceiling "$CEILING_PORT"
wait_ready service "$SERVICE_PORT"

# Updates for unregistered numbers are dead-lettered, not published: register the bench's number
# through the admin API, with an HS256 token minted here from the run's signing key.
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
mint_admin_token() {
  local header payload signature iat
  iat=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"bench","role":"admin","iss":"conecta-channels","aud":"conecta-channels","iat":%s,"nbf":%s,"exp":%s}' \
    "$iat" "$iat" "$((iat + 3600))" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$AUTH_KEY" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}
code=$(curl -sS -o "$RESULTS/account.json" -w '%{http_code}' -X POST "http://127.0.0.1:$SERVICE_PORT/api/channel-accounts" \
  -H "Authorization: Bearer $(mint_admin_token)" -H 'content-type: application/json' \
  -d '{"channel":"whatsapp","providerAccountId":"1122334455667","businessAccountId":"1","displayNumber":"972123456789","accessToken":"bench-token"}')
if [ "$code" != 201 ]; then log "registering the bench's account answered $code: $(cat "$RESULTS/account.json")"; exit 1; fi

# The downstream queue stands for the core platform's: the service's event queue (Events__Queue),
# which it declares and binds itself. Declared here too, before anything is published (the
# exchanges in MassTransit's own shape, durable fanout), so the ceiling has it from the start.
for _ in $(seq 1 30); do rabbit_api "$RABBIT_API/overview" >/dev/null 2>&1 && break; sleep 1; done
rabbit_api -X PUT "$RABBIT_API/queues/%2F/$QUEUE" -d '{"durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
for exchange in "${EXCHANGES[@]}"; do
  rabbit_api -X PUT "$RABBIT_API/exchanges/%2F/${exchange//:/%3A}" -d '{"type":"fanout","durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
  rabbit_api -X POST "$RABBIT_API/bindings/%2F/e/${exchange//:/%3A}/q/$QUEUE" -d '{"routing_key":"","arguments":{}}' >/dev/null
done
log "queue $QUEUE bound to both exchanges; every accepted event is now stored durably"

# rabbitmqctl counts exactly, while the management API's numbers lag by up to 5 s.
queue_messages() { rabbitmqctl -q list_queues name messages 2>/dev/null | awk -v q="$1" '$1 == q { print $2 }'; }
purge_queue() { rabbit_api -X DELETE "$RABBIT_API/queues/%2F/$QUEUE/contents" >/dev/null; }

# One signed request of each kind before anything is measured: proves the signing matches, and
# leaves one real event of each kind in the queue for the broker ceiling to copy.
signed_post() { # port, body
  local sig
  sig=$(printf '%s' "$2" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
  curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
    -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$2" "http://127.0.0.1:$1/webhooks/whatsapp"
}
now=$(date +%s)
smoke_status='{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"972123456789","phone_number_id":"1122334455667"},"statuses":[{"id":"wamid.smoke.'$RUN'","status":"delivered","timestamp":"'$now'","recipient_id":"5531990000000","conversation":{"id":"7270432eae37498234f4444b35ffc5","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}]},"field":"messages"}]}]}'
smoke_text='{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"972123456789","phone_number_id":"1122334455667"},"contacts":[{"profile":{"name":"Test Name"},"wa_id":"5531990000000","user_id":"US.13491208655302741918","parent_user_id":"US.ENT.11815799212886844830"}],"messages":[{"from":"5531990000000","id":"wamid.smoke.'$RUN'","timestamp":"'$now'","text":{"body":"Body Text 1"},"type":"text"}]},"field":"messages"}]}]}'
for port in "$CEILING_PORT" "$SERVICE_PORT"; do
  for body in "$smoke_status" "$smoke_text"; do
    code=$(signed_post "$port" "$body")
    if [ "$code" != 200 ]; then
      log "smoke request to :$port answered $code"
      tail -n 30 "$RESULTS/$([ "$port" = "$SERVICE_PORT" ] && echo service || echo ceiling).log" >&2; exit 1
    fi
  done
done

rabbit_pid=$(rabbitmqctl -q status 2>/dev/null | awk '/OS PID/ { print $3 }')
redis_pid=$(redis-cli -h 127.0.0.1 info server | awk -F: '/^process_id/ { print $2+0 }')

cpu_ticks() { # pid: user+system CPU ticks so far (0 when unknown)
  if [ -r "/proc/$1/stat" ]; then sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; else echo 0; fi
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # busy, all cores
peak_rss_mib() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# Writing 5 to clear_refs restarts the high-water mark, so each scenario reports its own peak.
reset_peak_rss() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }

# wrk's CPU is the growth of this shell's reaped-children account (`times`, second line) around its
# run. `times` must run in this shell: a $(…) subshell has an account of its own, empty.
read_times() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$RESULTS/.times"; }

TICK=$(getconf CLK_TCK)
rows=()
cpu_rows=()
e2e_rows=()
failures=0
request_rows=()
total_non2xx=0
total_bad=0
declare -A max_rps p99_paced delivered ceiling_own ceiling_high own_inflight broker_paced
declare -A EVENTS=([statuses]=10 [text]=1)
declare -A TITLE=([statuses]="status batch (10 statuses)" [text]="single text")
declare -A SAMPLE=([statuses]=MessageStatusChanged [text]=InboundMessageReceived)
# The service's own queues: an event is delivered end to end once these hold nothing of it either.
OWN_QUEUES=(conecta-sessions)

cpu_row() { # label columns, pid, ticks before..., wall start, wrk seconds: appends one CPU table row
  local label=$1 pid=$2 t0=$3 m0=$4 r0=$5 q0=$6 wall0=$7 w=$8
  local dt
  # Over the whole window between the samples, so every process is measured over the same span as
  # the machine total.
  dt=$(awk -v a="$wall0" -v b="$EPOCHREALTIME" -v t="$TICK" 'BEGIN { print (b - a) * t }')
  cpu_rows+=("$(awk -v lb="$label" -v dt="$dt" -v tgt=$(( $(cpu_ticks "$pid") - t0 )) \
    -v wrk="$w" -v tick="$TICK" -v rab=$(( $(cpu_ticks "$rabbit_pid") - r0 )) -v red=$(( $(cpu_ticks "$redis_pid") - q0 )) \
    -v all=$(( $(machine_ticks) - m0 )) 'BEGIN {
      wt = wrk * tick
      other = all - tgt - wt - rab - red; if (other < 0) other = 0
      printf "| %s | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %.0f%% |", lb, 100 * tgt / dt, 100 * wt / dt, 100 * red / dt, 100 * rab / dt, 100 * other / dt }')")
}

run_wrk() { # scenario, target, label (warmup|max|half), seconds, rate (0 = unpaced); sets: rps p50 p99 nreq wrk_seconds
  local scenario=$1 target=$2 label=$3 seconds=$4 rate=$5
  local port=$CEILING_PORT pid=$ceiling_pid
  [ "$target" = service ] && { port=$SERVICE_PORT; pid=$service_pid; }
  local out="$RESULTS/wrk-$scenario-$target-$label.txt"
  local t0 m0 r0 q0 w0 w wall0=$EPOCHREALTIME
  t0=$(cpu_ticks "$pid"); m0=$(machine_ticks); r0=$(cpu_ticks "$rabbit_pid"); q0=$(cpu_ticks "$redis_pid")
  times >"$RESULTS/.times"; w0=$(read_times)
  in_background env BENCH_SECRET=$SECRET BENCH_RUN="$RUN.$scenario.$target.$label" BENCH_RATE="$rate" \
    timeout $((seconds + 20)) wrk -t$THREADS -c"$CONNECTIONS" -d"${seconds}s" --latency -s "bench/wrk/$scenario.lua" \
    "http://127.0.0.1:$port/webhooks/whatsapp" >"$out" 2>&1 || true
  times >"$RESULTS/.times"; w=$(awk -v a="$w0" -v b="$(read_times)" 'BEGIN { print b - a }')
  local result
  result=$(grep '^BENCH_RESULT' "$out") || { log "wrk failed, see $out"; cat "$out" >&2; exit 1; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
  rps=$(field rps); p50=$(field p50_ms); p99=$(field p99_ms); nreq=$(field requests); wrk_seconds=$(field seconds)
  local bad=$(( $(field non2xx) + $(field socket_errors) + $(field timeouts) ))
  request_rows+=("| ${TITLE[$scenario]} | $target | $label | $nreq | $(field non2xx) | $(field socket_errors) | $(field timeouts) |")
  total_non2xx=$(( total_non2xx + $(field non2xx) )); total_bad=$(( total_bad + bad ))
  if [ "$bad" -gt 0 ]; then
    log "$scenario $target $label: $bad failed requests (non-2xx, socket errors or timeouts), see $out"
    failures=$((failures + 1))
  fi
  [ "$label" != warmup ] && cpu_row "${TITLE[$scenario]} | $target | $label" "$pid" "$t0" "$m0" "$r0" "$q0" "$wall0" "$w"
  return 0
}

check_queue() { # scenario, events acknowledged since the last purge; sets held
  local expected=$2
  held=$(queue_messages "$QUEUE"); held=${held:-0}
  if [ "$held" -lt "$expected" ]; then
    log "$1: the queue holds $held messages, fewer than the $expected events acknowledged"
    failures=$((failures + 1))
  else
    log "$1: queue holds $held messages for $expected acknowledged events"
  fi
}

# Messages RabbitMQ put into queues so far, all queues of the virtual host together: the
# management API's per-queue publish counters (they lag up to 5 s behind; see broker_messages).
queue_publishes() {
  rabbit_api "$RABBIT_API/queues/%2F?columns=name,message_stats.publish" \
    | grep -o '"publish":[0-9]*' | awk -F: '{ n += $2 } END { print n + 0 }'
}
downstream_publishes() { # since the queue was declared
  rabbit_api "$RABBIT_API/queues/%2F/$QUEUE?columns=message_stats.publish" | grep -o '"publish":[0-9]*' | awk -F: '{ print $2 + 0 }'
}

# Waits until the service's own queues are empty (bounded), so "delivered" includes what they
# still had to do; sets drain (seconds waited) and backlog (messages left when it gave up).
drain_own_queues() {
  local t0=$EPOCHREALTIME i
  backlog=0 drain=0
  for i in $(seq 1 $((DRAIN_LIMIT * 5))); do
    backlog=0
    for q in "${OWN_QUEUES[@]}"; do n=$(queue_messages "$q"); backlog=$(( backlog + ${n:-0} )); done
    [ "$backlog" -eq 0 ] && break
    sleep 0.2
  done
  # Empty at the first look: nothing was left to do.
  [ "$i" -gt 1 ] && drain=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  return 0
}

broker_ceiling() { # scenario, in flight[, rate]; sets broker_rate broker_p50 broker_p99
  local out="$RESULTS/broker-$1-$2${3:+-paced}.txt" t0 m0 r0 q0 wall0=$EPOCHREALTIME
  t0=$(cpu_ticks $$); m0=$(machine_ticks); r0=$(cpu_ticks "$rabbit_pid"); q0=$(cpu_ticks "$redis_pid")
  in_background timeout $((BROKER_SECONDS + 30)) dotnet "$CEILING_DIR/Conecta.Channels.Bench.Ceiling.dll" broker \
    --uri amqp://guest:guest@127.0.0.1:5672/ --sample-queue "$QUEUE" --sample-type "${SAMPLE[$1]}" \
    --inflight "$2" --seconds "$BROKER_SECONDS" ${3:+--rate "$3"} >"$out" 2>&1 || { log "broker ceiling failed, see $out"; cat "$out" >&2; exit 1; }
  broker_rate=$(sed -n 's/^BROKER_RESULT msgs_per_s=\([^ ]*\).*/\1/p' "$out")
  broker_p50=$(sed -n 's/^BROKER_RESULT .* p50_ms=\([^ ]*\).*/\1/p' "$out")
  broker_p99=$(sed -n 's/^BROKER_RESULT .* p99_ms=\([^ ]*\).*/\1/p' "$out")
  [ -n "$3" ] && return 0
  broker_bytes=$(sed -n 's/^BROKER_RESULT .* bytes=\([^ ]*\).*/\1/p' "$out")
  # The publisher is a child of this shell: its CPU is not separable from the other children's
  # here, so the row shows RabbitMQ's share, which is what bounds it.
  cpu_rows+=("$(awk -v lb="${TITLE[$1]} | broker ceiling | $2 in flight" -v dt="$(awk -v a="$wall0" -v b="$EPOCHREALTIME" -v t="$TICK" 'BEGIN { print (b - a) * t }')" \
    -v rab=$(( $(cpu_ticks "$rabbit_pid") - r0 )) -v red=$(( $(cpu_ticks "$redis_pid") - q0 )) -v all=$(( $(machine_ticks) - m0 )) 'BEGIN {
      other = all - rab - red; if (other < 0) other = 0
      printf "| %s | (publisher in other) | - | %.0f%% | %.0f%% | %.0f%% |", lb, 100 * red / dt, 100 * rab / dt, 100 * other / dt }')")
  log "broker ceiling, ${SAMPLE[$1]} (${broker_bytes} B), $2 in flight: $broker_rate msgs/s"
}

# The build can take from 20 s (idle machine, nothing changed) to minutes (busy machine, fresh
# checkout); the runs get what is left of the deadline. When it is not enough for the planned
# durations, all of them shrink by the same factor, and the report says so.
planned=$(( 4 * (WARMUP + DURATION) + 4 * PACED_DURATION + 6 * BROKER_SECONDS ))
budget=$(( DEADLINE - SECONDS - 60 - 2 * DRAIN_LIMIT )) # queue checks, wrk start-ups, drains, cleanup
shortened=
if [ "$budget" -lt "$planned" ]; then
  scale() { awk -v v="$1" -v b="$budget" -v p="$planned" -v m="$2" 'BEGIN { v = int(v * b / p); print (v < m ? m : v) }'; }
  WARMUP=$(scale "$WARMUP" 3); DURATION=$(scale "$DURATION" 5); PACED_DURATION=$(scale "$PACED_DURATION" 5)
  BROKER_SECONDS=$(scale "$BROKER_SECONDS" 3)
  shortened="durations shortened to ${WARMUP}s/${DURATION}s/${PACED_DURATION}s/${BROKER_SECONDS}s to end within ${DEADLINE}s (build and start-up took ${SECONDS}s)"
  log "$shortened"
fi

# The smoke events must be in the queue before the broker ceiling copies them.
for _ in $(seq 1 50); do [ "$(queue_messages "$QUEUE")" -ge 2 ] 2>/dev/null && break; sleep 0.2; done
# The broker's ceiling, right before the service is measured: the same RabbitMQ, the real event of
# each scenario, at the service's own in-flight level (its connections times the events of one
# webhook, bounded by Inbound__MaxPublishesInFlight) and at a high one.
for scenario in statuses text; do
  own=$(( CONNECTIONS * EVENTS[$scenario] )); [ "$own" -gt "$MAX_PUBLISHES_IN_FLIGHT" ] && own=$MAX_PUBLISHES_IN_FLIGHT
  broker_ceiling "$scenario" "$own"; ceiling_own[$scenario]=$broker_rate; own_inflight[$scenario]=$own
  broker_ceiling "$scenario" "$BROKER_HIGH"; ceiling_high[$scenario]=$broker_rate
done
purge_queue

for scenario in statuses text; do
  events=${EVENTS[$scenario]}
  raw=() # target|load|req/s|p50|p99, made into table rows once the scenario's peak RSS is known
  reset_peak_rss "$ceiling_pid"; reset_peak_rss "$service_pid"
  for target in ceiling service; do
    log "$scenario → $target: ${WARMUP}s warm-up, ${DURATION}s measured, $CONNECTIONS connections"
    run_wrk "$scenario" "$target" warmup "$WARMUP" 0
    if [ "$target" = service ]; then
      drain_own_queues; check_queue "$scenario warm-up" $((events * nreq)); purge_queue
      # The counters are refreshed every 5 s: the warm-up's must all be in before the first reading.
      sleep 6; before=$(queue_publishes); before_downstream=$(downstream_publishes)
    fi
    run_wrk "$scenario" "$target" max "$DURATION" 0
    max_rps[$scenario.$target]=$rps
    raw+=("$target|max|$rps|$p50|$p99")
    if [ "$target" = service ]; then
      accepted=$((events * nreq)); measured=$wrk_seconds
      drain_own_queues; check_queue "$scenario" "$accepted"
      lost=$(( accepted > held ? accepted - held : 0 )); total_lost=$(( ${total_lost:-0} + lost ))
      # Delivered end to end: the events in the downstream queue, over the measured time plus the
      # time the service's own queues took to empty after the load stopped.
      delivered[$scenario]=$(awk -v h="$held" -v s="$measured" -v d="$drain" 'BEGIN { printf "%.0f", h / (s + d) }')
      # The per-queue counters lag: wait until the downstream queue's has counted what it holds.
      for _ in $(seq 1 60); do [ $(( $(downstream_publishes) - before_downstream )) -ge "$held" ] 2>/dev/null && break; sleep 0.25; done
      sleep 0.5
      per_event=$(awk -v a="$before" -v b="$(queue_publishes)" -v h="$held" 'BEGIN { printf "%.2f", (h > 0 ? (b - a) / h : 0) }')
      e2e_rows+=("| ${TITLE[$scenario]} | $accepted | $held | $lost | ${delivered[$scenario]} | $drain s | $backlog | $per_event |")
      purge_queue
    fi
  done
  # Half load: half of what the service itself sustained, offered to both at the same rate.
  rate=$(awk -v r="${max_rps[$scenario.service]}" 'BEGIN { printf "%.0f", r / 2 }')
  for target in ceiling service; do
    log "$scenario → $target: ${PACED_DURATION}s paced to $rate req/s"
    run_wrk "$scenario" "$target" half "$PACED_DURATION" "$rate"
    raw+=("$target|half ($rate/s offered)|$rps|$p50|$p99")
    if [ "$target" = service ]; then
      p99_paced[$scenario]=$p99; drain_own_queues; check_queue "$scenario half load" $((events * nreq))
      [ "$held" -lt $((events * nreq)) ] && total_lost=$(( ${total_lost:-0} + events * nreq - held ))
      # The broker alone at the same event rate and in-flight level: its own confirm latency is the floor of
      # the webhook's (a webhook of N events waits for the slowest of N confirms).
      broker_ceiling "$scenario" "${own_inflight[$scenario]}" "$(awk -v r="$rps" -v e="$events" 'BEGIN { printf "%.0f", r * e }')"
      broker_paced[$scenario]="$broker_p50|$broker_p99"
      purge_queue
    fi
  done
  rss_ceiling=$(peak_rss_mib "$ceiling_pid"); rss_service=$(peak_rss_mib "$service_pid")
  for entry in "${raw[@]}"; do
    IFS='|' read -r target load r a b <<<"$entry"
    rss=$rss_ceiling; [ "$target" = service ] && rss=$rss_service
    rows+=("$(awk -v sc="${TITLE[$scenario]}" -v tg="$target" -v ld="$load" -v r="$r" -v e="$events" -v a="$a" -v b="$b" \
      -v m="$rss" 'BEGIN { printf "| %s | %s | %s | %.0f | %.0f | %.2f ms | %.2f ms | %s MiB |", sc, tg, ld, r, r * e, a, b, m }')")
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
ratio_batches=$(ratio "${delivered[statuses]}" "${ceiling_high[statuses]}")
ratio_texts=$(ratio "${delivered[text]}" "${ceiling_own[text]}")
p99_half=$(awk -v a="${p99_paced[statuses]}" -v b="${p99_paced[text]}" 'BEGIN { printf "%.0f", (a > b ? a : b) }')
goal_line=$(printf 'inbound: batches_updates_per_s=%s texts_per_s=%s broker_ceiling_msgs_per_s=%.0f ratio_batches=%s ratio_texts=%s p99_half_ms=%s lost=%s non2xx=%s failed_checks=%s' \
  "${delivered[statuses]}" "${delivered[text]}" "${ceiling_high[statuses]}" "$ratio_batches" "$ratio_texts" "$p99_half" "${total_lost:-0}" "$total_non2xx" "$failures")

# A goal is "met" or "missed" only in a run that passed every check: a failed run's numbers are not results.
judge() { # condition (awk expression over nothing but literals)
  if [ "$failures" -gt 0 ]; then echo "not judged: this run failed"
  elif awk "BEGIN { exit !($1) }"; then echo met
  else echo missed; fi
}

report() {
  echo "## Webhook benchmark ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo
  echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)); wrk -t$THREADS -c$CONNECTIONS;" \
    "${WARMUP}s warm-up discarded, ${DURATION}s measured; half load paced with wrk's delay() for ${PACED_DURATION}s."
  echo "Every request is a unique, freshly signed body (texts from ${BENCH_CONTACTS:-1000} contacts in turn); the service runs" \
    "Release, Production, with RabbitMQ publisher confirms into a durable queue, Redis dedup and sessions, and PostgreSQL."
  echo "Peak RSS is VmHWM per scenario."
  [ -n "$busy_note" ] && echo && echo "Note: $busy_note."
  [ -n "$shortened" ] && echo && echo "Note: $shortened."
  [ "$failures" -gt 0 ] && echo && echo "**This run FAILED $failures check(s)** (failed requests or events missing downstream): its numbers are not results."
  echo
  echo "Physical limits, measured in this run: the HTTP ceiling (bare Kestrel + HMAC + JSON parse, rows \"ceiling\")" \
    "and the broker ceiling (RabbitMQ.Client publishing copies of the service's own event with confirms into a durable queue):"
  echo
  echo "| scenario | event size | broker ceiling, ${own_inflight[statuses]:-?}/${own_inflight[text]:-?} in flight (the service's level) | broker ceiling, $BROKER_HIGH in flight |"
  echo "|---|---:|---:|---:|"
  for scenario in statuses text; do
    printf '| %s | %s B | %.0f msgs/s | %.0f msgs/s |\n' "${TITLE[$scenario]}" "$(sed -n 's/^BROKER_RESULT .* bytes=\([^ ]*\).*/\1/p' "$RESULTS/broker-$scenario-$BROKER_HIGH.txt")" \
      "${ceiling_own[$scenario]}" "${ceiling_high[$scenario]}"
  done
  echo
  echo "| scenario | target | load | req/s | updates/s | p50 | p99 | peak RSS |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "End to end at full load (\"delivered\": events in the downstream queue per second of load, plus the time the" \
    "service's own queues took to empty; \"broker msgs/event\": messages RabbitMQ stored in any queue per delivered event):"
  echo
  echo "| scenario | events acknowledged | in the downstream queue | lost | delivered/s | drain | backlog left | broker msgs/event |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${e2e_rows[@]}"
  echo
  echo "Requests that did not get a 2xx (wrk: non-2xx answers, socket errors, timeouts), every run of this report; the service runs" \
    "with its default request limits (RequestLimits__*), which must never refuse this load:"
  echo
  echo "| scenario | target | load | requests | non-2xx | socket errors | timeouts |"
  echo "|---|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${request_rows[@]}"
  echo
  echo "- failed requests: $total_bad in all ($total_non2xx non-2xx); failed checks: $failures"
  echo "- status batches: ${delivered[statuses]} updates/s delivered = $ratio_batches of the broker ceiling at $BROKER_HIGH in flight" \
    "(goal ≥ 9,000/s or ≥ 0.85: $(judge "${delivered[statuses]:-0} >= 9000 || $ratio_batches >= 0.85")); texts: ${delivered[text]}/s delivered =" \
    "$ratio_texts of the broker ceiling at ${own_inflight[text]} in flight (goal ≥ 4,000/s or ≥ 0.50: $(judge "${delivered[text]:-0} >= 4000 || $ratio_texts >= 0.50"))"
  echo "- p99 at half load: statuses ${p99_paced[statuses]} ms, texts ${p99_paced[text]} ms (goal ≤ 50 ms: $(judge "$p99_half <= 50")); median at full load" \
    "(goal ≤ 250 ms) and peak RSS (goal ≤ 300 MiB) in the table"
  for scenario in statuses text; do
    IFS='|' read -r b50 b99 <<<"${broker_paced[$scenario]}"
    echo "- the broker alone at the half-load event rate of ${TITLE[$scenario]} (${own_inflight[$scenario]} in flight): each confirm p50 $b50 ms, p99 $b99 ms"
  done
  echo
  echo "CPU during the measured runs (100% = one core; \"other\" is everything else on the machine):"
  echo
  echo "| scenario | target | load | target CPU | wrk | Redis | RabbitMQ | other |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${cpu_rows[@]}"
  echo
  echo "$goal_line"
}

report | tee "$RESULTS/webhooks.md" >&2
log "written to $RESULTS/webhooks.md; wrk output and logs beside it"
if [ "$failures" -gt 0 ]; then log "$failures check(s) failed: see the messages above"; echo "$goal_line"; exit 1; fi
echo "$goal_line"
