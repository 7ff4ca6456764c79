#!/usr/bin/env python3
"""Cold start of the published Lambda sample: process start -> first invocation answered, through a loopback fake
Runtime API (the same protocol Lambda speaks). Usage: cold-start.py PUBLISH_DIR [RUNS] [-- COMMAND...]
By default runs PUBLISH_DIR/bootstrap; prints each run and the median in milliseconds."""
import http.server, json, os, statistics, subprocess, sys, tempfile, threading, time

EVENT = json.dumps({
    "version": "2.0", "routeKey": "$default", "rawPath": "/health", "rawQueryString": "",
    "headers": {"host": "abc.lambda-url.us-east-1.on.aws", "x-forwarded-proto": "https"},
    "requestContext": {"domainName": "abc.lambda-url.us-east-1.on.aws", "stage": "$default",
                       "http": {"method": "GET", "path": "/health", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1"}},
    "isBase64Encoded": False}).encode()


def run_once(command, cwd, env):
    answered = threading.Event()
    served = {"next": 0, "status": None}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            served["next"] += 1
            if served["next"] > 1:
                answered.wait(30)
                time.sleep(30)
                return
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", "cold-1")
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 60000))
            self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(EVENT)))
            self.end_headers()
            self.wfile.write(EVENT)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            served["status"] = (self.path, body[:120])
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            answered.set()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(env, AWS_LAMBDA_RUNTIME_API="127.0.0.1:%d" % server.server_address[1])
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = answered.wait(60)
    elapsed = (time.perf_counter() - start) * 1000
    process.kill()
    process.wait()
    server.shutdown()
    if not ok or not served["status"][0].endswith("/response"):
        raise SystemExit("no answer: %r" % (served["status"],))
    return elapsed


def main():
    args = sys.argv[1:]
    command = None
    if "--" in args:
        command = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    publish = os.path.abspath(args[0])
    runs = int(args[1]) if len(args) > 1 else 5
    command = command or [os.path.join(publish, "bootstrap")]
    env = dict(os.environ, OPENAI_API_KEY="sk-test", DOTNET_ENVIRONMENT="Production",
               MEMORY_DIR=tempfile.mkdtemp(prefix="dt-cold-"))
    times = [run_once(command, publish, env) for _ in range(runs)]
    for i, t in enumerate(times, 1):
        print("run %d: %.0f ms" % (i, t))
    print("cold start (process start -> first answer): median %.0f ms, min %.0f ms over %d runs"
          % (statistics.median(times), min(times), runs))


if __name__ == "__main__":
    main()
