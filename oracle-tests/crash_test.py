#!/usr/bin/env python3
"""Crash safety: SIGKILL the server while writes are in flight, restart it, and check the database.

    oracle-tests/crash_test.py --binary .build/debug/freshground --database sqlite:/tmp/crash.sqlite \\
        [--writes 1000] [--concurrency 32] [--kill-after 0.5] [--kill-fraction 0.5] [--accounts 16] \\
        [--junit FILE] [--mail-sink-dir DIR] [--seed N]

`freshground demo` fills the (empty) database; the server starts on a free port without MAIL_SMTP; demo accounts
log in; demo1 opens a secret motion. Up to --writes writes, each marked with this run's id, go out from
--concurrency threads (a quarter for sign-ups, whose bcrypt hash is slow): sign-ups (account, email confirmation
and mail in one transaction), RSVPs by email (RSVP and mail in one transaction), posts, joins (a group that
approves members also notifies its organizers), account RSVPs, and votes on the open and the secret motion.
After --kill-after seconds, or once --kill-fraction of them were sent, the server gets SIGKILL and no more is sent.
A write is acknowledged when its 2xx/3xx answer was read in full (a join: with a success flash, as a refusal
redirects too), refused on a 4xx, unknown when the connection broke. The server must restart, answer /healthz and
take a post; then it is stopped and the database read directly (sqlite3, or psql) and checked: every acknowledged
write present, no refused one, no 5xx; what is present is whole (see check()); SQLite's integrity_check and
foreign_key_check, or on PostgreSQL no orphans along the foreign keys these writes use.

The outbox: Outbox.enqueue writes in the write's own transaction, and rows are only deleted with an account.
Without MAIL_SMTP the LogMailer "sends" a message by logging it and sets sent_at; the row stays. So a mail-causing
write (sign-up, RSVP by email) must have exactly one outbox row to its address when it is present, whatever
sent_at says, and none when absent; no row may go to another address of this run. With --mail-sink-dir the server
sends to an SMTP sink in this script (DIR/*.eml); after the restart the outbox is waited for, then every present
mail-causing write must have mail and no absent one any (delivery is at least once: mail sent again after the
crash is counted, not failed).

SIGKILL ends the server only; SQLite (WAL, synchronous=NORMAL) and PostgreSQL keep what was committed, so this tests
the server's ordering (answer after commit, mail with its change), not power loss. Prints the figures per kind;
--junit writes one testcase per check; exits 0 only when all pass; kills the servers it started on any exit.
"""
import argparse, atexit, concurrent.futures as cf, datetime, json, os, random, secrets, shutil, signal, subprocess, sys
import tempfile, threading, time
from xml.sax.saxutils import quoteattr, escape

from crash_parts import STARTED, Database, Server, Session, Sink


class Write:
    def __init__(self, kind, key, session, path, form=None, body=None, mail=None):
        self.kind, self.key, self.session, self.path, self.form, self.body = kind, key, session, path, form, body
        self.mail, self.state, self.status, self.detail = mail, "not sent", None, ""

    def send(self):
        try:
            self.status, text, flash = self.session.request("POST", self.path, form=self.form, body=self.body)
        except Exception as error:  # a broken connection, mostly: the server died
            self.state, self.detail = "unknown", type(error).__name__
            return
        joined = flash.startswith(("Welcome to", "Your request to join"))
        if self.status >= 500:
            self.state, self.detail = "5xx", text[:200]
        elif self.status >= 400 or (self.kind == "join" and not joined):
            self.state, self.detail = "refused", (flash or text)[:200]
        else:
            self.state = "acked"


