-- SendMessageBatch of 10 entries of 120-byte bodies, the same request every time. Args: <queueUrl>.
local common = dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "common.lua")
local req
function init(args)
  local entries = {}
  for i = 1, 10 do
    entries[i] = '{"Id":"m' .. i .. '","MessageBody":"bench message ' .. string.rep("x", 106) .. '"}'
  end
  local body = '{"QueueUrl":' .. common.quote(args[1]) .. ',"Entries":[' .. table.concat(entries, ",") .. ']}'
  req = wrk.format("POST", "/", common.headers("SendMessageBatch"), body)
end
function request() return req end
