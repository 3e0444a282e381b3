import FluentKit
import Freshground
import FreshgroundStore
import Mail
import SQLKit
import Testing

/// The tables of the app's database that hold `text` anywhere in a row, for proving that a mailed token is kept
/// only as a digest. Of the outbox, only the messages still to send count: they must keep their links until then.
func tablesHolding(_ text: String, in app: TestApp) async throws -> [String] {
    let sql = app.store.sql
    var found: [String] = []
    for table in try await app.store.tableNames() {
        let query: SQLQueryString
        let done: SQLQueryString =
            table == "mail_outbox"
            ? "(sent_at IS NOT NULL OR attempts >= \(bind: Outbox.maxAttempts)) AND " : ""
        if app.store.isSQLite {
            let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))")
                .column("name", as: String.self)
            guard !columns.isEmpty else { continue }
            let holds = columns.map { "instr(CAST(\(ident: $0) AS TEXT), \(bind: text)) > 0" as SQLQueryString }
            query = "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(done)(\(holds.joined(separator: " OR ")))"
        } else {
            query = "SELECT COUNT(*) AS n FROM \(ident: table) t WHERE \(done)strpos(t::text, \(bind: text)) > 0"
        }
        if try await sql.raw(query).value("n", as: Int.self) ?? 0 > 0 { found.append(table) }
    }
    return found
}

extension TestApp {
    /// Runs the migration named `name` once more, as the upgrade of a database made before it would.
    func rerun(migration name: String) async throws {
        let migration = try #require(allMigrations.first { $0.name == name })
        try await migration.prepare(on: store.db).get()
    }
}
