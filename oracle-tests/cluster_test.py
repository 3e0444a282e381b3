#!/usr/bin/env python3
"""Several Freshground processes on one PostgreSQL database, behind HAProxy (what scripts/cluster runs).

    oracle-tests/cluster_test.py --binary .build/debug/freshground --admin-url postgres://…/postgres \\
        [--processes 3] [--short] [--junit FILE] [--serve] [--bench] [--workdir DIR]

Makes a fresh database with `freshground demo` in it, queues mail straight into the outbox, starts a mail sink
(crash_parts.Sink, slowed so that one process alone would take seconds), then the processes (all at once, each
with a page cache kept for ten minutes, so only a change announced by another process can empty it) and HAProxy in
front of them (round robin, health checks on /healthz every 300 ms, retries of idempotent requests on another
process). The checks, one JUnit testcase each:

  session      demo1 signs in on process 1; the session cookie works on every other process, and once signed out
               on the last, on none
  cache        an anonymous visitor has a public group's page cached on every process; its organizer renames it
               on process 1; every process shows the new name within a second (without the announcement the
               old page would stay for ten minutes)
  mail         every queued message reaches the sink exactly once, though every process sends
  failover     clients read pages through HAProxy while one process is killed with SIGKILL: no request fails
               beyond those in flight at the kill (HAProxy retries those of them it can), and the rest keep going

--serve starts the same and waits (Ctrl-C stops everything). --bench measures requests/s through HAProxy with 1, 2
and 3 processes (wrk, 32 connections, a signed-in group page, which no cache serves) and prints a Markdown table.
Standard library only; kills what it started on any exit.
"""
import argparse, atexit, concurrent.futures as cf, os, re, secrets, shutil, signal, socket, subprocess
import sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_parts import STARTED, Database, FormFields, Session, SlowSink, free_port  # noqa: E402


