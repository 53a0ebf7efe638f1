-- wrk script: a single inbound text message per webhook, with its own wamid, from one of
-- BENCH_CONTACTS contacts in turn (default 1000): a contact centre's inbound is many
-- conversations at once, and each text goes through its contact's session (the 24-hour window).
-- Shape: fixtures/whatsapp/messages/pywa-message-text.json, compact as Meta sends it.
--   BENCH_SECRET=... BENCH_RUN=... wrk -t1 -c32 -d20s -s bench/wrk/text.lua http://127.0.0.1:PORT/webhooks/whatsapp
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path

local contacts = tonumber(os.getenv("BENCH_CONTACTS") or "1000") or 1000

local head = '{"object":"whatsapp_business_account","entry":[{"id":"1234567890987654321","changes":[{"value":'
  .. '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"972123456789",'
  .. '"phone_number_id":"1122334455667"},"contacts":[{"profile":{"name":"Test Name"},"wa_id":"'
local afterContact = '","user_id":"US.13491208655302741918","parent_user_id":"US.ENT.11815799212886844830"}],'
  .. '"messages":[{"from":"'

require("webhook").run({
  name = "single text",
  events = 1,
  build = function(wamid, counter, now)
    -- Brazilian mobiles, DDD 31: 55 31 9XXXX-XXXX.
    local contact = string.format("553199%07d", counter % contacts)
    return head .. contact .. afterContact .. contact .. '","id":"' .. wamid .. '","timestamp":"' .. now
      .. '","text":{"body":"Body Text ' .. counter .. '"},"type":"text"}]},"field":"messages"}]}]}'
  end,
})
