#!/usr/bin/env python3
"""A mail sink that insists on TLS and a login, for Freshground's tests of SMTP over TLS (aiosmtpd).

    .venv/bin/python scripts/smtp-tls-sink.py --dir DIR --cert CERT.pem --key KEY.pem
        [--mode starttls|implicit|plain] [--user U --password P] [--exclude-auth PLAIN]
        [--close-after N] [--host 127.0.0.1] [--port 0] [--exit-on-eof]

Modes: starttls (the default) offers STARTTLS and refuses MAIL and AUTH before it; implicit speaks TLS from
the first byte (smtps); plain offers neither TLS nor AUTH. With --user and --password (and not plain) every
message needs that login; --exclude-auth leaves a mechanism out of the EHLO list (PLAIN, to see LOGIN used).
With --close-after N a connection answers 421 and is closed at the MAIL FROM after its Nth message.

Each accepted message becomes DIR/<nanoseconds>-<n>.eml: three header lines, X-Envelope-From, X-Envelope-To and
X-Envelope-Session ("connection=N auth=MECHANISM:USER tls=VERSION"), then the message as received. DIR/events.log
gets a line for each step: "connect N", "starttls N", "auth N MECHANISM ok|refused", "mail N ADDRESS".

Prints "listening on HOST:PORT" once it accepts connections; with --exit-on-eof it stops when its standard input
closes, that is when the test process that started it has ended. For tests only: it trusts nothing and keeps
everything.
"""
import argparse
import asyncio
import itertools
import os
import ssl
import sys
import time

try:
    from aiosmtpd.smtp import SMTP, AuthResult
except ImportError:
    sys.exit("smtp-tls-sink: aiosmtpd is not installed; run scripts/test once, or "
             ".venv/bin/python -m pip install aiosmtpd")


class Sink:
    """aiosmtpd handler: logs each step, writes each message to a file."""

    def __init__(self, args):
        self.args = args
        self.files = itertools.count(1)

    def event(self, text):
        with open(os.path.join(self.args.dir, "events.log"), "a") as log:
            log.write(text + "\n")

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode("utf-8", "replace")
        ok = (login == self.args.user
              and auth_data.password.decode("utf-8", "replace") == self.args.password)
        self.event(f"auth {server.number} {mechanism} {'ok' if ok else 'refused'}")
        return AuthResult(success=ok, handled=False, auth_data=f"{mechanism}:{login}")

    def handle_STARTTLS(self, server, session, envelope):
        # aiosmtpd calls this one without awaiting it: it must not be a coroutine.
        self.event(f"starttls {server.number}")
        return True

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.event(f"mail {server.number} {address}")
        if self.args.close_after and server.delivered >= self.args.close_after:
            asyncio.get_running_loop().call_soon(server.transport.close)
            return "421 4.7.0 enough for one connection"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        server.delivered += 1
        secure = server.transport.get_extra_info("ssl_object")
        tls = secure.version() if secure else "none"
        lines = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Envelope-Session: connection={server.number} auth={session.auth_data} tls={tls}\r\n"
        ).encode("utf-8", "surrogateescape")
        name = f"{time.time_ns():020d}-{next(self.files):06d}.eml"
        temporary = os.path.join(self.args.dir, "tmp", name)
        with open(temporary, "wb") as file:
            file.write(lines + envelope.original_content)
        os.rename(temporary, os.path.join(self.args.dir, name))
        return "250 OK: kept as " + name


class CountingSMTP(SMTP):
    """Numbers its connections (STARTTLS makes a new session on the same connection, not a new number)."""

    numbers = itertools.count(1)

    def __init__(self, sink, **options):
        super().__init__(sink, **options)
        self.sink = sink
        self.number = next(self.numbers)
        self.delivered = 0
        sink.event(f"connect {self.number}")


async def serve(args):
    os.makedirs(os.path.join(args.dir, "tmp"), exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    sink = Sink(args)
    login = args.user is not None and args.mode != "plain"
    options = dict(
        hostname="tls-sink.test",
        auth_required=login,
        authenticator=sink.authenticate,
        auth_exclude_mechanism=args.exclude_auth,
    )
    if args.mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    elif args.mode == "implicit":
        # aiosmtpd does not see the TLS under it: allow AUTH without STARTTLS, the connection is TLS anyway.
        options.update(auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CountingSMTP(sink, **options),
        host=args.host,
        port=args.port,
        ssl=context if args.mode == "implicit" else None,
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
    parser.add_argument("--dir", required=True, help="where messages and events.log are written")
    parser.add_argument("--cert", required=True, help="the server's certificate (PEM)")
    parser.add_argument("--key", required=True, help="its private key (PEM)")
    parser.add_argument("--mode", choices=["starttls", "implicit", "plain"], default="starttls")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--exclude-auth", action="append", default=[], help="an AUTH mechanism not to offer")
    parser.add_argument("--close-after", type=int, default=0, help="messages per connection before a 421")
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
