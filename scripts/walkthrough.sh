#!/usr/bin/env bash
# The active-contact story of the README's quick start, step by step, against a running service in Development with the
# sandbox on (`make run`). Each step checks the event it must produce on /dev/events and the state the read side returns;
# the script exits non-zero at the first step where either is missing.
#
#   scripts/walkthrough.sh [BASE_URL]          BASE_URL defaults to http://127.0.0.1:8080
#
# Needs bash, curl, grep and sed. TOKEN (an admin token) defaults to the one GET /dev/token hands out in Development.
# CONTACT (the simulated contact's number) and TEMPLATE (the template's name) default to fresh values, so the script can
# run again and again against one service.
set -euo pipefail

BASE=${1:-http://127.0.0.1:8080}
BASE=${BASE%/}
ACCOUNT=${ACCOUNT:-1122334455667}   # the sandbox's business number (its phone_number_id)
CONTACT=${CONTACT:-5531988$(printf '%03d%03d' $((RANDOM % 1000)) $((RANDOM % 1000)))}
TEMPLATE=${TEMPLATE:-retomar_contato_$(date +%s)}
WAIT_SECONDS=${WAIT_SECONDS:-20}

events=$(mktemp)
body=$(mktemp)
stream_pid=
cleanup() {
  [ -n "$stream_pid" ] && kill "$stream_pid" 2>/dev/null || true
  rm -f "$events" "$body"
}
trap cleanup EXIT

step=0
begin() { step=$((step + 1)); echo "step $step: $*"; }
ok() { echo "  ok: $*"; }
fail() {
  echo "FAILED at step $step: $*" >&2
  echo "--- last response: $(cat "$body")" >&2
  echo "--- last events on /dev/events:" >&2
  grep '^data: ' "$events" | tail -5 >&2 || true
  exit 1
}

# call METHOD PATH [JSON]: the response body in $body, the HTTP status in $status.
call() {
  local data=()
  [ $# -ge 3 ] && data=(-H 'Content-Type: application/json' --data "$3")
  status=$(curl -s -o "$body" -w '%{http_code}' -X "$1" "$BASE$2" -H "Authorization: Bearer $TOKEN" "${data[@]}") \
    || fail "$1 $2: the service did not answer"
}

expect_status() { [ "$status" = "$1" ] || fail "expected HTTP $1, got $status"; }

# field NAME: a string field of the last response (the first one of that name); empty when there is none.
field() { { grep -o "\"$1\":\"[^\"]*\"" "$body" || true; } | head -1 | cut -d'"' -f4; }

# expect_body TEXT...: every TEXT (a JSON fragment such as "state":"Open") is in the last response.
expect_body() {
  local fragment
  for fragment in "$@"; do grep -qF -- "$fragment" "$body" || fail "expected $fragment in the response"; done
}

# expect_event TYPE TEXT...: an event of that messageType whose JSON holds every TEXT arrives on /dev/events.
expect_event() {
  local type=$1; shift
  local deadline=$((SECONDS + WAIT_SECONDS)) line fragment found
  while [ $SECONDS -lt $deadline ]; do
    while IFS= read -r line; do
      found=yes
      for fragment in "$@"; do case "$line" in *"$fragment"*) ;; *) found=no; break ;; esac; done
      if [ $found = yes ]; then ok "$type $*"; return 0; fi
    done < <(grep -F "\"messageType\":\"$type\"" "$events" || true)
    sleep 0.2
  done
  fail "no $type event with $* on /dev/events within ${WAIT_SECONDS}s"
}

# expect_read PATH TEXT...: GET PATH (the read side) until every TEXT is in it. An event goes out before the change it
# tells of is stored, so the read side may be a moment behind /dev/events.
expect_read() {
  local path=$1; shift
  local deadline=$((SECONDS + WAIT_SECONDS)) fragment missing
  while :; do
    call GET "$path"
    missing=
    if [ "$status" = 200 ]; then
      for fragment in "$@"; do grep -qF -- "$fragment" "$body" || { missing=$fragment; break; }; done
    else
      missing="HTTP 200"
    fi
    [ -z "$missing" ] && { ok "GET $path: $*"; return 0; }
    [ $SECONDS -ge $deadline ] && fail "GET $path: expected $missing within ${WAIT_SECONDS}s (HTTP $status)"
    sleep 0.2
  done
}

expect_conversation() { expect_read "/api/conversations/$ACCOUNT/$CONTACT" "$@"; }

curl -sf "$BASE/health/live" > /dev/null || { echo "No service answers at $BASE (start it with: make run)" >&2; exit 1; }
TOKEN=${TOKEN:-$(curl -sf "$BASE/dev/token")} || { echo "No TOKEN given and $BASE/dev/token answered nothing (Development only)" >&2; exit 1; }
curl -sN "$BASE/dev/events" -H "Authorization: Bearer $TOKEN" > "$events" &
stream_pid=$!
for _ in $(seq 50); do grep -q '"messageType":"connected"' "$events" && break; sleep 0.1; done
grep -q '"messageType":"connected"' "$events" || { echo "GET $BASE/dev/events did not connect" >&2; exit 1; }
echo "walkthrough at $BASE: business number $ACCOUNT, contact $CONTACT, template $TEMPLATE"