def plan(args, db, port, run):
    """Logs the accounts in, opens the secret motion and draws the writes; returns (writes, decisions, posters)."""
    first = Session(port).log_in("demo1")
    motions = [d for d in json.loads(first.request("GET", "/api/v1/decisions")[1])["items"]
               if d["awaitsYou"] and d["kind"] == "motion"]
    slug = motions[0]["group"]["slug"] if motions else db.column(
        "SELECT g.slug FROM memberships m JOIN groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id "
        "WHERE p.handle = 'demo1' AND m.role = 'organizer' ORDER BY g.id")[0]
    now = datetime.datetime.now(datetime.timezone.utc)
    status, text, _ = first.request("POST", f"/api/v1/groups/{slug}/decisions", body={
        "title": f"crash {run} secret motion", "body": "Votes while the server dies.", "kind": "motion",
        "secret": True, "closesAt": (now + datetime.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")})
    if status != 201:
        raise SystemExit(f"crash_test: opening the secret motion answered {status}: {text[:300]}")
    decisions = [json.loads(text)["id"]] + [d["id"] for d in motions]
    people = db.rows(f"SELECT p.id, p.handle FROM decision_electorate e JOIN people p ON p.id = e.person_id "
                     f"WHERE e.decision_id = {decisions[0]} AND p.handle LIKE 'demo%' ORDER BY p.id")[:args.accounts]
    ids = ",".join(pid for pid, _ in people)
    with cf.ThreadPoolExecutor(4) as pool:
        logged = pool.map(lambda h: first if h == "demo1" else Session(port).log_in(h), [h for _, h in people])
        sessions = dict(zip([pid for pid, _ in people], logged))
    soon = (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    by_form = set(db.column("SELECT id FROM events WHERE places_at IS NOT NULL"))
    events = [e["id"] for page in (1, 2, 3) for e in json.loads(Session(port).request(
        "GET", f"/api/v1/events?page={page}")[1])["items"]
        if e["status"] == "scheduled" and e["startsAt"] > soon and str(e["id"]) not in by_form]
    if not events:
        raise SystemExit("crash_test: the demo has no upcoming events to RSVP to")
    anon = lambda: Session(port, csrf=secrets.token_urlsafe(32))  # noqa: E731 (a fresh visitor with a CSRF token)
    pools = {kind: [] for kind in ("signup", "rsvp-email", "post", "join", "rsvp", "vote")}
    for i in range(args.writes):
        handle, email, event = f"ct{run}s{i}", f"ct{run}r{i}@crash.test", events[i % len(events)]
        pools["signup"].append(Write("signup", handle, anon(), "/signup", mail=f"{handle}@crash.test", form={
            "handle": handle, "email": f"{handle}@crash.test", "display_name": f"Crash {i}",
            "password": "crash-test-password", "next": "/"}))
        pools["rsvp-email"].append(Write("rsvp-email", (event, email), anon(), f"/api/v1/events/{event}/rsvp/email",
                                         mail=email, body={"name": f"Crash {i}", "email": email}))
    posters = db.rows(f"SELECT m.person_id, g.slug FROM memberships m JOIN groups g ON g.id = m.group_id WHERE "
                      f"m.person_id IN ({ids}) AND m.status = 'active' AND m.role IN ('organizer', 'editor')")
    # The first poster writes nothing here: the check after the restart posts as them, and a person past the
    # site's 30 posts an hour would be refused there (429) however whole the database is.
    drawn = [p for p in posters if p[0] != posters[0][0]] or posters
    for i, (person, group) in zip(range(args.writes), drawn * args.writes):
        pools["post"].append(Write("post", f"crash {run} post {i}", sessions[person], f"/api/v1/groups/{group}/posts",
                                   body={"title": f"crash {run} post {i}", "body": f"Crash test run {run}."}))
    member = set(db.rows(f"SELECT person_id, group_id FROM memberships WHERE person_id IN ({ids})"))
    for gid, group in db.rows("SELECT id, slug FROM groups WHERE visibility = 'public' AND join_policy IN "
                              "('open', 'approval')"):
        pools["join"] += [Write("join", (int(pid), int(gid)), sessions[pid], f"/groups/{group}/join", form={})
                          for pid, _ in people if (pid, gid) not in member]
    going = set(db.rows(f"SELECT person_id, event_id FROM rsvps WHERE person_id IN ({ids})"))
    for event in events[:40]:
        pools["rsvp"] += [Write("rsvp", (int(pid), event), sessions[pid], f"/api/v1/events/{event}/rsvp", body={})
                          for pid, _ in people if (pid, str(event)) not in going]
    for decision, pid in db.rows(f"SELECT decision_id, person_id FROM decision_electorate WHERE NOT voted AND "
                                 f"decision_id IN ({','.join(map(str, decisions))}) AND person_id IN ({ids})"):
        pools["vote"].append(Write("vote", (int(decision), int(pid)), sessions[pid],
                                   f"/api/v1/decisions/{decision}/ballot", body={"marks": [random.choice([1, -1])]}))
    weights, writes = {"signup": 1, "rsvp-email": 2, "post": 2, "join": 2, "rsvp": 2, "vote": 1}, []
    for pool in pools.values():
        random.shuffle(pool)
    while len(writes) < args.writes and any(pools.values()):
        kinds = [k for k in pools if pools[k]]
        writes.append(pools[random.choices(kinds, [weights[k] for k in kinds])[0]].pop())
    return writes, decisions, posters


def drive(writes, server, args):
    """Sends the writes, SIGKILLs the server mid-way; returns (seconds to the kill, kinds of writes in flight)."""
    killed, lock, figures, started = threading.Event(), threading.Lock(), {"sent": 0}, time.monotonic()

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
            figures["at"], figures["flying"] = time.monotonic() - started, [w.kind for w in writes
                                                                             if w.state == "sending"]

    thread = threading.Thread(target=killer)
    thread.start()
    slow = max(1, args.concurrency // 4)
    with cf.ThreadPoolExecutor(slow) as signups, cf.ThreadPoolExecutor(max(1, args.concurrency - slow)) as others:
        cf.wait([(signups if w.kind == "signup" else others).submit(one, w) for w in writes])
    thread.join()
    server.process.wait()
    return figures["at"], figures["flying"]


def check(db, writes, run, decisions, sink):
    """Every check of the database as (name, problem or None), and whether each write is present (by id). Whole
    means: a new account has exactly its one email confirmation; a pending join notified each organizer once; a post
    is in its group by its author, once; every decision's electorate (and unit) rows marked voted equal its votes
    plus secret ballots; the outbox and the sink as the module's docstring says."""
    voted = db.rows(f"SELECT decision_id, person_id FROM decision_electorate WHERE voted AND decision_id IN "
                    f"({','.join(map(str, decisions))})")
    present = {
        "signup": set(db.column(f"SELECT handle FROM people WHERE handle LIKE 'ct{run}s%'")),
        "rsvp-email": set((int(e), m) for e, m in db.rows(
            f"SELECT event_id, email FROM rsvps WHERE email LIKE 'ct{run}r%' AND status = 'unconfirmed'")),
        "post": set(db.column(f"SELECT title FROM posts WHERE title LIKE 'crash {run} post %'")),
        "join": set((int(p), int(g)) for p, g in db.rows("SELECT person_id, group_id FROM memberships")),
        "rsvp": set((int(p), int(e)) for p, e in db.rows(
            "SELECT person_id, event_id FROM rsvps WHERE person_id IS NOT NULL AND status IN ('going', 'waitlisted')")),
        "vote": set((int(d), int(p)) for d, p in voted)}
    found = {id(w): w.key in present[w.kind] for w in writes}
    some = lambda bad, show=5: f"{len(bad)}: {bad[:show]}" if bad else None  # noqa: E731
    results = [
        ("acknowledged writes are present", some([(w.kind, w.key) for w in writes if w.state == "acked"
                                                  and not found[id(w)]])),
        ("refused writes are absent", some([(w.kind, w.key, w.detail) for w in writes if w.state == "refused"
                                            and found[id(w)]])),
        ("no 5xx before the kill", some([(w.kind, w.status, w.detail[:80]) for w in writes if w.state == "5xx"], 3))]
    confirmations = {}
    for email, handle in db.rows(f"SELECT c.email, p.handle FROM email_confirmations c LEFT JOIN people p "
                                 f"ON p.id = c.person_id WHERE c.email LIKE 'ct{run}s%'"):
        confirmations.setdefault(email, []).append(handle)
    bad = [h for h in present["signup"] if confirmations.get(f"{h}@crash.test") != [h]]
    bad += [e for e, handles in confirmations.items() if handles != [e.split("@")[0]]]
    results.append(("new accounts are whole (exactly their one email confirmation)", some(bad)))
    expected = {w.key: w.path.split("/")[4] for w in writes if w.kind == "post"}
    posts = db.rows(f"SELECT p.title, g.slug, a.handle FROM posts p LEFT JOIN groups g ON g.id = p.group_id "
                    f"LEFT JOIN people a ON a.id = p.author_id WHERE p.title LIKE 'crash {run} post %'")
    bad = [t for t, slug, author in posts if expected.get(t) != slug or author is None]
    bad += ["a title twice"] if len(posts) != len(present["post"]) else []
    results.append(("posts are whole (in their group, by their author, once)", some(bad)))
    organizers, told = {}, {}
    for group, person in db.rows("SELECT group_id, person_id FROM memberships WHERE role = 'organizer' AND "
                                 "status = 'active'"):
        organizers.setdefault(int(group), set()).add(int(person))
    for actor, path, count in db.rows("SELECT actor_id, path, COUNT(*) FROM notifications WHERE kind = "
                                      "'join_request' GROUP BY actor_id, path"):
        told[(int(actor), path)] = int(count)
    pending = set((int(p), int(g)) for p, g in db.rows("SELECT person_id, group_id FROM memberships "
                                                         "WHERE status = 'pending'"))
    bad = [(w.key, told.get((w.key[0], w.path[:-len("join")] + "members"), 0)) for w in writes
           if w.kind == "join" and w.key in pending]
    bad = [(key, n) for key, n in bad if n != len(organizers.get(key[1], set()) - {key[0]})]
    results.append(("pending joins notified every organizer once", some(bad)))
    count = lambda table, where="": f"(SELECT COUNT(*) FROM {table} x WHERE x.decision_id = d.id {where})"  # noqa
    marked = f"{count('decision_electorate', 'AND x.voted')} + {count('decision_units', 'AND x.voted')}"
    stored = f"{count('decision_votes')} + {count('decision_unit_votes')} + {count('decision_ballots')}"
    tally = db.rows(f"SELECT d.id, {marked}, {stored} FROM decisions d")
    results.append(("every decision's voted marks equal its votes and ballots",
                    some([(d, marked, stored) for d, marked, stored in tally if marked != stored])))
    outbox = {r: int(n) for r, n in db.rows(f"SELECT recipient, COUNT(*) FROM mail_outbox WHERE recipient "
                                            f"LIKE 'ct{run}%' GROUP BY recipient")}
    mailing = {w.mail: found[id(w)] for w in writes if w.mail and w.state != "not sent"}
    bad = [(m, outbox.get(m, 0)) for m, there in mailing.items() if outbox.get(m, 0) != int(there)]
    results.append(("the outbox holds one message per present mail-causing write, none for absent ones",
                    some(bad + [(m, n) for m, n in outbox.items() if m not in mailing])))
    if sink:
        got = sink.received
        again = sum(1 for m in mailing if got.get(m, 0) > 1)
        results.append((f"the sink got mail for present writes only ({again} sent again after the crash)",
                        some([(m, got.get(m, 0)) for m, there in mailing.items() if (got.get(m, 0) > 0) != there])))
    if db.sqlite:
        verdict = db.column("PRAGMA integrity_check")
        results.append(("SQLite integrity_check", None if verdict == ["ok"] else f"{verdict[:5]}"))
        results.append(("SQLite foreign_key_check", some(db.rows("PRAGMA foreign_key_check"))))
    else:
        keys = [("memberships", "person_id", "people"), ("memberships", "group_id", "groups"), ("posts",
                 "group_id", "groups"), ("posts", "author_id", "people"), ("rsvps", "event_id", "events"), ("rsvps",
                 "person_id", "people"), ("email_confirmations", "person_id", "people"), ("notifications",
                 "person_id", "people"), ("sessions", "person_id", "people"), ("decision_electorate", "person_id",
                 "people"), ("decision_electorate", "decision_id", "decisions"), ("decision_votes", "decision_id",
                 "decisions"), ("decision_ballots", "decision_id", "decisions")]
        orphans = [(t, c, db.column(f"SELECT COUNT(*) FROM {t} x WHERE x.{c} IS NOT NULL AND NOT EXISTS "
                                    f"(SELECT 1 FROM {parent} p WHERE p.id = x.{c})")[0]) for t, c, parent in keys]
        bad = [f"{t}.{c}: {n}" for t, c, n in orphans if n != "0"]
        results.append(("PostgreSQL: no orphan rows", some(bad)))
    return results, found


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
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    if args.database.startswith("sqlite:"):  # the servers run in a work folder: a relative path means the caller's
        args.database = "sqlite:" + os.path.abspath(args.database[len("sqlite:"):])
    began = time.monotonic()
    try:
        return run(args)
    except SystemExit as stop:  # a set-up that failed is a failed check, in the report too, never a silent one
        if stop.code in (None, 0):
            raise
        problem = str(stop.code)
        print(f"FAIL the crash test ran to its checks: {problem}")
        if args.junit:
            write_junit(args.junit, [("the crash test ran to its checks", problem)], time.monotonic() - began)
        return 1


def write_junit(path, results, seconds):
    failed = sum(1 for _, problem in results if problem)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="crash_test" tests="{len(results)}" '
                  f'failures="{failed}" time="{seconds:.1f}">\n')
        for name, problem in results:
            failure = f"<failure message={quoteattr(problem[:300])}>{escape(problem)}</failure>" if problem else ""
            out.write(f'  <testcase classname="crash_test" name={quoteattr(name)}>{failure}</testcase>\n')
        out.write("</testsuite>\n")


def run(args):
    began, run = time.monotonic(), secrets.token_hex(3)
    random.seed(run if args.seed is None else args.seed)
    atexit.register(lambda: [p.kill() for p in STARTED if p.poll() is None])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = tempfile.mkdtemp(prefix="crash-test-")
    env = {k: v for k, v in os.environ.items() if k not in ("MAIL_SMTP", "DB_URL", "HTTP_PORT", "HTTP_HOST")}
    sink = Sink(os.path.abspath(args.mail_sink_dir)) if args.mail_sink_dir else None
    if sink:
        env["MAIL_SMTP"] = f"smtp://127.0.0.1:{sink.server_address[1]}"
    binary, db = os.path.abspath(args.binary), Database(args.database)
    print(f"crash_test: run {run}, working in {workdir}", flush=True)
    demo = subprocess.run([binary, "demo", "--database", args.database], cwd=workdir, env=env, capture_output=True,
                          text=True)
    if demo.returncode != 0:
        raise SystemExit(f"crash_test: freshground demo failed: {demo.stderr.strip()[-500:]}")
    server = Server(binary, args.database, workdir, env).start("first")
    writes, decisions, posters = plan(args, db, server.port, run)
    kinds = sorted(set(w.kind for w in writes))
    planned = ", ".join(f"{k} {sum(w.kind == k for w in writes)}" for k in kinds)
    print(f"crash_test: {len(writes)} writes planned ({planned})", flush=True)
    kill_at, flying = drive(writes, server, args)
    print(f"crash_test: SIGKILL at {kill_at:.2f} s with {len(flying)} writes in flight "
          f"({', '.join(f'{k} {flying.count(k)}' for k in kinds if k in flying)})", flush=True)
    results = [("the kill caught writes in flight", None if flying else "none: raise --writes or --kill-fraction")]
    try:
        server = Server(binary, args.database, workdir, env).start("after-kill")
        results.append(("the server restarts on the crashed database", None))
        handle = db.column(f"SELECT handle FROM people WHERE id = {posters[0][0]}")[0]
        status, text, _ = Session(server.port).log_in(handle).request(
            "POST", f"/api/v1/groups/{posters[0][1]}/posts", body={"title": f"crash {run} after", "body": "Back."})
        results.append(("the restarted server takes a write", None if status == 201 else f"{status} {text[:200]}"))
        deadline = time.monotonic() + 150  # a message claimed just before the kill waits out a minute's backoff
        while sink and time.monotonic() < deadline and db.column(
                f"SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE 'ct{run}%' AND sent_at IS NULL") != ["0"]:
            time.sleep(1)
        server.stop()
    except RuntimeError as error:
        results.append(("the server restarts on the crashed database", str(error)))
    checked, found = check(db, writes, run, decisions, sink)
    results += checked
    print(f"\n{'kind':<11}{'planned':>8}{'sent':>6}{'acked':>7}{'refused':>8}{'unknown':>8}{'5xx':>5}{'found':>7}"
          f"{'acked-missing':>15}")
    for kind in kinds + ["all"]:
        group = [w for w in writes if kind in ("all", w.kind)]
        n = lambda *states: sum(w.state in states for w in group)  # noqa: E731
        print(f"{kind:<11}{len(group):>8}{len(group) - n('not sent'):>6}{n('acked'):>7}{n('refused'):>8}"
              f"{n('unknown'):>8}{n('5xx'):>5}{sum(found[id(w)] for w in group):>7}"
              f"{sum(w.state == 'acked' and not found[id(w)] for w in group):>15}")
    print()
    for name, problem in results:
        print(f"{'FAIL' if problem else 'ok  '} {name}" + (f": {problem}" if problem else ""))
    seconds, failed = time.monotonic() - began, sum(1 for _, problem in results if problem)
    if args.junit:
        write_junit(args.junit, results, seconds)
    print(f"{len(results) - failed} passed, {failed} failed in {seconds:.1f} s" + (f"; server logs in {workdir}"
                                                                                 if failed else ""))
    if not failed:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
