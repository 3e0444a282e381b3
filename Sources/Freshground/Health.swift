import FreshgroundStore
import FreshgroundWeb
import Hummingbird

/// `/healthz` answers 200 once the database is reachable (503 otherwise); `/healthz/bare` is the
/// framework's bare route, the ceiling the benchmark compares pages against.
enum Health {
    struct Status: Encodable {
        let status: String
        let database: String
    }

    static func register(on router: Router<AppContext>, store: Store) {
        router.get("/healthz") { _, _ in
            let reachable = await store.ping()
            return try Reply.json(
                Status(status: reachable ? "ok" : "unavailable", database: store.url.dialectName),
                status: reachable ? .ok : .serviceUnavailable
            )
        }
        router.get("/healthz/bare") { _, _ in "ok" }
    }
}
