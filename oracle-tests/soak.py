#!/usr/bin/env python3
"""Soak: a steady mixed load on a running server, watching its memory and latency over time.

    oracle-tests/soak.py --base-url http://127.0.0.1:8080 --pid PID --seconds 600 --rate 50 \\
        [--threads 32] [--max-rss-slope-kib-per-min 512] [--junit FILE]

The server must run on a database filled by `freshground demo` (demo1 … demo500, password freshground-demo);
PID is its process (for /proc/PID/status). Requests start on a fixed schedule, RATE a second (open loop: a slow
answer does not slow the schedule), and a fixed pool of THREADS sends them. The mix, by weight:
  reads   /, /groups, a group's page, /journal, /events, an event's page, /library, /debates    (50)
  feeds   /journal/feed.atom, /groups/SLUG/feed.atom, /groups/SLUG/events.ics, /cities/SLUG/events.ics (12)
  search  /search?q=WORD                                                                       (8)
  signed  a signed-in person's /, /me/events and /api/v1/feed                                   (8)
  writes  a post to a group (API), an account's RSVP and its cancelling in turn (API), an RSVP by
          email (API, a new address each time, so it queues mail)                              (16)
  logins  GET /login, POST /login with a random demo account, GET /, POST /logout              (1)
A request's latency runs from its scheduled start to its last byte, so time spent waiting for a free thread
counts. Every answer must have its expected status (200, 201, 202 or 303); anything else, a 5xx or a broken
connection is an error. RSS (VmRSS) is read every --sample-seconds.

Fails when there was any error, when the least-squares slope of RSS over the second half of the run (after the
warm-up) is over --max-rss-slope-kib-per-min, or when the last full minute's p99 is over 3 times the first full
minute's. Prints a line per minute (requests, errors, p50, p99, RSS) and the summary; writes JUnit XML with --junit.
A freshly started server's RSS grows for its first minutes as caches fill (about 13 MiB in the first minute, on the
demo data), so a run of a minute or two mostly measures that: give a fresh server --seconds 300 or more.
"""
import argparse, http.client, http.cookies, json, queue, random, secrets, sys, threading, time, urllib.parse
from xml.sax.saxutils import escape

PASSWORD = "freshground-demo"
WORDS = ["rent", "union", "strike", "housing", "tenants", "workers", "debate", "organise", "solidarity", "march"]
local = threading.local()


class Client:
    """A cookie jar (a person, or no one). Requests go over the calling thread's keep-alive connection."""

    def __init__(self, base, csrf=None):
        self.base, self.cookies, self.lock = base, {}, threading.Lock()
        if csrf:
            self.cookies["fg_csrf"] = csrf

    def connection(self, fresh=False):
        if fresh or getattr(local, "connection", None) is None:
            if getattr(local, "connection", None) is not None:
                local.connection.close()
            parts = urllib.parse.urlsplit(self.base)
            local.connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=60)
        return local.connection

    def request(self, method, path, form=None, body=None):
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
        for attempt in (0, 1):
            connection = self.connection(fresh=attempt > 0)
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                text = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                if attempt:  # a kept-alive connection the server had closed gets one more try on a new one
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.connection(fresh=True)
        for line in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if name != "fg_flash":
                    with self.lock:
                        self.cookies[name] = morsel.value
        return response.status, text

    def expect(self, status, method, path, **kwargs):
        got, text = self.request(method, path, **kwargs)
        if got != status:
            raise RuntimeError(f"{method} {path} answered {got}, not {status}: {text[:160]!r}")
        return text

    def log_in(self, handle):
        self.expect(200, "GET", "/login")
        self.expect(303, "POST", "/login", form={"login": handle, "password": PASSWORD, "next": "/"})
        return self


