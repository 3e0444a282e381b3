#!/usr/bin/env python3
"""A stand-in for many remote ActivityPub servers, for scripts/bench-federation (standard library only).

    scripts/federation-sink.py STATUS_FILE PORT [PORT ...]

Listens on 0.0.0.0 on each PORT (0 picks a free one) over HTTP/1.1 with keep-alive, so every 127.0.0.x address
and port pair looks like a server of its own. Answers every POST with 202 Accepted (anything else with 404) and
counts the requests: in all, distinct inboxes (the Host header and the path), those missing a Signature, Digest
or Date header, and those whose Digest is not the SHA-256 of the body. Writes its counts as JSON to STATUS_FILE
(written whole, then renamed) at start, every 0.2 s while they change, on SIGUSR1, and when it stops on SIGTERM or
SIGINT. Times are wall-clock seconds since the epoch (time.time()), comparable with `date +%s.%N`.
"""
import asyncio
import base64
import hashlib
import json
import os
import signal
import sys
import time

MAX_HEAD = 64 * 1024
MAX_BODY = 4 * 1024 * 1024


class Counts:
    def __init__(self, status_file):
        self.status_file = status_file
        self.ports = []
        self.posts = 0
        self.other = 0
        self.inboxes = set()
        self.hosts = set()
        self.unsigned = 0
        self.bad_digest = 0
        self.bad_requests = 0
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.bytes = 0
        self.first_at = None
        self.last_at = None
        self.started_at = time.time()
        self.changed = True

    def write(self):
        status = {
            "ports": self.ports,
            "posts": self.posts,
            "distinct_inboxes": len(self.inboxes),
            "distinct_hosts": len(self.hosts),
            "unsigned": self.unsigned,
            "bad_digest": self.bad_digest,
            "other_requests": self.other,
            "bad_requests": self.bad_requests,
            "connections": self.connections,
            "open_connections": self.open,
            "most_open_connections": self.most_open,
            "body_bytes": self.bytes,
            "first_at": self.first_at,
            "last_at": self.last_at,
            "started_at": self.started_at,
            "written_at": time.time(),
        }
        temporary = self.status_file + ".tmp"
        with open(temporary, "w") as out:
            json.dump(status, out)
        os.replace(temporary, self.status_file)
        self.changed = False


def digest_matches(header, body):
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "sha-256":
            return value == base64.b64encode(hashlib.sha256(body).digest()).decode()
    return False


async def read_body(reader, headers):
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                    pass
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
            if sum(map(len, chunks)) > MAX_BODY:
                raise ValueError("body too large")
    length = int(headers.get("content-length", "0") or "0")
    if length < 0 or length > MAX_BODY:
        raise ValueError("bad Content-Length")
    return await reader.readexactly(length) if length else b""


async def serve(counts, reader, writer):
    counts.connections += 1
    counts.open += 1
    counts.most_open = max(counts.most_open, counts.open)
    counts.changed = True
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                return  # the client closed the connection between requests
            if len(head) > MAX_HEAD:
                raise ValueError("head too large")
            lines = head.decode("latin-1").split("\r\n")
            method, target, version = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if line:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
            body = await read_body(reader, headers)
            close = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0"
            if method == "POST":
                now = time.time()
                counts.posts += 1
                counts.bytes += len(body)
                counts.first_at = counts.first_at or now
                counts.last_at = now
                host = headers.get("host", "")
                counts.hosts.add(host)
                counts.inboxes.add(host + target.split("?")[0])
                if not all(name in headers for name in ("signature", "digest", "date")):
                    counts.unsigned += 1
                elif not digest_matches(headers["digest"], body):
                    counts.bad_digest += 1
                status = "202 Accepted"
            else:
                counts.other += 1
                status = "404 Not Found"
            counts.changed = True
            writer.write(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\n"
                         f"{'Connection: close' if close else 'Connection: keep-alive'}\r\n\r\n".encode())
            await writer.drain()
            if close:
                return
    except (ValueError, asyncio.LimitOverrunError, asyncio.IncompleteReadError):
        counts.bad_requests += 1
        counts.changed = True
        try:
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
        except ConnectionError:
            pass
    except ConnectionError:
        pass
    finally:
        counts.open -= 1
        counts.changed = True
        writer.close()


async def main(status_file, ports):
    counts = Counts(status_file)
    servers = []
    for port in ports:
        server = await asyncio.start_server(lambda r, w: serve(counts, r, w), "0.0.0.0", port, backlog=1024,
                                            limit=MAX_HEAD + 1024)
        servers.append(server)
        counts.ports.append(server.sockets[0].getsockname()[1])
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    loop.add_signal_handler(signal.SIGUSR1, counts.write)
    counts.write()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), 0.2)
        except asyncio.TimeoutError:
            pass
        if counts.changed:
            counts.write()
    for server in servers:
        server.close()
    counts.write()


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2)
    asyncio.run(main(sys.argv[1], [int(port) for port in sys.argv[2:]]))
