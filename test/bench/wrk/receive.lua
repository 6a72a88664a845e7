-- ReceiveMessage with WaitTimeSeconds 0 on a pre-filled queue, so that receives return messages.
-- Args: <queueUrl> <MaxNumberOfMessages> [<VisibilityTimeout>]: without a VisibilityTimeout the
-- queue's applies (the harness sets 12 hours and fills the queue beyond what the cell takes); with
-- 0 the messages stay visible and a small queue never runs dry.
local common = dofile((debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "common.lua")
local req
function init(args)
  local body = '{"QueueUrl":' .. common.quote(args[1]) .. ',"MaxNumberOfMessages":' .. (args[2] or "1") .. ',"WaitTimeSeconds":0'
  if args[3] then body = body .. ',"VisibilityTimeout":' .. args[3] end
  req = wrk.format("POST", "/", common.headers("ReceiveMessage"), body .. '}')
end
function request() return req end
