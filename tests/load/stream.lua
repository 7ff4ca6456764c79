-- (c) Streaming: POST /chat/stream for new visitors; each response is the whole SSE stream (session, deltas, done).
wrk.method = "POST"
wrk.path = "/chat/stream"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "text/event-stream"
wrk.body = '{"message":"Hi! What do you work on these days?"}'
