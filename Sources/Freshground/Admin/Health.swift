import FreshgroundStore
import FreshgroundWeb
import HTTPTypes
import Hummingbird

/// What a supervisor and a monitor ask of a running server.
///
/// - `/healthz`: the process answers (200) and can reach its database (503 otherwise).
/// - `/readyz`: ready for traffic: the database answers and has every migration this build knows (503 with what
///   is missing otherwise), for a load balancer to wait on after an upgrade.
/// - `/metrics`: counts in Prometheus's format. Only for the machine itself (a loopback address) unless the site
///   sets `METRICS_TOKEN` (key `metrics.token`), which a scraper then sends as a bearer token.
/// - `/healthz/bare`: the framework's bare route, the ceiling the benchmark compares pages against.
enum Health {
    struct Status: Encodable {
        let status: String
        let database: String
        var pendingMigrations: [String]?
    }

    static func register(on router: Router<AppContext>, services: AppServices, metricsToken: String) {
        let store = services.store
        router.get("/healthz") { _, _ in
            let reachable = await store.ping()
            return try Reply.json(
                Status(status: reachable ? "ok" : "unavailable", database: store.url.dialectName),
                status: reachable ? .ok : .serviceUnavailable
            )
        }
        router.get("/readyz") { _, _ in
            guard await store.ping(), let pending = try? await SiteStatus.pendingMigrations(on: store.sql) else {
                return try Reply.json(
                    Status(status: "unavailable", database: store.url.dialectName),
                    status: .serviceUnavailable
                )
            }
            return try Reply.json(
                Status(
                    status: pending.isEmpty ? "ready" : "migrations pending",
                    database: store.url.dialectName,
                    pendingMigrations: pending
                ),
                status: pending.isEmpty ? .ok : .serviceUnavailable
            )
        }
        router.get("/metrics") { request, context in
            guard allowed(request, context, token: metricsToken) else {
                throw AppError.forbidden("Metrics are for the machine itself, or for a scraper with the token.")
            }
            await record(services)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok,
                headers: headers,
                body: .init(byteBuffer: .init(string: services.observatory.exposition()))
            )
        }
        router.get("/healthz/bare") { _, _ in "ok" }
    }

    static func allowed(_ request: Request, _ context: AppContext, token: String) -> Bool {
        if !token.isEmpty { return request.headers[.authorization] == "Bearer \(token)" }
        return ["127.0.0.1", "::1", "localhost"].contains(context.remoteAddress)
    }

    /// Reads the gauges that are states rather than events, at each scrape.
    static func record(_ services: AppServices) async {
        let status = await SiteStatus.read(services: services)
        let gauges = services.observatory
        gauges.set("freshground_up", status.reachable ? 1 : 0, labels: [("version", freshgroundVersion)])
        for (name, queue) in [("mail", status.mail), ("federation", status.federation)] {
            gauges.set("freshground_queue_waiting", Double(queue.waiting), labels: [("queue", name)])
            gauges.set("freshground_queue_failed", Double(queue.failed), labels: [("queue", name)])
            gauges.set("freshground_queue_oldest_age_seconds", queue.oldestAge, labels: [("queue", name)])
            gauges.set("freshground_queue_sent_last_day", Double(queue.sentToday), labels: [("queue", name)])
        }
        gauges.set("freshground_migrations_pending", Double(status.pendingMigrations.count))
        gauges.set("freshground_database_bytes", Double(status.databaseBytes))
        gauges.set("freshground_media_bytes", Double(status.mediaBytes))
        let pool = services.store.pool
        gauges.set("freshground_db_connections", Double(pool.writers), labels: [("kind", "writer")])
        gauges.set("freshground_db_connections", Double(pool.readersOpen), labels: [("kind", "reader")])
        gauges.set("freshground_db_reads_on_readers_total", Double(pool.readsOnReaders))
        gauges.set("freshground_db_statements_prepared_again_total", Double(services.store.statementsPreparedAgain))
        gauges.set("freshground_db_statements_total", Double(services.store.counter.statements))
        gauges.set("freshground_db_statements_named", Double(services.store.statementsPrepared))
        gauges.set("freshground_timed_passes_total", Double(services.observatory.timedPasses))
    }
}
