import SQLKit
import Synchronization

/// Decodes one row into a `Decodable` value whose properties are its columns (see `SQLRow.decode(_:)`), the
/// whole of what the store's readers need and no more: every property is a column, named by
/// `columnName(forProperty:)` after an optional prefix, and a column the row lacks is an error even for an optional
/// property, so a misspelt alias never reads as nil. It asks the row for each cell once, where SQLKit's general
/// decoder asked two or three times and built the column's name anew each time: pages that read thousands of
/// rows spent most of their time there.
struct RowDecoder: Decoder {
    let row: any SQLRow
    let prefix: String

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Cells<Key>(row: row, prefix: prefix))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row is not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row is not one value"))
    }
}

/// The cells of one row, by property name.
private struct Cells<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: any SQLRow
    let prefix: String

    var codingPath: [any CodingKey] { [] }
    /// The row's columns as they are named (after the prefix), for a reader that takes whatever was selected.
    var allKeys: [Key] {
        row.allColumns.filter { $0.hasPrefix(prefix) }.compactMap {
            Key(stringValue: String($0.dropFirst(prefix.count)))
        }
    }

    /// Every property is a column: a missing one is reported by the read, not skipped as absent.
    func contains(_ key: Key) -> Bool { true }

    func decodeNil(forKey key: Key) throws -> Bool {
        let column = self.column(key)
        guard row.contains(column: column) else { throw missing(key, column) }
        return try row.decodeNil(column: column)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let column = self.column(key)
        guard row.contains(column: column) else { throw missing(key, column) }
        return try row.decode(column: column, as: type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let column = self.column(key)
        guard row.contains(column: column) else { throw missing(key, column) }
        return try row.decodeNil(column: column) ? nil : row.decode(column: column, as: type)
    }

    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a cell is one value"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a cell is one value"))
    }

    func superDecoder() throws -> any Decoder { RowDecoder(row: row, prefix: prefix) }

    func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row, prefix: prefix) }

    private func column(_ key: Key) -> String {
        let name = knownColumnNames.column(forProperty: key.stringValue)
        return prefix.isEmpty ? name : prefix + name
    }

    private func missing(_ key: Key, _ column: String) -> DecodingError {
        .keyNotFound(
            key,
            .init(codingPath: [], debugDescription: "the row has no column \(column); it has \(row.allColumns)")
        )
    }
}

/// The column of each property name met so far. Every cell of every decoded row asks for its column, and the
/// names are the properties of a few dozen row types, so each is worked out once per process.
private let knownColumnNames = ColumnNames()

private final class ColumnNames: Sendable {
    private let known = Mutex<[String: String]>([:])

    func column(forProperty key: String) -> String {
        if let column = known.withLock({ $0[key] }) { return column }
        let column = columnName(forProperty: key)
        known.withLock { $0[key] = column }
        return column
    }
}
