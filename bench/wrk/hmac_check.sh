#!/usr/bin/env bash
# Cross-checks the pure-Lua HMAC-SHA256 in hmac.lua against OpenSSL on lengths around the
# SHA-256 padding boundaries (55/56/63/64 bytes), a multi-block body and a key longer than a
# block. Needs the `luajit` binary (apt-get install luajit); wrk embeds the same LuaJIT 2.1.
# The benchmark itself also refuses results with any non-2xx answer, which catches a bad signature.
set -euo pipefail
cd "$(dirname "$0")"
command -v luajit >/dev/null || { echo "hmac_check: needs luajit (apt-get install -y luajit)" >&2; exit 2; }

failures=0
check() { # key, message
  local expected actual
  expected=$(printf '%s' "$2" | openssl dgst -sha256 -hmac "$1" -r | cut -d' ' -f1)
  # Passed through the environment: `luajit -e` would take extra arguments for a script name.
  actual=$(KEY="$1" MSG="$2" luajit -e 'package.path="./?.lua;"..package.path
    io.write(require("hmac").hmac_sha256_hex(os.getenv("KEY"))(os.getenv("MSG")))')
  if [ "$expected" = "$actual" ]; then echo "ok   key=${#1}B body=${#2}B $actual"
  else echo "FAIL key=${#1}B body=${#2}B lua=$actual openssl=$expected"; failures=$((failures + 1)); fi
}

check bench-app-secret ""
for n in 1 55 56 63 64 65 119 120 1000 3000; do
  check bench-app-secret "$(head -c "$n" /dev/zero | tr '\0' 'x')"
done
check "$(head -c 100 /dev/zero | tr '\0' 'k')" '{"object":"whatsapp_business_account","entry":[]}'
check bench-app-secret '{"text":{"body":"Olá, ação às 10h — 👍"}}'
[ "$failures" -eq 0 ] && echo "hmac_check: all match OpenSSL" || { echo "hmac_check: $failures mismatches"; exit 1; }
