import Foundation
import SQLKit

/// A row type that reads its own columns by name, through the accessors below, for the hottest reads (a page of
/// groups, a feed); every other row decodes into a `Decodable` struct. A synthesized `Decodable` init goes through
/// a keyed container, a coding key and a generic call per cell, which cost more than SQLite's own work on those
/// pages. Reading the cells straight from the row keeps the same rules: every column must be there, and a stored
/// value an enum does not know is an error (`StoredValueError`), never a default. `rows(_:)`, `row(_:)` and
/// `SQLRow.decode(_:)` take these as they take `Decodable` types.
package protocol RowReadable: Sendable {
    init(row: any SQLRow) throws
}

/// A stored value this version does not know: an error, never a silent default.
package struct StoredValueError: Error, CustomStringConvertible {
    package let column: String
    package let value: String
    package var description: String { "unknown value '\(value)' in column \(column)" }

    package init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}

extension SQLRow {
    /// The text in `column`, which must be there (an empty text for NULL is not given: NULL is an error).
    package func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }

    /// The truth value in `column` (0 or 1 on SQLite, a boolean on PostgreSQL).
    package func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }

    /// The time in `column`.
    package func date(_ column: String) throws -> Date { try decode(column: column, as: Date.self) }

    /// The value in `column`, or nil for NULL; the column must be there (reading it reports it missing).
    package func optional<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        guard contains(column: column) else { return try decode(column: column, as: type) }
        return try decodeNil(column: column) ? nil : decode(column: column, as: type)
    }

    /// The text in `column`, or nil for NULL; the column must be there.
    package func optionalText(_ column: String) throws -> String? { try optional(column, as: String.self) }

    /// The stored name of one of `E`'s cases.
    package func value<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        let stored = try text(column)
        guard let value = E(rawValue: stored) else { throw StoredValueError(column: column, value: stored) }
        return value
    }

    /// Reads the whole row into `T` by its own reader.
    package func decode<T: RowReadable>(_ type: T.Type) throws -> T { try T(row: self) }
}

extension SQLQueryFetcher {
    /// Every row of the query read into `T`.
    package func rows<T: RowReadable>(_ type: T.Type) async throws -> [T] {
        try await all().map { try T(row: $0) }
    }

    /// The first row of the query read into `T`, or nil when there is none.
    package func row<T: RowReadable>(_ type: T.Type) async throws -> T? {
        try await first().map { try T(row: $0) }
    }
}
