-- (b) One long conversation per connection. wrk runs one Lua state per thread, not per connection, so run.sh starts
-- this script with as many threads as connections (-t N -c N): each thread then owns exactly one connection, and the
-- session id it keeps below is that connection's. The first request has no session_id; response() takes the id the
-- server returned, and every later request continues that conversation (history window read + append).
local session = nil
local n = 0

function request()
  n = n + 1
  local body
  if session then
    body = string.format('{"message":"Tell me more, part %d: what did you learn there?","session_id":"%s"}', n, session)
  else
    body = '{"message":"Hi! What do you work on these days?"}'
  end
  return wrk.format("POST", "/chat", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if session == nil and status == 200 then
    session = body:match('"session_id"%s*:%s*"([^"]+)"')
  end
end
