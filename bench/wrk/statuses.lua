-- wrk script: a status batch, 10 "delivered" statuses per webhook, each with its own wamid.
-- Shape: fixtures/whatsapp/statuses/pywa-status-delivered.json, compact as Meta sends it.
--   BENCH_SECRET=... BENCH_RUN=... wrk -t1 -c32 -d20s -s bench/wrk/statuses.lua http://127.0.0.1:PORT/webhooks/whatsapp
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path

local STATUSES = 10

local head = '{"object":"whatsapp_business_account","entry":[{"id":"5467539754836534","changes":[{"value":'
  .. '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"972123456789",'
  .. '"phone_number_id":"1122334455667"},"contacts":[{"profile":{"name":"Test Name"},"wa_id":"972987654321",'
  .. '"user_id":"US.13491208655302741918","parent_user_id":"US.ENT.11815799212886844830"}],"statuses":['
local statusOpen = '{"id":"'
local statusMiddle = '","status":"delivered","timestamp":"'
local statusClose = '","recipient_id":"972987654321","conversation":{"id":"7270432eae37498234f4444b35ffc5",'
  .. '"origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"service"}}'
local tail = ']},"field":"messages"}]}]}'

local parts = {}
require("webhook").run({
  name = "status batch",
  events = STATUSES,
  build = function(wamid, _, now)
    local n = 0
    local function add(s) n = n + 1; parts[n] = s end
    add(head)
    for i = 1, STATUSES do
      if i > 1 then add(",") end
      add(statusOpen); add(wamid); add("."); add(tostring(i)); add(statusMiddle); add(tostring(now)); add(statusClose)
    end
    add(tail)
    return table.concat(parts, "", 1, n)
  end,
})
