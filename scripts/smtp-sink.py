#!/usr/bin/env python3
"""A mail sink for Freshground's tests: an SMTP server (aiosmtpd) that keeps every message as a file.

    .venv/bin/python scripts/smtp-sink.py --dir build/mail [--host 127.0.0.1] [--port 0] [--exit-on-eof]

Each accepted message becomes DIR/<nanoseconds>-<pid>-<n>.eml: the message exactly as received (after
dot-unstuffing, CRLF line ends kept) behind two added header lines, X-Envelope-From and X-Envelope-To.
Files are written under DIR/tmp and renamed into DIR, so a reader never sees half a message.

Recipients whose address starts with "refused" are refused with 550, as a real server refuses an unknown
mailbox, so tests can check that one bad address does not hold up the rest.

Prints "listening on HOST:PORT" once it accepts connections (port 0 picks a free one). With --exit-on-eof
it stops when its standard input closes, that is when the test process that started it has ended.
"""
import argparse
import asyncio
import itertools
import os
import sys
import time

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.exit("smtp-sink: aiosmtpd is not installed; run scripts/test once, or "
             ".venv/bin/python -m pip install aiosmtpd")


class Sink:
    """aiosmtpd handler: writes each message to a file."""

    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        envelope_lines = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode("utf-8", "surrogateescape")
        name = f"{time.time_ns():020d}-{os.getpid()}-{next(self.counter):06d}.eml"
        temporary = os.path.join(self.directory, "tmp", name)
        with open(temporary, "wb") as file:
            file.write(envelope_lines + envelope.original_content)
        os.rename(temporary, os.path.join(self.directory, name))
        return "250 OK: kept as " + name


async def serve(args):
    os.makedirs(os.path.join(args.dir, "tmp"), exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = Sink(args.dir)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink.test", data_size_limit=10_000_000),
        host=args.host,
        port=args.port,
    )
    port = server.sockets[0].getsockname()[1]
    print(f"listening on {args.host}:{port}", flush=True)
    async with server:
        if args.exit_on_eof:
            await loop.run_in_executor(None, sys.stdin.buffer.read)
        else:
            await asyncio.Event().wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="where messages are written")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--exit-on-eof", action="store_true", help="stop when standard input closes")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
