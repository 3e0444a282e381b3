#!/usr/bin/env python3
"""Crash safety: SIGKILL the server while writes are in flight, restart it, and check the database.

    oracle-tests/crash_test.py --binary .build/debug/freshground --database sqlite:/tmp/crash.sqlite \\
        [--writes 1000] [--concurrency 32] [--kill-after 0.5] [--kill-fraction 0.5] [--junit FILE] \\
        [--mail-sink-dir DIR] [--accounts 16] [--seed N]

The database must be empty (a new SQLite path, or a new PostgreSQL database): `freshground demo` fills it. The
server is started on a free port, demo accounts log in (form log-in, cookies and the fg_csrf token), demo1 opens a
secret motion in the group of the demo's open motion, and then up to --writes writes go out from --concurrency
threads, each with a marker of this run (ct<run>…) so it can be found afterwards:
  signup     POST /signup (handle, email): the account, its email_confirmations row and its mail, one transaction
  rsvp-email POST /api/v1/events/ID/rsvp/email: an unconfirmed RSVP and its confirmation mail, one transaction
  post       POST /api/v1/groups/SLUG/posts by an organizer or editor (title "crash <run> post N")
  join       POST /groups/SLUG/join (303 with a flash; a refusal is a 303 too, told apart by the flash); joining a
             group that needs approval also notifies its organizers in the same transaction
  rsvp       POST /api/v1/events/ID/rsvp by a logged-in account (no mail: demo accounts have no address)
  vote       POST /api/v1/decisions/ID/ballot on the open motions (an open and a secret ballot)
After --kill-after seconds, or once --kill-fraction of the writes have been sent, whichever comes first, the server
gets SIGKILL; no write is sent after that. A write is acknowledged when its 2xx/3xx answer was read in full (a join
only with a success flash), refused on a 4xx, and unknown when the connection broke.

The server is then started again on the same database (which must come up and answer /healthz), takes one more
write, and is stopped; then the database is read directly (sqlite3, or psql for PostgreSQL) and checked:
  - every acknowledged write is present, and no refused one is;
  - every write that is present is whole: a new account has exactly one email_confirmations row for its address;
    a pending join has one join_request notification per organizer of the group; a post is in its group by its
    author; for every decision, the electorate rows marked voted equal the votes plus secret ballots stored;
  - the mail outbox: Outbox.enqueue puts the message in the write's own transaction, and rows are never deleted
    (only an account deletion does); without MAIL_SMTP the server's LogMailer "sends" a message by writing it to
    the log and sets sent_at, so the row stays. So for each mail-causing write (signup, rsvp-email) the outbox must
    hold exactly one row to its address when the write is present (whatever sent_at says) and none when absent;
    no row may go to any other address of this run;
  - with --mail-sink-dir, the server sends through a small SMTP sink built in here (each message a file in DIR);
    after the restart the script waits for the outbox to be sent, then every present mail-causing write must have
    at least one message in DIR and no absent one any (delivery is at least once: repeats are counted, not failed);
  - SQLite: PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check is empty; PostgreSQL: no orphan rows in the
    tables written here (every foreign key these writes use, checked by a query);
  - no write was answered 5xx before the kill.
SIGKILL ends only the server process: SQLite (WAL, synchronous=NORMAL) and PostgreSQL keep what was committed, so
this tests the server's own ordering (answer after commit, mail with its change), not power loss.
Prints the figures per kind, writes JUnit XML with --junit, exits 0 only when every check passes. The servers it
started are killed on any exit.
"""
import argparse, atexit, base64, concurrent.futures as cf, datetime, http.client, http.cookies, json, os, random
import secrets, signal, socket, socketserver, sqlite3, subprocess, sys, tempfile, threading, time, urllib.parse
from xml.sax.saxutils import escape

