-- Shared by the per-action scripts of test/bench/wrk.bench.ts: the AWS JSON 1.0 headers of one
-- SQS action, with a fixed, plausible SigV4 Authorization header (no local server checks the
-- signature; LocalStack reads the region and access key from it). Loaded with dofile.
local M = {}

function M.headers(action)
  return {
    ["Host"] = wrk.host .. ":" .. wrk.port,
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "AmazonSQS." .. action,
    ["X-Amz-Date"] = "20250101T000000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request, "
      .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
      .. "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
  }
end

-- A JSON string literal (the queue URLs and handles we pass contain no characters to escape but `"` and `\`).
function M.quote(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

return M
