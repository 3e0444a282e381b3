"""The pieces oracle-tests/crash_test.py and cluster_test.py drive: a demo account's HTTP session, the database read
directly, a server process it starts and kills, a mail sink that records what reaches it, and a form's fields as a
browser would send them. Standard library only."""
import base64, html.parser, http.client, http.cookies, json, os, signal, socket, socketserver, sqlite3, subprocess, threading, time
import urllib.parse

PASSWORD = "freshground-demo"
STARTED = []  # every server process; killed at exit


class Session:
    """One client: its cookies (the flash is returned, not kept), a form's _csrf and the API's X-CSRF-Token."""

    def __init__(self, port, csrf=None):
        self.port, self.cookies, self.lock = port, ({"fg_csrf": csrf} if csrf else {}), threading.Lock()

    def request(self, method, path, form=None, body=None, timeout=60):
        with self.lock:
            csrf, cookie = self.cookies.get("fg_csrf", ""), "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers, data = ({"Cookie": cookie} if cookie else {}), None
        if form is not None:
            data = urllib.parse.urlencode({**form, "_csrf": csrf}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            data, headers["Content-Type"], headers["X-CSRF-Token"] = json.dumps(body).encode(), "application/json", csrf
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        flash = ""
        for line in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if name == "fg_flash":
                    value = morsel.value.replace("-", "+").replace("_", "/")
                    flash = base64.b64decode(value + "=" * (-len(value) % 4)).decode("utf-8", "replace")
                else:
                    with self.lock:
                        self.cookies[name] = morsel.value
        return response.status, text, flash

    def log_in(self, handle):
        self.request("GET", "/login")
        status, _, _ = self.request("POST", "/login", form={"login": handle, "password": PASSWORD, "next": "/"})
        if status != 303 or "fg_session" not in self.cookies:
            raise SystemExit(f"crash_test: logging in {handle} answered {status}")
        return self


class Database:
    """The database read directly: sqlite3 for sqlite:PATH, psql for postgres://…; values come back as text."""

    def __init__(self, url):
        self.url, self.sqlite = url, url.startswith("sqlite:")

    def rows(self, sql):
        if self.sqlite:
            db = sqlite3.connect(self.url[len("sqlite:"):], timeout=30)
            try:
                return [tuple(None if v is None else str(v) for v in row) for row in db.execute(sql)]
            finally:
                db.close()
        done = subprocess.run(["psql", self.url, "-X", "-q", "-A", "-t", "-F", "\x1f", "-P", "null=\x1e",
                               "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"psql: {done.stderr.strip()}")
        return [tuple(None if v == "\x1e" else v for v in line.split("\x1f")) for line in done.stdout.splitlines()]

    def column(self, sql):
        return [row[0] for row in self.rows(sql)]


class Server:
    def __init__(self, binary, url, workdir, env):
        self.binary, self.url, self.workdir, self.env, self.process = binary, url, workdir, env, None

    def start(self, label):
        """Starts `serve` on a free port and waits for /healthz; tries again, as the binary may be being rebuilt."""
        for attempt in range(1, 6):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.port = probe.getsockname()[1]
            log = open(os.path.join(self.workdir, f"serve-{label}-{attempt}.log"), "w")
            self.process = subprocess.Popen([self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                                             "--database", self.url], cwd=self.workdir, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT)
            STARTED.append(self.process)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    if Session(self.port).request("GET", "/healthz", timeout=5)[0] == 200:
                        return self
                except OSError:
                    pass
                time.sleep(0.2)
            self.stop(signal.SIGKILL)
            print(f"crash_test: the server ({label}) did not come up, try {attempt}; see {log.name}", flush=True)
            time.sleep(3)
        raise RuntimeError(f"the server ({label}) did not answer /healthz")

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for the server's client: each message is kept as DIR/<ns>.eml headed X-Envelope-To, and
    counted per recipient in `received`."""
    daemon_threads = allow_reuse_address = True

    def __init__(self, directory):
        self.directory, self.received, self.lock = directory, {}, threading.Lock()
        os.makedirs(directory, exist_ok=True)
        super().__init__(("127.0.0.1", 0), SinkHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def keep(self, recipients, data):
        with self.lock, open(os.path.join(self.directory, f"{time.time_ns()}.eml"), "wb") as out:
            out.write(f"X-Envelope-To: {', '.join(recipients)}\r\n".encode() + data)
            for address in recipients:
                self.received[address] = self.received.get(address, 0) + 1


class SinkHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 crash-test sink\r\n")
        recipients = []
        for raw in self.rfile:
            verb, reply = raw[:4].upper(), b"250 ok"
            if verb == b"RCPT":
                recipients.append(raw.decode().split(":", 1)[1].strip().strip("<>"))
            elif verb == b"DATA":
                self.wfile.write(b"354 go on\r\n")
                lines = []
                for line in iter(self.rfile.readline, b""):
                    if line in (b".\r\n", b".\n"):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                self.server.keep(recipients, b"".join(lines))
                recipients = []
            elif verb == b"QUIT":
                return self.wfile.write(b"221 bye\r\n")
            self.wfile.write(reply + b"\r\n")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SlowSink(Sink):
    """The crash test's sink, taking `delay` seconds a message, so that the processes overlap while sending."""

    def __init__(self, directory, delay):
        self.delay = delay
        super().__init__(directory)

    def keep(self, recipients, data):
        time.sleep(self.delay)
        super().keep(recipients, data)


class FormFields(html.parser.HTMLParser):
    """The fields of the form posting to `action`, as a browser would send them unchanged."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.select, self.textarea = action, False, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.fields.append([a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")])
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append([self.select, a.get("value", "")])
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]
            self.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
