-- DeleteMessage with valid receipt handles: a pool received beforehand (one handle a line in the
-- file given), each used once, in order. Past the end of the pool it starts over: those deletes
-- name messages already deleted (the harness sizes the pool so that this does not happen and says
-- so when it did). Args: <queueUrl> <handlesFile>.
local common = dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "common.lua")
local headers, prefix
local handles = {}
local n, i = 0, 0
function init(args)
  headers = common.headers("DeleteMessage")
  prefix = '{"QueueUrl":' .. common.quote(args[1]) .. ',"ReceiptHandle":'
  for line in io.lines(args[2]) do
    n = n + 1
    handles[n] = line
  end
end
function request()
  i = i + 1
  if i > n then i = 1 end
  return wrk.format("POST", "/", headers, prefix .. common.quote(handles[i]) .. '}')
end