class Site:
    """What the load is made of, found through the API at the start."""

    def __init__(self, base, seconds):
        self.posted = self.limited = 0
        self.base, self.run, self.count, self.lock = base, secrets.token_hex(3), 0, threading.Lock()
        anon = Client(base)
        self.groups = [g["slug"] for page in (1, 2)
                       for g in json.loads(anon.expect(200, "GET", f"/api/v1/groups?page={page}"))["items"]
                       if g.get("visibility", "public") == "public"]
        self.cities = [c["slug"] for c in json.loads(anon.expect(200, "GET", "/api/v1/cities"))["items"]]
        last = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds + 3600))
        self.events, self.rsvp_events = [], []
        for page in (1, 2):
            for event in json.loads(anon.expect(200, "GET", f"/api/v1/events?page={page}"))["items"]:
                self.events.append(event["id"])
                detail = json.loads(anon.expect(200, "GET", f"/api/v1/events/{event['id']}"))["event"]
                if detail.get("placesAt") is None and event["status"] == "scheduled" and event["endsAt"] > last:
                    self.rsvp_events.append(event["id"])
        self.people = [Client(base).log_in(f"demo{n}") for n in range(1, 9)]
        self.posters = []
        for person in self.people:
            for item in json.loads(person.expect(200, "GET", "/api/v1/me/memberships"))["items"]:
                if item["status"] == "active" and item["role"] in ("organizer", "editor"):
                    self.posters.append((person, item["group"]["slug"]))
        self.rsvps, self.busy = set(), set()  # (person index, event) held now, and in use by a request
        if not (self.groups and self.events and self.rsvp_events and self.posters and self.cities):
            raise SystemExit("soak: the server shows too little demo data (groups, events, organizers, cities)")

    def serial(self):
        with self.lock:
            self.count += 1
            return self.count

    # Each operation raises on an answer it did not expect.
    def read(self):
        path = random.choice(["/", "/groups", "/groups/{g}", "/groups/{g}", "/journal", "/events", "/events/{e}",
                              "/library", "/debates"])
        Client(self.base).expect(200, "GET", path.format(g=random.choice(self.groups), e=random.choice(self.events)))

    def feed(self):
        path = random.choice(["/journal/feed.atom", "/groups/{g}/feed.atom", "/groups/{g}/events.ics",
                              "/cities/{c}/events.ics"])
        Client(self.base).expect(200, "GET", path.format(g=random.choice(self.groups), c=random.choice(self.cities)))

    def search(self):
        Client(self.base).expect(200, "GET", "/search?" + urllib.parse.urlencode({"q": random.choice(WORDS)}))

    def signed(self):
        random.choice(self.people).expect(200, "GET", random.choice(["/", "/me/events", "/api/v1/feed"]))

    def post(self):
        person, slug = random.choice(self.posters)
        n = self.serial()
        # Each person may post 30 times an hour (the site's rate limit); past that, 429 with Retry-After is the
        # right answer and is counted apart, not as an error. Some posts must still get through.
        got, text = person.request("POST", f"/api/v1/groups/{slug}/posts",
                                   body={"title": f"soak {self.run} post {n}", "body": f"Soak test post {n}."})
        if got == 429:
            with self.lock:
                self.limited += 1
            return
        if got != 201:
            raise RuntimeError(f"POST /api/v1/groups/{slug}/posts answered {got}, not 201: {text[:160]!r}")
        with self.lock:
            self.posted += 1

    def rsvp(self):
        with self.lock:
            free = [(p, e) for p in range(len(self.people)) for e in self.rsvp_events if (p, e) not in self.busy]
            pair = random.choice(free)
            self.busy.add(pair)
        try:
            person, event = self.people[pair[0]], pair[1]
            if pair in self.rsvps:
                person.expect(200, "DELETE", f"/api/v1/events/{event}/rsvp", body={})
                self.rsvps.discard(pair)
            else:
                person.expect(201, "POST", f"/api/v1/events/{event}/rsvp", body={})
                self.rsvps.add(pair)
        finally:
            with self.lock:
                self.busy.discard(pair)

    def rsvp_email(self):
        n, event = self.serial(), random.choice(self.rsvp_events)
        Client(self.base, csrf=secrets.token_urlsafe(32)).expect(
            202, "POST", f"/api/v1/events/{event}/rsvp/email",
            body={"name": f"Soak {n}", "email": f"soak{self.run}n{n}@soak.test"})

    def login(self):
        person = Client(self.base).log_in(f"demo{random.randint(1, 500)}")
        person.expect(200, "GET", "/")
        person.expect(303, "POST", "/logout", form={})


