import Logging
import NIOCore
import SQLKit
import Synchronization

/// Counts the statements a store runs, so that tests can pin how many each page costs and a page that starts
/// querying once per row fails them.
package final class StatementCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Statements run so far through `Store.sql` and `Store.transaction`.
    package var statements: Int { count.load(ordering: .relaxed) }

    func add() { count.add(1, ordering: .relaxed) }
}

/// A database in front of another, which it speaks for: the same logger, loop, version and dialect.
protocol DatabaseInFront: SQLDatabase {
    var inner: any SQLDatabase { get }
}

extension DatabaseInFront {
    var logger: Logger { inner.logger }
    var eventLoop: any EventLoop { inner.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { inner.version }
    var dialect: any SQLDialect { inner.dialect }
    var queryLogLevel: Logger.Level? { inner.queryLogLevel }
}

/// A database that counts each statement and passes it on unchanged.
struct CountingDatabase: DatabaseInFront {
    let inner: any SQLDatabase
    let counter: StatementCounter

    func execute(
        sql query: any SQLExpression,
        _ onRow: @escaping @Sendable (any SQLRow) -> Void
    )
        -> EventLoopFuture<Void>
    {
        counter.add()
        return inner.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        counter.add()
        try await inner.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await inner.withSession { [counter] in try await closure(CountingDatabase(inner: $0, counter: counter)) }
    }
}
