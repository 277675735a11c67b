#!/usr/bin/env python3
"""The language server's time from a change to its diagnostics (see docs/performance.md).

    python3 bench/lsp_latency.py DOCKET WORKSPACE [--runs 10]

Starts `DOCKET lsp`, opens the first internal meeting of WORKSPACE and waits for its
first diagnostics (the first compile), then RUNS times sends a change of that buffer (a
line added to the body, or taken away again) and times how long the diagnostics of the
changed buffer take to arrive. Prints one JSON object: every run's milliseconds, the
median and the first compile's time. Python's standard library only.
"""

import json
import os
import subprocess
import sys
import time


def send(proc, message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def receive(proc):
    length = 0
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the language server stopped")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(proc.stdout.read(length))


def wait_diagnostics(proc, uri):
    while True:
        m = receive(proc)
        if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
            return m


def main():
    args = sys.argv[1:]
    runs = 10
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    docket, ws = args[0], os.path.abspath(args[1])
    meetings = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(os.path.join(ws, "internal"))
        for f in fs
        if f.endswith(".md")
    )
    path = meetings[0]
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    proc = subprocess.Popen([docket, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"processId": None, "rootUri": "file://" + ws, "capabilities": {}}})
    while receive(proc).get("id") != 1:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = time.perf_counter()
    send(proc, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    wait_diagnostics(proc, uri)
    first = time.perf_counter() - start
    times = []
    for k in range(runs):
        changed = text + "\nA line added while typing.\n" if k % 2 == 0 else text
        start = time.perf_counter()
        send(proc, {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": k + 2},
            "contentChanges": [{"text": changed}]}})
        wait_diagnostics(proc, uri)
        times.append((time.perf_counter() - start) * 1000)
    send(proc, {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    while receive(proc).get("id") != 2:
        pass
    send(proc, {"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=30)
    median = sorted(times)[len(times) // 2]
    print(json.dumps({"runs_ms": [round(t, 1) for t in times], "median_ms": round(median, 1),
                      "first_compile_ms": round(first * 1000, 1)}))


if __name__ == "__main__":
    main()