MIX = [("read", 50), ("feed", 12), ("search", 8), ("signed", 8), ("post", 6), ("rsvp", 6), ("rsvp_email", 4),
       ("login", 1)]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def slope(points):
    """Least-squares slope of (x, y) points, or 0 with fewer than two."""
    if len(points) < 2:
        return 0.0
    mx, my = sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=50, help="requests started a second")
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--sample-seconds", type=float, default=5)
    parser.add_argument("--max-rss-slope-kib-per-min", type=float, default=512)
    parser.add_argument("--junit")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    try:
        rss_kib(args.pid)
    except (OSError, RuntimeError) as failure:
        raise SystemExit(f"soak: cannot read the memory of process {args.pid}: {failure}")
    site = Site(base, args.seconds)
    print(f"soak: run {site.run}: {len(site.groups)} groups, {len(site.events)} events "
          f"({len(site.rsvp_events)} taking RSVPs), {len(site.posters)} groups to post to; "
          f"{args.rate:g}/s for {args.seconds:g} s on {args.threads} threads", flush=True)
    kinds, weights = zip(*MIX)
    jobs, results, samples, problems = queue.Queue(), [], [], []
    done = threading.Event()

    def worker():
        while (job := jobs.get()) is not None:
            at, kind = job
            try:
                getattr(site, kind)()
                error = None
            except Exception as failure:  # an unexpected answer or a broken connection
                error = f"{type(failure).__name__}: {failure}"
            results.append((at - start, kind, time.monotonic() - at, error))

    def sampler():
        while not done.is_set():
            try:
                samples.append((time.monotonic() - start, rss_kib(args.pid)))
            except (OSError, RuntimeError) as failure:
                problems.append(f"the server process {args.pid} is gone ({failure})")
                return
            done.wait(args.sample_seconds)

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)] + [threading.Thread(target=sampler)]
    for thread in threads:
        thread.start()
    rng, n = random.Random(1917), 0
    while (at := start + n / args.rate) < start + args.seconds and not problems:
        time.sleep(max(0.0, at - time.monotonic()))
        jobs.put((at, rng.choices(kinds, weights)[0]))
        n += 1
    for _ in range(args.threads):
        jobs.put(None)
    for thread in threads[:-1]:
        thread.join()
    done.set()
    threads[-1].join()
    try:
        samples.append((time.monotonic() - start, rss_kib(args.pid)))
    except (OSError, RuntimeError):
        pass

    minutes = int(args.seconds // 60) or 1
    print(f"\n{'minute':>6}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'RSS MiB':>9}")
    p99s = []
    for minute in range(minutes):
        rows = [r for r in results if minute * 60 <= r[0] < (minute + 1) * 60]
        latencies = [r[2] * 1000 for r in rows]
        rss = [kib for t, kib in samples if t < (minute + 1) * 60]
        p99s.append(percentile(latencies, 0.99))
        print(f"{minute + 1:>6}{len(rows):>10}{sum(1 for r in rows if r[3]):>8}{percentile(latencies, 0.5):>9.1f}"
              f"{p99s[-1]:>9.1f}{max(latencies, default=0):>9.1f}{(rss[-1] if rss else 0) / 1024:>9.1f}")
    print(f"\n{'kind':<11}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for kind in kinds:
        rows = [r for r in results if r[1] == kind]
        latencies = [r[2] * 1000 for r in rows]
        print(f"{kind:<11}{len(rows):>9}{sum(1 for r in rows if r[3]):>8}{percentile(latencies, 0.5):>9.1f}"
              f"{percentile(latencies, 0.99):>9.1f}")
    errors = [r for r in results if r[3]]
    late = [r for r in samples if r[0] >= args.seconds / 2]
    rss_slope = slope([(t / 60, kib) for t, kib in late])
    print(f"\nsoak: {len(results)} requests, {len(errors)} errors; RSS {samples[0][1] / 1024:.1f} MiB "
          f"-> {samples[-1][1] / 1024:.1f} MiB, slope over the second half {rss_slope:+.0f} KiB/min "
          f"({len(late)} samples); p99 first minute {p99s[0]:.1f} ms, last {p99s[-1]:.1f} ms")
    for r in errors[:10]:
        print(f"  error at {r[0]:.1f} s ({r[1]}): {r[3]}")
    print(f"posts: {site.posted} written, {site.limited} refused by the rate limit (429)")
    checks = [
        ("the server stayed up", "; ".join(problems) or None),
        ("no errors or 5xx", f"{len(errors)} errors, first: {errors[0][3]}" if errors else None),
        ("posts were written (past each person's 30 an hour, refused with 429)",
         None if site.posted > 0 else f"no post was written ({site.limited} refused by the rate limit)"),
        (f"RSS slope over the second half at most {args.max_rss_slope_kib_per_min:g} KiB/min",
         None if rss_slope <= args.max_rss_slope_kib_per_min else f"{rss_slope:+.0f} KiB/min"),
        ("last minute's p99 at most 3x the first's",
         None if p99s[-1] <= 3 * p99s[0] else f"{p99s[-1]:.1f} ms against {p99s[0]:.1f} ms"),
    ]
    for name, problem in checks:
        print(f"{'FAIL' if problem else 'ok  '} {name}" + (f": {problem}" if problem else ""))
    if args.junit:
        with open(args.junit, "w", encoding="utf-8") as out:
            failed = sum(1 for _, p in checks if p)
            out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="soak" tests="{len(checks)}" '
                      f'failures="{failed}" time="{args.seconds:.0f}">\n')
            for name, problem in checks:
                out.write(f'  <testcase classname="soak" name="{escape(name, {chr(34): "&quot;"})}">')
                if problem:
                    out.write(f'<failure message="{escape(problem[:300], {chr(34): "&quot;"})}">'
                              f'{escape(problem)}</failure>')
                out.write("</testcase>\n")
            out.write("</testsuite>\n")
    return 1 if any(p for _, p in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
