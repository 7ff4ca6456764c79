-- (a) New visitors: every request is POST /chat without session_id, so each one starts a new conversation
-- (one store append, no history read).
wrk.method = "POST"
wrk.path = "/chat"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"message":"Hi! What do you work on these days?"}'
