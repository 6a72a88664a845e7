-- DeleteMessage with valid receipt handles: a pool received beforehand (one handle a line in the
-- file given), each used once, in order. Past the end of the pool it starts over: those deletes
-- name messages already deleted (the harness sizes the pool so that this does not happen and says
-- so when it did). Args: <queueUrl> <handlesFile>.
--
-- Every request is formatted in init: request() allocates nothing, so Lua's garbage collector
-- never runs during the measurement. (Building each request in request() made wrk itself pause
-- to collect, traversing the pool: p99 grew with the pool, so with the server's send rate, and a
-- faster server was measured with a larger p99.)
local common = dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "common.lua")
local requests = {}
local n, i = 0, 0
function init(args)
  local headers = common.headers("DeleteMessage")
  local prefix = '{"QueueUrl":' .. common.quote(args[1]) .. ',"ReceiptHandle":'
  for line in io.lines(args[2]) do
    n = n + 1
    requests[n] = wrk.format("POST", "/", headers, prefix .. common.quote(line) .. '}')
  end
  collectgarbage()
end
function request()
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end