PASSWORD = "freshground-demo"
STARTED = []  # every server process, killed at exit


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """One client: its cookies (not the flash, which each reply carries), a form's _csrf and the API's header."""

    def __init__(self, port, csrf=None):
        self.port, self.cookies, self.lock = port, {}, threading.Lock()
        if csrf:
            self.cookies["fg_csrf"] = csrf

    def request(self, method, path, form=None, body=None, timeout=60):
        headers, data = {}, None
        with self.lock:
            csrf = self.cookies.get("fg_csrf", "")
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
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
    """Reads the database directly: sqlite3 for sqlite:PATH, psql for postgres://…; values come back as text."""

    def __init__(self, url):
        self.url, self.sqlite = url, url.startswith("sqlite:")

    def rows(self, sql):
        if self.sqlite:
            db = sqlite3.connect(self.url[len("sqlite:"):], timeout=30)
            try:
                return [tuple(None if v is None else str(v) for v in row) for row in db.execute(sql).fetchall()]
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
        """Starts `serve` on a free port and waits for /healthz; retries, since the binary may be being rebuilt."""
        for attempt in range(1, 6):
            self.port = free_port()
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
            print(f"crash_test: server ({label}) did not come up, attempt {attempt}; see {log.name}", flush=True)
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


def kill_started():
    for process in STARTED:
        if process.poll() is None:
            process.kill()


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for the server's client: every message becomes DIR/<ns>-<n>.eml with X-Envelope-To."""
    daemon_threads = allow_reuse_address = True

    def __init__(self, directory):
        self.directory, self.count, self.lock = directory, 0, threading.Lock()
        os.makedirs(directory, exist_ok=True)
        super().__init__(("127.0.0.1", 0), SinkHandler)

    def keep(self, recipients, data):
        with self.lock:
            self.count += 1
            name = os.path.join(self.directory, f"{time.time_ns()}-{self.count:06d}.eml")
        with open(name + ".tmp", "wb") as out:
            out.write(f"X-Envelope-To: {', '.join(recipients)}\r\n".encode() + data)
        os.rename(name + ".tmp", name)


class SinkHandler(socketserver.StreamRequestHandler):
    def handle(self):
        say = lambda line: self.wfile.write(line.encode() + b"\r\n")  # noqa: E731
        say("220 crash-test sink")
        recipients = []
        for raw in self.rfile:
            verb = raw.decode("utf-8", "replace").strip()[:4].upper()
            if verb == "RCPT":
                recipients.append(raw.decode().split(":", 1)[1].strip().strip("<>"))
            if verb == "DATA":
                say("354 go on")
                lines = []
                for line in self.rfile:
                    if line in (b".\r\n", b".\n"):
                        break
                    lines.append(line[1:] if line.startswith(b"..") else line)
                self.server.keep(recipients, b"".join(lines))
                recipients = []
            if verb == "QUIT":
                return say("221 bye")
            if verb != "DATA":
                say("250 ok")
            else:
                say("250 kept")


def sink_recipients(directory):
    counts = {}
    for name in os.listdir(directory):
        if name.endswith(".eml"):
            with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as file:
                for address in file.readline().split(":", 1)[1].split(","):
                    counts[address.strip()] = counts.get(address.strip(), 0) + 1
    return counts


class Write:
    def __init__(self, kind, key, session, method, path, form=None, body=None, mail=None):
        self.kind, self.key, self.session, self.method, self.path = kind, key, session, method, path
        self.form, self.body, self.mail = form, body, mail
        self.state, self.status, self.detail = "not sent", None, ""

    def send(self):
        try:
            self.status, text, flash = self.session.request(self.method, self.path, form=self.form, body=self.body)
        except (OSError, http.client.HTTPException) as error:
            self.state, self.detail = "unknown", type(error).__name__
            return
        joined = flash.startswith("Welcome to") or flash.startswith("Your request to join")
        if self.status >= 500:
            self.state, self.detail = "5xx", text[:200]
        elif self.status >= 400 or (self.kind == "join" and not joined):
            self.state, self.detail = "refused", (flash or text)[:200]
        else:
            self.state = "acked"


