# Sourced by the bench scripts (webhooks.sh, outbound.sh, faults.sh, scale.sh) after they `cd` to the repository and
# define `log`. What they share: the PostgreSQL admin client, the deadline that bounds a whole run, and
# running a long step so a signal can interrupt it, stopping a process by its pid file. Each script keeps its own
# cleanup: what they start differs.

export PGPASSWORD=conecta PGOPTIONS='--client-min-messages=warning'
psql_admin() { psql -h 127.0.0.1 -U conecta -d conecta -qAt "$@"; }
# The service as in production (scripts/servers.sh, docs/security.md): it connects as the least-privileged role and the
# owner (conecta) runs the migrations, which grant that role the tables. Append ";Database=…" to each.
PG_SERVICE="Host=127.0.0.1;Port=5432;Username=conecta_app;Password=conecta_app"
PG_OWNER="Host=127.0.0.1;Port=5432;Username=conecta;Password=conecta"

watchdog=
current=

# A hung step must not hold the machine: the whole script ends by $DEADLINE seconds, cleanup included. Long
# steps run in the background and are waited for, because bash runs a trap only between foreground
# commands, and `wait` is what a signal can interrupt.
start_deadline() {
  ( trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep "$DEADLINE" & sleeper=$!
    wait "$sleeper" && { log "over ${DEADLINE}s, giving up"; kill -TERM $$; } ) &
  watchdog=$!
}
in_background() { "$@" & current=$!; local rc=0; wait "$current" || rc=$?; current=; return "$rc"; }

# What a script started is stopped by the pid it wrote (never by name: another run may be beside it).
stop_pid_file() { # file, seconds to wait before SIGKILL; by pid, never by name
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $(( $2 * 5 ))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
