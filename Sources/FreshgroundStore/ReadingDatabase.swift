import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import SQLKit

/// The SQLite database that features see through `Store.sql`: reads go to a lent `SQLiteReaders` connection on the
/// caller's thread, and everything else (writes, schema, pragmas, and a read that could not be done there) goes to
/// SQLiteNIO as before. Features cannot tell the two apart: the same dialect, the same encoding of binds, and
/// values decoded by the same `SQLiteDataDecoder`.
struct ReadingDatabase: DatabaseInFront {
    let writer: any SQLDatabase
    let readers: SQLiteReaders

    var inner: any SQLDatabase { writer }

    func execute(
        sql query: any SQLExpression,
        _ onRow: @escaping @Sendable (any SQLRow) -> Void
    )
        -> EventLoopFuture<Void>
    {
        do {
            if try readHere(query, onRow) { return eventLoop.makeSucceededVoidFuture() }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return writer.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if try readHere(query, onRow) { return }
        try await writer.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writer.withSession(closure)
    }

    /// Runs `query` on a reader if it is a read and one is free; false when it should go to the writer instead.
    private func readHere(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws -> Bool {
        let (text, binds) = serialize(query)
        guard Self.looksLikeRead(text), let reader = readers.borrow() else { return false }
        defer { readers.giveBack(reader) }
        let values: [SQLiteData]
        do {
            values = try binds.map { try Self.encoder.encode($0) }
        } catch {
            return false
        }
        if let queryLogLevel { logger.log(level: queryLogLevel, "Reading", metadata: ["sql": .string(text)]) }
        do {
            let preparedAgain = try reader.read(text, binds: values) { onRow($0) }
            readers.countServed(preparedAgain: preparedAgain)
            return true
        } catch is ReadRefusal {
            return false
        }
    }

    /// Only a `SELECT` or `WITH` can be a read; SQLite then says for sure (`sqlite3_stmt_readonly`).
    static func looksLikeRead(_ sql: String) -> Bool {
        let start = sql.utf8.prefix { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D || $0 == 0x28 }.count
        let word = sql.utf8.dropFirst(start).prefix(6).map { $0 | 0x20 }
        return word.starts(with: Array("select".utf8)) || word.starts(with: Array("with".utf8))
    }

    static let encoder = SQLiteDataEncoder()
}

/// The column names of one read, shared by all of its rows.
final class ReadColumns: Sendable {
    let names: [String]

    init(names: [String]) { self.names = names }

    /// The position of `name`. A row has a handful of columns, mostly short names that Swift keeps inline, so
    /// comparing them in turn is quicker than hashing.
    func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}

/// One row of a read: its cells in column order.
struct ReadRow: SQLRow {
    let columns: ReadColumns
    let cells: [SQLiteData]

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index(of: column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.index(of: column) else { return true }
        return cells[index] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let index = columns.index(of: column) else {
            throw DecodingError.keyNotFound(
                SQLCodingKey(column),
                .init(codingPath: [], debugDescription: "the row has no column \(column); it has \(columns.names)")
            )
        }
        let cell = cells[index]
        // The commonest cells, converted as `SQLiteDataDecoder` would, without its dynamic cast.
        switch cell {
        case .integer(let number) where D.self == Int.self: return unsafeBitCast(number, to: D.self)
        case .text(let text) where D.self == String.self: return unsafeBitCast(text, to: D.self)
        case .float(let number) where D.self == Double.self: return unsafeBitCast(number, to: D.self)
        case .integer(let number) where D.self == Double.self: return unsafeBitCast(Double(number), to: D.self)
        // SQLiteNIO reads only 0 and 1 as truth values; anything else goes to its decoder, which refuses it.
        case .integer(let number) where D.self == Bool.self && (number == 0 || number == 1):
            return unsafeBitCast(number == 1, to: D.self)
        case .float(let seconds) where D.self == Date.self: return unsafeBitCast(Self.date(seconds), to: D.self)
        case .integer(let seconds) where D.self == Date.self:
            return unsafeBitCast(Self.date(Double(seconds)), to: D.self)
        default: return try Self.decoder.decode(D.self, from: cell)
        }
    }

    /// A stored time (seconds since 1970) as `SQLiteDataDecoder` reads it: to the microsecond, so that a time
    /// written and read back compares equal.
    private static func date(_ seconds: Double) -> Date {
        let sinceReference = seconds - Date.timeIntervalBetween1970AndReferenceDate
        return Date(timeIntervalSinceReferenceDate: (sinceReference * 1e6).rounded() / 1e6)
    }

    static let decoder = SQLiteDataDecoder()
}

/// A column's name as a coding key, for the error of a missing column.
private struct SQLCodingKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
