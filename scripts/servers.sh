#!/usr/bin/env bash
# Installs (Debian packages) and starts RabbitMQ, Redis (one server, and a cluster of three masters) and PostgreSQL on
# loopback for the tests and benchmarks, and installs Chromium for the console's browser test. Safe to run twice: a
# server that already answers is left alone.
set -euo pipefail

PG_USER=conecta
PG_PASSWORD=conecta
PG_DB=conecta
PG_SERVICE_USER=conecta_app
PG_SERVICE_PASSWORD=conecta_app

need_install=()
command -v rabbitmq-server >/dev/null || need_install+=(rabbitmq-server)
command -v redis-server >/dev/null || need_install+=(redis-server)
[ -d /usr/lib/postgresql ] || need_install+=(postgresql)
command -v wrk >/dev/null || need_install+=(wrk)
# The console's browser test: Debian's Chromium and its driver (about a minute to install).
{ command -v chromium && command -v chromedriver; } >/dev/null || need_install+=(chromium chromium-driver)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "servers: installing ${need_install[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_install[@]}" >/dev/null
fi

wait_for() { # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "servers: $name did not start within ${seconds}s" >&2; return 1
}

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "servers: starting Redis"
  redis-server --daemonize yes --port 6379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null
  wait_for Redis 10 redis-cli -h 127.0.0.1 -p 6379 ping
fi

# A Redis Cluster of three masters beside it (the cluster tests of the Redis stores): its own directory, no persistence.
# One that answers cluster_state:ok with all three nodes is left alone; a half-made one (a node down, slots unassigned,
# after a killed run or a reboot) is reset and created again: it holds nothing a test needs to keep.
CLUSTER_PORTS=(7000 7001 7002)
CLUSTER_DIR=/tmp/conecta-redis-cluster
cluster_ok() {
  for port in "${CLUSTER_PORTS[@]}"; do
    local info
    info=$(redis-cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null) || return 1
    grep -q '^cluster_state:ok' <<<"$info" && grep -q '^cluster_known_nodes:3' <<<"$info" \
      && grep -q '^cluster_slots_assigned:16384' <<<"$info" || return 1
  done
}
if ! cluster_ok; then
  echo "servers: starting the Redis Cluster on ${CLUSTER_PORTS[*]}"
  for port in "${CLUSTER_PORTS[@]}"; do
    if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
      redis-cli -h 127.0.0.1 -p "$port" flushall >/dev/null
      redis-cli -h 127.0.0.1 -p "$port" cluster reset hard >/dev/null
    else
      mkdir -p "$CLUSTER_DIR/$port"
      rm -f "$CLUSTER_DIR/$port/nodes.conf"
      redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --dir "$CLUSTER_DIR/$port" --cluster-enabled yes \
        --cluster-config-file nodes.conf --cluster-node-timeout 5000 --save '' --appendonly no >/dev/null
      wait_for "Redis Cluster node $port" 10 redis-cli -h 127.0.0.1 -p "$port" ping
    fi
  done
  redis-cli --cluster create "${CLUSTER_PORTS[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
  wait_for "Redis Cluster" 30 cluster_ok
fi

# The node, not the app: a killed outage test leaves the node up with its app stopped, where `status` fails.
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  echo "servers: starting RabbitMQ"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_for RabbitMQ 60 rabbitmq-diagnostics -q ping
fi
# A previous run may have left the app stopped (the outage test stops it); start it either way.
rabbitmqctl -q start_app >/dev/null 2>&1 || true
wait_for RabbitMQ 60 rabbitmq-diagnostics -q check_port_connectivity
# The test runs' virtual hosts (it-…) that a killed run left: each one is started again with the broker's app, and a few
# hundred made the outage test's restart outlast its minute. Deleted in one call (a rabbitmqctl per host takes a second).
rabbitmqctl -q eval '[rabbit_vhost:delete(V, <<"servers.sh">>) || V <- rabbit_vhost:list_names(), binary:longest_common_prefix([V, <<"it-">>]) =:= 3].' >/dev/null

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  echo "servers: starting PostgreSQL"
  service postgresql start >/dev/null
  wait_for PostgreSQL 30 pg_isready -h 127.0.0.1 -p 5432
fi
# Two roles, neither a superuser: conecta owns the databases (creates them: CREATEDB; runs the migrations, the benches'
# psql), conecta_app is what the service connects with (reads and writes the tables it is granted, nothing else).
# A machine set up before this keeps its conecta as it is (a SUPERUSER then): other runs may be using it right now.
pg_role_exists() { su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$1'\"" | grep -q 1; }
pg_role_exists "$PG_USER" \
  || su postgres -c "psql -qc \"CREATE ROLE $PG_USER LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD '$PG_PASSWORD'\""
pg_role_exists "$PG_SERVICE_USER" \
  || su postgres -c "psql -qc \"CREATE ROLE $PG_SERVICE_USER LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$PG_SERVICE_PASSWORD'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE DATABASE $PG_DB OWNER $PG_USER\""
echo "servers: RabbitMQ, Redis (and its cluster on ${CLUSTER_PORTS[*]}) and PostgreSQL answer on 127.0.0.1"