def plan(args, db, port, run):
    """Logs the accounts in, opens the secret motion and makes the list of writes (shuffled by kind)."""
    first = Session(port).log_in("demo1")
    status, text, _ = first.request("GET", "/api/v1/decisions")
    motions = [d for d in json.loads(text)["items"] if d["awaitsYou"] and d["kind"] == "motion"]
    slug = motions[0]["group"]["slug"] if motions else db.column(
        "SELECT g.slug FROM memberships m JOIN groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id "
        "WHERE p.handle = 'demo1' AND m.role = 'organizer' ORDER BY g.id")[0]
    now = datetime.datetime.now(datetime.timezone.utc)
    closes = (now + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    soon = (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, text, _ = first.request("POST", f"/api/v1/groups/{slug}/decisions", body={
        "title": f"crash {run} secret motion", "body": "Kill the server while we vote.", "kind": "motion",
        "secret": True, "closesAt": closes})
    if status != 201:
        raise SystemExit(f"crash_test: opening the secret motion answered {status}: {text[:300]}")
    decisions = [json.loads(text)["id"]] + [d["id"] for d in motions]
    people = db.rows(f"SELECT p.id, p.handle FROM decision_electorate e JOIN people p ON p.id = e.person_id "
                     f"WHERE e.decision_id = {decisions[0]} AND p.handle LIKE 'demo%' ORDER BY p.id")
    people = people[:args.accounts]
    ids = ",".join(pid for pid, _ in people)
    with cf.ThreadPoolExecutor(4) as pool:
        sessions = dict(zip((int(pid) for pid, _ in people),
                            pool.map(lambda h: first if h == "demo1" else Session(port).log_in(h), [h for _, h in people])))
    # Every pool is a list of writes of one kind; the plan draws from them by weight until --writes are drawn.
    pools = {"signup": [], "rsvp-email": [], "post": [], "join": [], "rsvp": [], "vote": []}
    anon = lambda: Session(port, csrf=secrets.token_urlsafe(32))  # noqa: E731
    for i in range(args.writes):
        handle = f"ct{run}s{i}"
        pools["signup"].append(Write("signup", handle, anon(), "POST", "/signup", mail=f"{handle}@crash.test", form={
            "handle": handle, "email": f"{handle}@crash.test", "display_name": f"Crash {i}",
            "password": "crash-test-password", "next": "/"}))
    events = []
    for page in (1, 2, 3):
        items = json.loads(Session(port).request("GET", f"/api/v1/events?page={page}")[1])["items"]
        events += [e["id"] for e in items if e["status"] == "scheduled" and e["startsAt"] > soon]
    taken_places = set(int(e) for e in db.column("SELECT id FROM events WHERE places_at IS NOT NULL"))
    events = [e for e in events if e not in taken_places] or [0]
    for i in range(args.writes):
        email = f"ct{run}r{i}@crash.test"
        pools["rsvp-email"].append(Write("rsvp-email", (events[i % len(events)], email), anon(), "POST",
                                         f"/api/v1/events/{events[i % len(events)]}/rsvp/email", mail=email,
                                         body={"name": f"Crash {i}", "email": email}))
    posters = db.rows(f"SELECT m.person_id, g.slug FROM memberships m JOIN groups g ON g.id = m.group_id WHERE "
                      f"m.person_id IN ({ids}) AND m.status = 'active' AND m.role IN ('organizer', 'editor')")
    for i in range(args.writes if posters else 0):
        person, group = posters[i % len(posters)]
        title = f"crash {run} post {i}"
        pools["post"].append(Write("post", title, sessions[int(person)], "POST", f"/api/v1/groups/{group}/posts",
                                   body={"title": title, "body": f"Written by the crash test, run {run}."}))
    member = set(db.rows(f"SELECT person_id, group_id FROM memberships WHERE person_id IN ({ids})"))
    for gid, group in db.rows("SELECT id, slug FROM groups WHERE visibility = 'public' AND join_policy IN "
                              "('open', 'approval') ORDER BY id"):
        for pid, _ in people:
            if (pid, gid) not in member:
                pools["join"].append(Write("join", (int(pid), int(gid)), sessions[int(pid)], "POST",
                                           f"/groups/{group}/join", form={}))
    going = set(db.rows(f"SELECT person_id, event_id FROM rsvps WHERE person_id IN ({ids})"))
    for event in events[:40]:
        for pid, _ in people:
            if (pid, str(event)) not in going:
                pools["rsvp"].append(Write("rsvp", (int(pid), event), sessions[int(pid)], "POST",
                                           f"/api/v1/events/{event}/rsvp", body={}))
    voters = db.rows(f"SELECT decision_id, person_id FROM decision_electorate WHERE NOT voted AND decision_id IN "
                     f"({','.join(map(str, decisions))}) AND person_id IN ({ids})")
    for decision, pid in voters:
        pools["vote"].append(Write("vote", (int(decision), int(pid)), sessions[int(pid)], "POST",
                                   f"/api/v1/decisions/{decision}/ballot", body={"marks": [random.choice([1, -1])]}))
    weights = {"signup": 1, "rsvp-email": 2, "post": 2, "join": 2, "rsvp": 2, "vote": 1}
    writes = []
    for pool in pools.values():
        random.shuffle(pool)
    while len(writes) < args.writes and any(pools.values()):
        kinds = [k for k in pools if pools[k]]
        writes.append(pools[random.choices(kinds, [weights[k] for k in kinds])[0]].pop())
    return writes, decisions, sessions, posters


def drive(writes, server, args):
    """Sends the writes and SIGKILLs the server mid-way; returns (seconds, kinds of the writes in flight). Sign-ups
    (a bcrypt hash each, cost 12) get a quarter of the threads, so they do not crowd the other writes out."""
    killed, lock, figures = threading.Event(), threading.Lock(), {"sent": 0}
    started = time.monotonic()

    def one(write):
        with lock:
            if killed.is_set():
                return
            figures["sent"] += 1
            write.state = "sending"
        write.send()

    def killer():
        while time.monotonic() - started < args.kill_after and figures["sent"] < args.kill_fraction * len(writes):
            time.sleep(0.002)
        with lock:
            killed.set()
            server.process.send_signal(signal.SIGKILL)
            figures["at"] = time.monotonic() - started
            figures["flying"] = [w.kind for w in writes if w.state == "sending"]

    thread = threading.Thread(target=killer)
    thread.start()
    slow = max(1, args.concurrency // 4)
    with cf.ThreadPoolExecutor(slow) as signups, cf.ThreadPoolExecutor(max(1, args.concurrency - slow)) as others:
        cf.wait([(signups if w.kind == "signup" else others).submit(one, w) for w in writes])
    thread.join()
    server.process.wait()
    return figures["at"], figures["flying"]


def check(db, writes, run, decisions, sink_dir):
    """Every check as (name, problem or None)."""
    results, found = [], {}
    present = {
        "signup": set(db.column(f"SELECT handle FROM people WHERE handle LIKE 'ct{run}s%'")),
        "rsvp-email": set((int(e), m) for e, m in db.rows(
            f"SELECT event_id, email FROM rsvps WHERE email LIKE 'ct{run}r%' AND status = 'unconfirmed'")),
        "post": set(db.column(f"SELECT title FROM posts WHERE title LIKE 'crash {run} post %'")),
        "join": set((int(p), int(g)) for p, g in db.rows("SELECT person_id, group_id FROM memberships")),
        "rsvp": set((int(p), int(e)) for p, e in db.rows("SELECT person_id, event_id FROM rsvps WHERE person_id "
                                                          "IS NOT NULL AND status IN ('going', 'waitlisted')")),
        "vote": set((int(d), int(p)) for d, p, v in db.rows(
            f"SELECT decision_id, person_id, voted FROM decision_electorate WHERE decision_id IN "
            f"({','.join(map(str, decisions))})") if v in ("1", "t", "true")),
    }
    for write in writes:
        found[id(write)] = write.key in present[write.kind]
    missing = [w for w in writes if w.state == "acked" and not found[id(w)]]
    results.append(("acknowledged writes are present",
                    f"{len(missing)} missing, e.g. {[(w.kind, w.key) for w in missing[:5]]}" if missing else None))
    refused = [w for w in writes if w.state == "refused" and found[id(w)]]
    results.append(("refused writes are absent",
                    f"{len(refused)} present: {[(w.kind, w.key, w.detail) for w in refused[:5]]}" if refused else None))
    errors = [w for w in writes if w.state == "5xx"]
    results.append(("no 5xx before the kill", f"{len(errors)}: {[(w.kind, w.status, w.detail[:80]) for w in errors[:3]]}"
                    if errors else None))
    # Whole writes.
    confirmations = {}
    for email, handle in db.rows(f"SELECT c.email, p.handle FROM email_confirmations c LEFT JOIN people p "
                                 f"ON p.id = c.person_id WHERE c.email LIKE 'ct{run}s%'"):
        confirmations.setdefault(email, []).append(handle)
    bad = [h for h in present["signup"] if confirmations.get(f"{h}@crash.test") != [h]]
    bad += [e for e, hs in confirmations.items() if any(h is None for h in hs)]
    results.append(("new accounts are whole (one email confirmation each)", f"{bad[:5]} ({len(bad)})" if bad else None))
    posts = db.rows(f"SELECT p.title, g.slug, a.handle FROM posts p LEFT JOIN groups g ON g.id = p.group_id "
                    f"LEFT JOIN people a ON a.id = p.author_id WHERE p.title LIKE 'crash {run} post %'")
    expected = {w.key: w.path.split("/")[4] for w in writes if w.kind == "post"}
    bad = [t for t, slug, author in posts if expected.get(t) != slug or author is None]
    if len(posts) != len(set(t for t, _, _ in posts)):
        bad.append("a title twice")
    results.append(("posts are whole (in their group, by an author, once)", f"{bad[:5]}" if bad else None))
    organizers = {}
    for group, person in db.rows("SELECT group_id, person_id FROM memberships WHERE role = 'organizer' AND "
                                 "status = 'active'"):
        organizers.setdefault(int(group), set()).add(int(person))
    told = {}
    for actor, path, count in db.rows("SELECT actor_id, path, COUNT(*) FROM notifications WHERE kind = "
                                      "'join_request' GROUP BY actor_id, path"):
        told[(int(actor), path)] = int(count)
    pending = set((int(p), int(g)) for p, g in db.rows("SELECT person_id, group_id FROM memberships WHERE "
                                                         "status = 'pending'"))
    bad = []
    for write in writes:
        if write.kind == "join" and write.key in pending:
            path = write.path[:-len("/join")] + "/members"
            if told.get((write.key[0], path), 0) != len(organizers.get(write.key[1], set()) - {write.key[0]}):
                bad.append((write.key, told.get((write.key[0], path), 0)))
    results.append(("pending joins notified every organizer", f"{bad[:5]} ({len(bad)})" if bad else None))
    tally = db.rows(
        "SELECT d.id, (SELECT COUNT(*) FROM decision_electorate e WHERE e.decision_id = d.id AND e.voted) "
        "+ (SELECT COUNT(*) FROM decision_units u WHERE u.decision_id = d.id AND u.voted), "
        "(SELECT COUNT(*) FROM decision_votes v WHERE v.decision_id = d.id) + (SELECT COUNT(*) FROM "
        "decision_unit_votes w WHERE w.decision_id = d.id) + (SELECT COUNT(*) FROM decision_ballots b "
        "WHERE b.decision_id = d.id) FROM decisions d")
    bad = [(d, marked, stored) for d, marked, stored in tally if marked != stored]
    results.append(("every decision's voted marks equal its stored votes", f"(id, marked, stored): {bad}" if bad else None))
    # The outbox.
    outbox = dict((r, int(n)) for r, n in db.rows(f"SELECT recipient, COUNT(*) FROM mail_outbox WHERE recipient "
                                                  f"LIKE 'ct{run}%' GROUP BY recipient"))
    mailing = {w.mail: found[id(w)] for w in writes if w.mail and w.state != "not sent"}
    bad = [(m, outbox.get(m, 0)) for m, there in mailing.items() if outbox.get(m, 0) != (1 if there else 0)]
    bad += [(m, n) for m, n in outbox.items() if m not in mailing]
    results.append(("the outbox holds one message per present mail-causing write, none for absent ones",
                    f"(recipient, rows): {bad[:5]} ({len(bad)})" if bad else None))
    if sink_dir:
        got = sink_recipients(sink_dir)
        bad = [(m, got.get(m, 0)) for m, there in mailing.items() if (got.get(m, 0) > 0) != there]
        repeats = sum(1 for m in mailing if got.get(m, 0) > 1)
        results.append((f"the mail sink got the mail of present writes only ({repeats} sent more than once)",
                        f"(recipient, messages): {bad[:5]} ({len(bad)})" if bad else None))
    if db.sqlite:
        verdict = db.column("PRAGMA integrity_check")
        results.append(("SQLite integrity_check", None if verdict == ["ok"] else f"{verdict[:5]}"))
        orphans = db.rows("PRAGMA foreign_key_check")
        results.append(("SQLite foreign_key_check", f"{orphans[:5]} ({len(orphans)})" if orphans else None))
    else:
        pairs = [("memberships", "person_id", "people"), ("memberships", "group_id", "groups"),
                 ("posts", "group_id", "groups"), ("posts", "author_id", "people"), ("rsvps", "event_id", "events"),
                 ("rsvps", "person_id", "people"), ("email_confirmations", "person_id", "people"),
                 ("notifications", "person_id", "people"), ("sessions", "person_id", "people"),
                 ("decision_electorate", "person_id", "people"), ("decision_electorate", "decision_id", "decisions"),
                 ("decision_votes", "decision_id", "decisions"), ("decision_ballots", "decision_id", "decisions")]
        bad = []
        for table, column, parent in pairs:
            count = db.column(f"SELECT COUNT(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                              f"(SELECT 1 FROM {parent} p WHERE p.id = t.{column})")[0]
            if count != "0":
                bad.append(f"{table}.{column}: {count}")
        results.append(("PostgreSQL: no orphan rows", ", ".join(bad) or None))
    return results, found


def write_junit(path, results, seconds):
    failures = sum(1 for _, problem in results if problem)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="crash_test" tests="{len(results)}" '
                  f'failures="{failures}" time="{seconds:.1f}">\n')
        for name, problem in results:
            out.write(f'  <testcase classname="crash_test" name="{escape(name, {chr(34): "&quot;"})}">')
            if problem:
                out.write(f'<failure message="{escape(problem[:300], {chr(34): "&quot;"})}">{escape(problem)}</failure>')
            out.write("</testcase>\n")
        out.write("</testsuite>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database", required=True, help="sqlite:PATH or postgres://… of an empty database")
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--kill-after", type=float, default=0.5, help="seconds after the first write")
    parser.add_argument("--kill-fraction", type=float, default=0.5, help="or once this share of writes was sent")
    parser.add_argument("--accounts", type=int, default=16, help="demo accounts that write")
    parser.add_argument("--junit")
    parser.add_argument("--mail-sink-dir")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    began = time.monotonic()
    run = secrets.token_hex(3)
    random.seed(args.seed if args.seed is not None else run)
    atexit.register(kill_started)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = tempfile.mkdtemp(prefix="crash-test-")
    env = {k: v for k, v in os.environ.items() if k not in ("MAIL_SMTP", "DB_URL", "HTTP_PORT", "HTTP_HOST")}
    if args.mail_sink_dir:
        sink = Sink(os.path.abspath(args.mail_sink_dir))
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        env["MAIL_SMTP"] = f"smtp://127.0.0.1:{sink.server_address[1]}"
    binary, db = os.path.abspath(args.binary), Database(args.database)
    print(f"crash_test: run {run}, work directory {workdir}", flush=True)
    demo = subprocess.run([binary, "demo", "--database", args.database], cwd=workdir, env=env,
                          capture_output=True, text=True)
    if demo.returncode != 0:
        raise SystemExit(f"crash_test: freshground demo failed: {demo.stderr.strip()[-500:]}")
    server = Server(binary, args.database, workdir, env).start("first")
    writes, decisions, sessions, posters = plan(args, db, server.port, run)
    kinds = sorted(set(w.kind for w in writes))
    print(f"crash_test: {len(sessions)} accounts logged in; {len(writes)} writes planned "
          f"({', '.join(f'{k} {sum(w.kind == k for w in writes)}' for k in kinds)})", flush=True)
    kill_at, flying = drive(writes, server, args)
    in_flight = ", ".join(f"{k} {flying.count(k)}" for k in kinds if k in flying)
    print(f"crash_test: SIGKILL at {kill_at:.2f} s with {len(flying)} writes in flight ({in_flight})", flush=True)
    results = [("the kill caught writes in flight", None if flying else "none was in flight: raise --writes")]
    try:
        server = Server(binary, args.database, workdir, env).start("after-kill")
        results.append(("the server restarts on the crashed database", None))
        person, slug = posters[0] if posters else (None, None)
        if person:
            account = Session(server.port).log_in(db.column(f"SELECT handle FROM people WHERE id = {person}")[0])
            status, text, _ = account.request("POST", f"/api/v1/groups/{slug}/posts",
                                              body={"title": f"crash {run} after", "body": "after the restart"})
            results.append(("the restarted server takes a write", None if status == 201 else f"{status} {text[:200]}"))
        if args.mail_sink_dir:
            deadline = time.monotonic() + 120
            while db.column(f"SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'ct{run}%' AND sent_at IS NULL "
                            f"AND attempts < 8") != ["0"] and time.monotonic() < deadline:
                time.sleep(1)
        server.stop()
    except RuntimeError as error:
        results.append(("the server restarts on the crashed database", str(error)))
    checked, found = check(db, writes, run, decisions, args.mail_sink_dir)
    results += checked
    print(f"\n{'kind':<11}{'planned':>8}{'sent':>6}{'acked':>7}{'refused':>8}{'unknown':>8}{'5xx':>5}{'found':>7}"
          f"{'acked-missing':>15}")
    for kind in kinds + ["all"]:
        group = [w for w in writes if kind in ("all", w.kind)]
        count = lambda *states: sum(w.state in states for w in group)  # noqa: E731
        print(f"{kind:<11}{len(group):>8}{len(group) - count('not sent'):>6}{count('acked'):>7}{count('refused'):>8}"
              f"{count('unknown'):>8}{count('5xx'):>5}{sum(found[id(w)] for w in group):>7}"
              f"{sum(w.state == 'acked' and not found[id(w)] for w in group):>15}")
    print()
    for name, problem in results:
        print(f"{'FAIL' if problem else 'ok  '} {name}" + (f": {problem}" if problem else ""))
    seconds = time.monotonic() - began
    if args.junit:
        write_junit(args.junit, results, seconds)
    failed = sum(1 for _, problem in results if problem)
    print(f"{len(results) - failed} passed, {failed} failed in {seconds:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
