#!/usr/bin/env python3
"""Graceful shutdown: requests in flight when the server gets SIGTERM are answered in full, and it then exits 0.

    oracle-tests/shutdown_check.py --binary .build/debug/freshground --database sqlite:PATH [--junit FILE]

Fills the (new) database with `freshground demo`, starts the server, sends 24 requests for pages at once from as
many threads, and sends SIGTERM once all are sent and the first answer begins to arrive, while the others are
still being served. Every request must get a whole 200 answer; the server must exit with status 0 within 30 seconds."""
import argparse, http.client, os, signal, socket, subprocess, sys, threading, time
from xml.sax.saxutils import quoteattr

PAGES = ["/journal", "/groups", "/events", "/library", "/", "/speakers"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--junit")
    args = parser.parse_args()
    subprocess.run([args.binary, "demo", "--database", args.database], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--database", args.database],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        connections = []
        for index in range(24):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.connect()
            connections.append((c, PAGES[index % len(PAGES)]))
        results = [None] * len(connections)
        started = threading.Event()
        # A request is in flight once it is sent: SIGTERM goes only after every thread has sent its request, so a
        # thread the scheduler started late does not count as a request the server dropped.
        sent = threading.Barrier(len(connections) + 1)

        def fetch(i, c, path):
            try:
                c.request("GET", path)
                sent.wait(30)
                response = c.getresponse()
                started.set()
                body = response.read()
                results[i] = (response.status, len(body))
            except Exception as error:  # noqa: BLE001 - any failure is a finding
                results[i] = ("error", repr(error))

        threads = [threading.Thread(target=fetch, args=(i, c, p)) for i, (c, p) in enumerate(connections)]
        for t in threads:
            t.start()
        sent.wait(30)
        started.wait(30)
        server.send_signal(signal.SIGTERM)
        for t in threads:
            t.join(40)
        bad = [(connections[i][1], r) for i, r in enumerate(results) if not r or r[0] != 200 or r[1] == 0]
        if bad:
            problems.append(f"{len(bad)} of {len(results)} requests in flight were not answered whole: {bad[:3]}")
        try:
            status = server.wait(30)
            if status != 0:
                problems.append(f"the server exited with status {status}")
        except subprocess.TimeoutExpired:
            problems.append("the server did not exit within 30 s of SIGTERM")
        print(f"{sum(1 for r in results if r and r[0] == 200)} of {len(results)} requests in flight answered; "
              f"server exit status {server.poll()}")
    finally:
        if server.poll() is None:
            server.kill()
    for p in problems:
        print("FAIL", p)
    if args.junit:
        with open(args.junit, "w", encoding="utf-8") as out:
            failure = f"<failure message={quoteattr('; '.join(problems))}/>" if problems else ""
            out.write(f'<testsuite name="shutdown" tests="1"><testcase classname="trust" '
                      f'name="graceful shutdown answers requests in flight">{failure}</testcase></testsuite>\n')
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
