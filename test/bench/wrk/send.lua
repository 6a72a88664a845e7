-- SendMessage of a 120-byte body, the same request every time. Args: <queueUrl>.
local common = dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "common.lua")
local req
function init(args)
  local body = '{"QueueUrl":' .. common.quote(args[1]) .. ',"MessageBody":"bench message ' .. string.rep("x", 106) .. '"}'
  req = wrk.format("POST", "/", common.headers("SendMessage"), body)
end
function request() return req end
