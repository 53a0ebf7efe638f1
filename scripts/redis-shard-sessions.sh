#!/usr/bin/env bash
# Moves the sessions of a version before the Redis Cluster keys to their shards, once, on the single Redis they live on:
#   conecta:session:<account>|<contact>  ->  conecta:session:{s<h>}:<account>|<contact>   (RENAME: value and TTL kept)
#   conecta:session-windows (one set)    ->  conecta:session-schedule:{s<h>}               (each member with its score)
# <h> is the first hex digit of the SHA-1 of <account>|<contact>, as the service computes it (Hosting/RedisSlots.cs).
# Run it with every instance stopped (an old instance still writes the old keys), then start the new version; running it
# twice changes nothing. A session already under its new key (written by the new version) wins over the old one.
# Arguments go to redis-cli as they are: scripts/redis-shard-sessions.sh -h 10.0.0.5 -p 6379 -a "$PASSWORD" -n 0
set -euo pipefail

# One SCAN step per call, so Redis is never blocked for long; answers the next cursor and how many sessions moved.
read -r -d '' STEP <<'LUA' || true
local reply = redis.call('SCAN', ARGV[1], 'MATCH', 'conecta:session:*', 'COUNT', 1000)
local moved = 0
for _, key in ipairs(reply[2]) do
  if not string.find(key, '{', 1, true) then
    local name = string.sub(key, string.len('conecta:session:') + 1)
    local tag = '{s' .. string.sub(redis.sha1hex(name), 1, 1) .. '}'
    local target = 'conecta:session:' .. tag .. ':' .. name
    if redis.call('EXISTS', target) == 0 then
      redis.call('RENAME', key, target)
      local windowEnd = redis.call('ZSCORE', 'conecta:session-windows', name)
      if windowEnd then redis.call('ZADD', 'conecta:session-schedule:' .. tag, windowEnd, name) end
      moved = moved + 1
    else
      redis.call('DEL', key)
    end
    redis.call('ZREM', 'conecta:session-windows', name)
  end
end
if reply[1] == '0' then redis.call('DEL', 'conecta:session-windows') end
return {reply[1], moved}
LUA

cursor=0
total=0
while :; do
  reply=$(redis-cli "$@" EVAL "$STEP" 0 "$cursor")
  read -r cursor moved <<<"$(tr '\n' ' ' <<<"$reply")"
  [[ "$cursor" =~ ^[0-9]+$ && "$moved" =~ ^[0-9]+$ ]] || { echo "redis-shard-sessions: Redis answered: $reply" >&2; exit 1; }
  total=$((total + moved))
  [ "$cursor" = 0 ] && break
done
echo "redis-shard-sessions: $total sessions moved to their shards"
