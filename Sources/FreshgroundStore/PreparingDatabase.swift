import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import SQLKit
import Synchronization

/// The PostgreSQL database that features see through `Store.sql`: each statement runs as a named prepared
/// statement of the connection it lands on, so PostgreSQL parses and plans it once per connection instead of on
/// every run. A profile of the group page at 32 connections showed PostgreSQL spending four times as long parsing
/// and planning the page's small statements as running them.
///
/// postgres-nio prepares and caches statements per connection, but only for types whose SQL is fixed when the
/// program is compiled (`PostgresPreparedStatement`); ours are built at run time. So one such type reads its name
/// and text from a task-local value that is set around each run. A statement is named by its text and the Swift
/// types of its bound values (a nil is sent without a type and PostgreSQL infers one, so nil or not is part of the
/// name too). Anything this cannot send the same way SQLKit would (a value that is not a plain PostgreSQL type),
/// and every statement after `StatementNames.limit` names are given out, goes through SQLKit's unnamed
/// statements as before. Transactions keep SQLKit's path too.
struct PreparingDatabase: DatabaseInFront {
    let inner: any SQLDatabase
    let names: StatementNames

    func execute(
        sql query: any SQLExpression,
        _ onRow: @escaping @Sendable (any SQLRow) -> Void
    )
        -> EventLoopFuture<Void>
    {
        eventLoop.makeFutureWithTask { try await execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (text, binds) = serialize(query)
        guard let postgres = inner as? any PostgresDatabase, let (bindings, shape) = Self.bindings(binds),
            let name = names.name(text: text, shape: shape)
        else {
            return try await inner.execute(sql: query, onRow)
        }
        if let queryLogLevel { logger.log(level: queryLogLevel, "Executing \(name)", metadata: ["sql": .string(text)]) }
        let logger = self.logger
        do {
            _ = try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await RunTimeStatement.$current.withValue(.init(name: name, sql: text)) {
                        let rows = try await connection.execute(RunTimeStatement(bindings: bindings), logger: logger)
                        for try await row in rows { onRow(PostgresReadRow(row)) }
                    }
                }
            }.get()
        } catch let error as PSQLError where Self.mayBeKeptAsFailed(error) {
            // postgres-nio keeps a statement that failed to prepare as failed for the rest of the connection's life;
            // a new name lets it be prepared afresh once what it names exists.
            names.forget(text: text, shape: shape)
            throw error
        }
    }

    /// True for the errors of a statement PostgreSQL could not prepare: a table, column or function it names that
    /// does not exist (yet), or a prepared statement gone from the connection.
    private static func mayBeKeptAsFailed(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("42") || state == "26000"
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await inner.withSession(closure)
    }

    /// The values bound as SQLKit's PostgreSQL driver binds them, with the shape that names the statement; nil when
    /// one of them needs more than a plain PostgreSQL type (SQLKit then encodes it its own way).
    static func bindings(_ values: [any Encodable & Sendable]) -> (PostgresBindings, [ObjectIdentifier?])? {
        var bindings = PostgresBindings(capacity: values.count)
        var shape: [ObjectIdentifier?] = []
        shape.reserveCapacity(values.count)
        for value in values {
            guard let kind = try? append(value, to: &bindings) else { return nil }
            shape.append(kind)
        }
        return (bindings, shape)
    }

    /// Appends `value` the way PostgresKit does for nils and plain PostgreSQL types; its Swift type, nil for a nil,
    /// or a thrown `Unsupported` for anything else.
    private static func append<T: Encodable>(
        _ value: T,
        to bindings: inout PostgresBindings
    ) throws
        -> ObjectIdentifier?
    {
        if (value as Any?) == nil || Self.isNone(value) {
            bindings.appendNull()
            return nil
        }
        guard let plain = value as? any PostgresThrowingDynamicTypeEncodable else { throw Unsupported() }
        try bindings.append(plain, context: .default)
        return ObjectIdentifier(type(of: plain))
    }

    /// True for an optional holding nothing, whatever it wraps.
    private static func isNone(_ value: Any) -> Bool {
        if let optional = value as? any OptionalValue { return optional.holdsNothing }
        return false
    }

    private struct Unsupported: Error {}
}

/// An optional, asked whether it holds a value without knowing what it wraps.
private protocol OptionalValue {
    var holdsNothing: Bool { get }
}

extension Optional: OptionalValue {
    fileprivate var holdsNothing: Bool { self == nil }
}

/// The names given to statements, one per text and shape of bound values, shared by every connection of a store.
package final class StatementNames: Sendable {
    private struct Key: Hashable {
        let text: String
        let shape: [ObjectIdentifier?]
    }

    /// How many names are given out; later statements run unnamed, so statements built with a varying number of
    /// values (an `IN` list) cannot fill PostgreSQL's memory with prepared statements.
    static let limit = 2_000

    private struct State {
        var names: [Key: String] = [:]
        var issued = 0
    }

    private let state = Mutex(State())

    /// How many statements have names now.
    package var count: Int { state.withLock { $0.names.count } }

    func name(text: String, shape: [ObjectIdentifier?]) -> String? {
        state.withLock { state in
            let key = Key(text: text, shape: shape)
            if let name = state.names[key] { return name }
            guard state.issued < Self.limit else { return nil }
            state.issued += 1
            let name = "fg_\(state.issued)"
            state.names[key] = name
            return name
        }
    }

    /// Drops a statement's name, so that its next run prepares it under a new one.
    func forget(text: String, shape: [ObjectIdentifier?]) {
        _ = state.withLock { $0.names.removeValue(forKey: Key(text: text, shape: shape)) }
    }
}

/// A statement whose name and text are given at run time through `current`; see `PreparingDatabase`.
private struct RunTimeStatement: PostgresPreparedStatement {
    struct Text: Sendable {
        let name: String
        let sql: String
    }

    @TaskLocal static var current = Text(name: "", sql: "")

    static var name: String { current.name }
    static var sql: String { current.sql }

    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