class Cluster:
    def __init__(self, args):
        self.args, self.processes, self.ports, self.haproxy = args, [], [], None
        self.workdir = args.workdir or tempfile.mkdtemp(prefix="fg-cluster-")
        name = f"fg_cluster_{secrets.token_hex(4)}"
        Database(args.admin_url).rows(f"CREATE DATABASE {name}")
        self.url = args.admin_url.rsplit("/", 1)[0] + "/" + name
        self.db = Database(self.url)
        self.sink = SlowSink(os.path.join(self.workdir, "mail"), args.mail_delay)

    def demo(self):
        subprocess.run([self.args.binary, "demo", "--database", self.url], check=True, cwd=self.workdir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def queue_mail(self, count):
        """Queues `count` messages as features do (Outbox.enqueue's columns), due now; returns their addresses."""
        addresses = [f"cluster{i}@example.org" for i in range(count)]
        values = ",".join(f"('{a}', 'Cluster {i}', 'Exactly once {i}', 'Body {i}', 0, now(), now())"
                          for i, a in enumerate(addresses))
        self.db.rows("INSERT INTO mail_outbox (recipient, recipient_name, subject, body, attempts, next_attempt_at, "
                     f"created_at) VALUES {values}")
        return addresses

    def start(self, count):
        """Starts `count` processes at once and waits until each answers /healthz."""
        env = dict(os.environ, MAIL_SMTP=f"smtp://127.0.0.1:{self.sink.server_address[1]}",
                   HTTP_PAGE_CACHE_SECONDS="600", LOG_LEVEL="info", FEDERATION_ENABLED="false",
                   HTTP_TRUSTED_PROXIES="127.0.0.1")
        for index in range(count):
            port = free_port()
            log = open(os.path.join(self.workdir, f"serve-{index + 1}.log"), "w")
            process = subprocess.Popen([self.args.binary, "serve", "--host", "127.0.0.1", "--port", str(port),
                                        "--database", self.url], cwd=self.workdir, env=env, stdout=log,
                                       stderr=subprocess.STDOUT)
            STARTED.append(process)
            self.processes.append(process)
            self.ports.append(port)
        for port, process in zip(self.ports, self.processes):
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    if Session(port).request("GET", "/healthz", timeout=5)[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            else:
                raise SystemExit(f"cluster: the process on port {port} did not come up; see {self.workdir}")

    def start_haproxy(self, servers):
        """(Re)starts HAProxy in front of the first `servers` processes; returns its port."""
        if self.haproxy:
            self.haproxy.terminate()
            self.haproxy.wait()
        self.port = getattr(self, "port", None) or free_port()
        lines = "\n".join(f"  server fg{i + 1} 127.0.0.1:{p} check" for i, p in enumerate(self.ports[:servers]))
        config = os.path.join(self.workdir, "haproxy.cfg")
        with open(config, "w") as out:
            out.write(f"""global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 502 503 504
frontend web
  bind 127.0.0.1:{self.port}
  http-request disable-l7-retry if !METH_GET !METH_HEAD
  default_backend freshground
backend freshground
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  default-server inter 300ms fall 2 rise 2
{lines}
""")
        log = open(os.path.join(self.workdir, "haproxy.log"), "a")
        self.haproxy = subprocess.Popen([self.args.haproxy, "-db", "-f", config], stdout=log, stderr=log)
        STARTED.append(self.haproxy)
        for _ in range(100):
            try:
                if Session(self.port).request("GET", "/healthz", timeout=2)[0] == 200:
                    return self.port
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"cluster: HAProxy did not answer; see {self.workdir}/haproxy.log")

    def stop(self):
        for process in STARTED:
            if process.poll() is None:
                process.terminate()
        for process in STARTED:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()

    def sent_per_process(self):
        """How many messages each process's log says it sent."""
        counts = []
        for index in range(len(self.processes)):
            with open(os.path.join(self.workdir, f"serve-{index + 1}.log")) as log:
                counts.append(sum(int(n) for n in re.findall(r"Sent (\d+) queued mail", log.read())))
        return counts


def check_session(cluster):
    first = Session(cluster.ports[0]).log_in("demo1")
    everywhere = [Session(p) for p in cluster.ports[1:]]
    for other in everywhere:
        other.cookies = dict(first.cookies)
    seen = [('class="whoami"' in other.request("GET", "/")[1]) for other in everywhere]
    last = everywhere[-1]
    status, _, _ = last.request("POST", "/logout", form={})
    still = []
    for port in cluster.ports:
        probe = Session(port)
        probe.cookies = dict(first.cookies)
        still.append('class="whoami"' in probe.request("GET", "/")[1])
    problems = []
    if not all(seen):
        problems.append(f"the session made on process 1 did not sign in on processes {seen}")
    if status != 303:
        problems.append(f"signing out answered {status}")
    if any(still):
        problems.append(f"after signing out on the last process, the session still works on {still}")
    return problems, f"signed in on {len(cluster.ports)} processes with one cookie; signed out everywhere at once"


def check_cache(cluster):
    row = cluster.db.rows("SELECT g.slug, g.name FROM groups g JOIN memberships m ON m.group_id = g.id "
                          "JOIN people p ON p.id = m.person_id WHERE p.handle = 'demo1' AND m.role = 'organizer' "
                          "AND g.visibility = 'public' AND g.origin IS NULL ORDER BY g.id LIMIT 1")
    if not row:
        return ["demo1 organizes no public group"], ""
    slug, name = row[0]
    path = f"/groups/{slug}"
    for port in cluster.ports:  # every process keeps the page for ten minutes
        for _ in range(2):
            Session(port).request("GET", path)
    organizer = Session(cluster.ports[0]).log_in("demo1")
    edit_page = organizer.request("GET", f"{path}/edit")[1]
    form = FormFields(f"{path}/edit")
    form.feed(edit_page)
    fields = dict((k, v) for k, v in form.fields if k != "_csrf")
    mark = secrets.token_hex(4)
    fields["name"] = f"{name} {mark}"
    status, text, flash = organizer.request("POST", f"{path}/edit", form=fields)
    changed = time.monotonic()
    if status != 303 or not flash.startswith("Saved"):
        return [f"renaming the group answered {status}: {flash or text[:300]}"], ""
    delays, problems = [], []
    for index, port in enumerate(cluster.ports):
        while True:
            if mark in Session(port).request("GET", path)[1]:
                delays.append(time.monotonic() - changed)
                break
            if time.monotonic() - changed > 1.0:
                problems.append(f"process {index + 1} still served the old page a second after the change")
                break
            time.sleep(0.01)
    return problems, "new name on every process after " + ", ".join(f"{d * 1000:.0f} ms" for d in delays)


def check_mail(cluster, addresses):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(cluster.sink.received.get(a, 0) for a in addresses) < len(addresses):
        time.sleep(0.25)
    time.sleep(2)  # anything sent twice would arrive meanwhile
    counts = [cluster.sink.received.get(a, 0) for a in addresses]
    unsent = cluster.db.column("SELECT count(*) FROM mail_outbox WHERE recipient LIKE 'cluster%' "
                               "AND sent_at IS NULL")[0]
    per_process = cluster.sent_per_process()
    problems = []
    if any(c == 0 for c in counts):
        problems.append(f"{sum(c == 0 for c in counts)} of {len(counts)} messages never arrived")
    if any(c > 1 for c in counts):
        problems.append(f"{sum(c > 1 for c in counts)} messages arrived more than once")
    if unsent != "0":
        problems.append(f"{unsent} outbox rows are not marked sent")
    if sum(1 for n in per_process if n > 0) < 2:
        problems.append(f"only one process sent mail ({per_process}), so nothing was shared; the check proves little")
    return problems, f"{len(counts)} messages, each once; sent per process (their logs): {per_process}"


def check_failover(cluster, seconds, threads):
    port = cluster.start_haproxy(len(cluster.ports))
    paths = ["/", "/groups", "/events", "/library", "/healthz"]
    stop, lock = threading.Event(), threading.Lock()
    results = {"ok": 0, "failed": 0, "after": 0}
    failures = []
    killed_at = [None]

    def client(index):
        session = Session(port)
        n = index
        while not stop.is_set():
            n += 1
            try:
                status = session.request("GET", paths[n % len(paths)], timeout=10)[0]
                good, detail = status == 200, f"status {status}"
            except Exception as error:
                good, detail = False, type(error).__name__
            with lock:
                if good:
                    results["ok"] += 1
                    if killed_at[0] and time.monotonic() - killed_at[0] > 1:
                        results["after"] += 1
                else:
                    results["failed"] += 1
                    failures.append(detail)

    pool = cf.ThreadPoolExecutor(threads)
    for index in range(threads):
        pool.submit(client, index)
    time.sleep(seconds / 3)
    victim = cluster.processes[1]
    victim.send_signal(signal.SIGKILL)
    killed_at[0] = time.monotonic()
    time.sleep(seconds * 2 / 3)
    stop.set()
    pool.shutdown(wait=True)
    problems = []
    if results["failed"] > threads:
        problems.append(f"{results['failed']} requests failed, more than the {threads} that can be in flight: "
                        f"{sorted(set(failures))}")
    if results["after"] == 0:
        problems.append("no request succeeded after the kill")
    return problems, (f"{results['ok']} answered, {results['failed']} failed ({sorted(set(failures))}), "
                      f"{results['after']} of them more than a second after process 2 was killed")


def bench(cluster, seconds):
    """Requests/s of a signed-in group page through HAProxy with 1, 2, 3 processes, and straight to one."""
    organizer = Session(cluster.ports[0]).log_in("demo1")
    cookie = "; ".join(f"{k}={v}" for k, v in organizer.cookies.items())
    slug = cluster.db.column("SELECT slug FROM groups WHERE visibility = 'public' ORDER BY id LIMIT 1")[0]
    rows = []

    def wrk(port):
        out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}",
                              f"http://127.0.0.1:{port}/groups/{slug}"], capture_output=True, text=True).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return rate, p99, int(errors.group(1)) if errors else 0

    rows.append(("one process, no HAProxy", *wrk(cluster.ports[0])))
    for count in range(1, len(cluster.ports) + 1):
        rows.append((f"{count} process{'es' if count > 1 else ''} behind HAProxy", *wrk(cluster.start_haproxy(count))))
    print(f"\n| setup | requests/s | p99 | non-2xx |\n|---|---:|---:|---:|")
    for name, rate, p99, errors in rows:
        print(f"| {name} | {rate:,.0f} | {p99} | {errors} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--admin-url", required=True, help="a PostgreSQL URL allowed to CREATE DATABASE")
    parser.add_argument("--haproxy", default="haproxy")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--short", action="store_true", help="fewer messages, a shorter failover")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--bench", action="store_true")
    parser.add_argument("--junit")
    parser.add_argument("--workdir")
    parser.add_argument("--mail-delay", type=float, default=0.1)
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    if args.processes < 2:
        parser.error("--processes must be at least 2")
    cluster = Cluster(args)
    atexit.register(cluster.stop)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"cluster: database {cluster.url}, work dir {cluster.workdir}", flush=True)
    cluster.demo()
    addresses = cluster.queue_mail(100 if args.short else 300)
    cluster.start(args.processes)
    port = cluster.start_haproxy(args.processes)
    print(f"cluster: processes on ports {cluster.ports}; HAProxy on http://127.0.0.1:{port}", flush=True)
    if args.serve:
        print("cluster: serving; Ctrl-C stops everything", flush=True)
        try:
            while all(p.poll() is None for p in cluster.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        return 0
    if args.bench:
        bench(cluster, 10)
        return 0
    checks = [("session", lambda: check_session(cluster)), ("cache", lambda: check_cache(cluster)),
              ("mail", lambda: check_mail(cluster, addresses)),
              ("failover", lambda: check_failover(cluster, 6 if args.short else 15, 16))]
    cases, failed = [], 0
    for name, run in checks:
        started = time.monotonic()
        try:
            problems, detail = run()
        except Exception as error:  # a check that cannot run fails
            problems, detail = [f"{type(error).__name__}: {error}"], ""
        took = time.monotonic() - started
        print(f"cluster: {name}: {'FAILED: ' + '; '.join(problems) if problems else 'ok'} ({detail})", flush=True)
        failed += bool(problems)
        cases.append((name, took, problems))
    if args.junit:
        from xml.sax.saxutils import quoteattr
        with open(args.junit, "w") as out:
            out.write(f'<testsuite name="cluster" tests="{len(cases)}" failures="{failed}">\n')
            for name, took, problems in cases:
                out.write(f'  <testcase classname="cluster" name="{name}" time="{took:.2f}">')
                if problems:
                    out.write(f"<failure message={quoteattr('; '.join(problems))}/>")
                out.write("</testcase>\n")
            out.write("</testsuite>\n")
    print(f"cluster: {len(cases) - failed} passed, {failed} failed", flush=True)
    if not failed and not args.workdir:  # the logs are kept when something failed
        cluster.stop()
        shutil.rmtree(cluster.workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
