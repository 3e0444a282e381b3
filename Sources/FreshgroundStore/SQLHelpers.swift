import FluentKit
import Foundation
import SQLKit

extension SQLDatabase {
    /// Inserts one row and returns its database-generated integer id (both SQLite and PostgreSQL support
    /// `RETURNING`).
    package func insertReturningID(into table: String, _ values: [String: any Encodable & Sendable]) async throws -> Int
    {
        let columns = values.keys.sorted()
        var query = insert(into: table).columns(columns)
        query = query.values(columns.map { SQLBind(values[$0]!) })
        guard let row = try await query.returning("id").first() else {
            throw StoreError.unreachable("insert into \(table) returned no id")
        }
        return try row.decode(column: "id", as: Int.self)
    }

    /// Counts rows of a query built by `build`, which receives a `SELECT COUNT(*) AS n`.
    package func count(_ build: (SQLSelectBuilder) -> SQLSelectBuilder, from table: String) async throws -> Int {
        let query = build(select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table))
        guard let row = try await query.first() else { return 0 }
        return try row.decode(column: "n", as: Int.self)
    }
}

/// Builds a `LIKE` pattern that matches `text` anywhere, with the wildcards in `text` taken literally
/// (used with `ESCAPE '\'`).
package func likePattern(containing text: String) -> String {
    var escaped = ""
    for character in text.lowercased() {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return "%\(escaped)%"
}

extension Error {
    /// True when the database refused a write because of a constraint, such as a unique index already
    /// holding the value.
    package var isConstraintFailure: Bool {
        (self as? any DatabaseError)?.isConstraintFailure ?? false
    }
}

extension SQLDatabase {
    /// Inserts many rows with multi-row `VALUES`, in chunks that stay under both engines' bind limits.
    package func insertRows(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let chunk = max(1, 30_000 / max(1, columns.count))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + chunk)
            var query = insert(into: table).columns(columns)
            for row in rows[start..<end] { query = query.values(row.map { SQLBind($0) }) }
            try await query.run()
            start = end
        }
    }
}

extension SQLRow {
    /// Decodes the whole row into `T`, whose properties are the columns in camelCase (`place_kind` is
    /// `placeKind`, `city_id` is `cityID`, `body_html` is `bodyHTML`). A column the row lacks is an error even for
    /// an optional property, and a stored value an enum does not know is an error, never a default.
    package func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: RowDecoder(row: self, prefix: ""))
    }

    /// Decodes the columns that start with `prefix` into `T` (`host_slug`, `host_name` with prefix `host_` give a
    /// value whose properties are `slug` and `name`), for a struct joined in twice under different names.
    package func decode<T: Decodable>(_ type: T.Type, prefix: String) throws -> T {
        try T(from: RowDecoder(row: self, prefix: prefix))
    }

    /// The whole number in the column called `name`, for columns named at run time (such as `PersonFact`s).
    package func integer(_ name: String) throws -> Int {
        try decode(column: name, as: Int.self)
    }
}

extension SQLQueryFetcher {
    /// Every row of the query decoded into `T`, as `SQLRow.decode(_:)` does.
    package func rows<T: Decodable>(_ type: T.Type) async throws -> [T] {
        try await all().map { try $0.decode(type) }
    }

    /// The first row of the query decoded into `T`, or nil when there is none.
    package func row<T: Decodable>(_ type: T.Type) async throws -> T? {
        try await first().map { try $0.decode(type) }
    }

    /// The value of one column in every row (an id list, say).
    package func column<T: Decodable>(_ name: String, as type: T.Type) async throws -> [T] {
        try await all(decodingColumn: name, as: type)
    }

    /// The value of one column in the first row, or nil when there is no row.
    package func value<T: Decodable>(_ name: String, as type: T.Type) async throws -> T? {
        try await first(decodingColumn: name, as: type)
    }
}

/// A Swift property name as its column: `placeKind` is `place_kind`, and a run of capitals is one word, so
/// `cityID` is `city_id` and `bodyHTMLText` is `body_html_text`. (SQLKit's own snake case made
/// something else for `cityID`, and an optional property then silently read nil.)
package func columnName(forProperty key: String) -> String {
    // Every row decoded asks this once per column read, so names in ASCII (all of ours) take a byte path:
    // nine times faster than Characters' Unicode properties, which were the most of decoding 1,000 rows.
    let bytes = Array(key.utf8)
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return unicodeColumnName(key) }
    let upper: ClosedRange<UInt8> = 65...90
    let lower: ClosedRange<UInt8> = 97...122
    let digit: ClosedRange<UInt8> = 48...57
    var column: [UInt8] = []
    column.reserveCapacity(bytes.count + 4)
    for (index, byte) in bytes.enumerated() {
        if upper.contains(byte), index > 0 {
            let previous = bytes[index - 1]
            let nextIsLower = index + 1 < bytes.count && lower.contains(bytes[index + 1])
            if lower.contains(previous) || digit.contains(previous) || (upper.contains(previous) && nextIsLower) {
                column.append(UInt8(ascii: "_"))
            }
        }
        column.append(upper.contains(byte) ? byte + 32 : byte)
    }
    return String(decoding: column, as: UTF8.self)
}

/// The same rule over Characters, for a name outside ASCII.
private func unicodeColumnName(_ key: String) -> String {
    let characters = Array(key)
    var column = ""
    column.reserveCapacity(characters.count + 4)
    for (index, character) in characters.enumerated() {
        if character.isUppercase, index > 0 {
            let previous = characters[index - 1]
            let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
            if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { column += "_" }
        }
        column += character.lowercased()
    }
    return column
}