begin "the sandbox's business number is registered"
call GET "/api/channel-accounts?channel=whatsapp"
expect_status 200
# One account per line, then the "id" of the one whose providerAccountId is the sandbox's number.
ACCOUNT_ID=$(sed 's/},{/}\n{/g' "$body" | { grep -F "\"providerAccountId\":\"$ACCOUNT\"" || true; } | { grep -o '"id":"[^"]*"' || true; } | head -1 | cut -d'"' -f4)
[ -n "$ACCOUNT_ID" ] || fail "no WhatsApp account with providerAccountId $ACCOUNT"
ok "account $ACCOUNT_ID"

begin "create the template: the sandbox's Meta reviews it (PENDING, then APPROVED)"
call POST /api/templates '{"accountId": "'"$ACCOUNT_ID"'", "name": "'"$TEMPLATE"'", "language": "pt_BR", "category": "UTILITY",
  "components": [{"type": "BODY", "text": "Ola {{1}}, podemos retomar seu atendimento?", "example": {"bodyText": [["Maria"]]}}]}'
expect_status 201
expect_body '"status":"PENDING"'
TEMPLATE_ID=$(field id)
expect_event TemplateStatusChanged "\"templateName\":\"$TEMPLATE\"" '"event":"APPROVED"'
expect_read "/api/templates/$TEMPLATE_ID" '"status":"APPROVED"'

begin "start the active contact: the template goes out, the agent's typing is locked"
call POST "/api/conversations/$ACCOUNT/$CONTACT/start" '{"agentId": "ana", "team": "vendas", "templateName": "'"$TEMPLATE"'", "language": "pt_BR",
  "components": [{"type": "body", "parameters": [{"type": "text", "text": "Maria"}]}]}'
expect_status 202
START=$(field commandId)
expect_event MessageAccepted "\"commandId\":\"$START\""
expect_event ActiveContactStarted "\"commandId\":\"$START\"" '"agentId":"ana"' '"team":"vendas"'
expect_conversation '"state":"AwaitingReply"' '"typingLocked":true' '"agentId":"ana"' '"freeText":"TypingLocked"'

begin "free text before the contact replies is refused TypingLocked"
call POST /api/messages '{"type": "text", "accountId": "'"$ACCOUNT"'", "to": "'"$CONTACT"'", "text": "Oi, tudo bem?"}'
expect_status 202
EARLY=$(field commandId)
expect_event MessageRejected "\"commandId\":\"$EARLY\"" '"reason":"TypingLocked"'
expect_read "/api/commands/$EARLY" '"outcome":"rejected"' '"reason":"TypingLocked"'

begin "the simulated contact replies (the template's button), a signed webhook through the real path"
call POST "/sandbox/contacts/$CONTACT/messages" '{"type": "button", "text": "Sim, pode falar"}'
expect_status 200
REPLY=$(field messageId)
expect_event InboundMessageReceived "\"providerMessageId\":\"$REPLY\"" '"type":"button"'
expect_event TypingUnlocked "\"providerMessageId\":\"$REPLY\"" '"agentId":"ana"'
expect_event SessionQueued "\"firstMessageId\":\"$REPLY\"" '"team":"vendas"'
expect_conversation '"state":"Open"' '"typingLocked":false' '"queued":true' '"team":"vendas"' '"freeText":null'

begin "free text is accepted now, and Meta reports it sent, delivered and read"
call POST /api/messages '{"type": "text", "accountId": "'"$ACCOUNT"'", "to": "'"$CONTACT"'", "text": "Oi Maria, sou a Ana. Como posso ajudar?"}'
expect_status 202
TEXT=$(field commandId)
expect_event MessageAccepted "\"commandId\":\"$TEXT\""
expect_event MessageStatusChanged "\"commandId\":\"$TEXT\"" '"status":"read"'
expect_read "/api/commands/$TEXT" '"outcome":"accepted"' '"status":"read"'

begin "another agent joins: the contact is told, in pt-BR"
call POST "/api/conversations/$ACCOUNT/$CONTACT/notices" '{"agentName": "Bruno", "joined": true}'
expect_status 202
NOTICE=$(field commandId)
expect_event NotifyParticipantChange "\"commandId\":\"$NOTICE\""
expect_event MessageAccepted "\"commandId\":\"$NOTICE\""
expect_read "/api/commands/$NOTICE" '"outcome":"accepted"'

begin "end the session"
call POST "/api/conversations/$ACCOUNT/$CONTACT/end"
expect_status 202
END=$(field commandId)
expect_event SessionClosed "\"commandId\":\"$END\""
expect_conversation '"state":"Closed"' "\"closedByCommandId\":\"$END\""

echo "walkthrough: all $step steps passed"
