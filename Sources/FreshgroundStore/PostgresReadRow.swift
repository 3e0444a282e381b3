import FluentPostgresDriver
import Foundation
import SQLKit

/// One row of a named statement on PostgreSQL (`PreparingDatabase`). PostgresKit's row decodes every cell through
/// its general translation, which builds a coding path and, for anything that is not a plain PostgreSQL type (every
/// enum of ours), a whole `Decoder`: 18% of the group page's CPU on PostgreSQL. The commonest pairs of Swift type
/// and column type are decoded here straight from the cell, exactly as that translation's own fast path does, and
/// an enum kept as text from its text; everything else is left to PostgresKit.
struct PostgresReadRow: SQLRow {
    let row: PostgresRow
    let view: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        view = row.makeRandomAccess()
    }

    var allColumns: [String] { view.map(\.columnName) }

    func contains(column: String) -> Bool { view.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        !view.contains(column) || view[column].bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard view.contains(column) else { return try general.decode(column: column, as: type) }
        let cell = view[column]
        let kind = cell.dataType
        if D.self == Int.self, Self.integers.contains(kind) {
            return unsafeBitCast(try cell.decode(Int.self), to: D.self)
        }
        if D.self == String.self, Self.texts.contains(kind) {
            return unsafeBitCast(try cell.decode(String.self), to: D.self)
        }
        if D.self == Bool.self, kind == .bool { return unsafeBitCast(try cell.decode(Bool.self), to: D.self) }
        if D.self == Double.self, kind == .float8 || kind == .float4 {
            return unsafeBitCast(try cell.decode(Double.self), to: D.self)
        }
        if D.self == Date.self, kind == .timestamptz || kind == .timestamp {
            return unsafeBitCast(try cell.decode(Date.self), to: D.self)
        }
        if Self.texts.contains(kind), cell.bytes != nil, !(D.self is any PostgresDecodable.Type),
            let value = try? D(from: OneText(text: try cell.decode(String.self)))
        {
            return value
        }
        return try general.decode(column: column, as: type)
    }

    /// PostgresKit's own row, for what is not decoded here.
    private var general: some SQLRow { row.sql(decodingContext: .default) }

    private static let integers: Set<PostgresDataType> = [.int8, .int4, .int2]
    private static let texts: Set<PostgresDataType> = [.text, .varchar, .name, .bpchar]
}

/// A decoder holding one text, for a value that decodes itself from a single string (an enum with text raw values,
/// a URL); anything that asks it for more or other refuses, and the cell is then decoded the general way.
private struct OneText: Decoder, SingleValueDecodingContainer {
    let text: String

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw refusal }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw refusal }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { false }
    func decode(_ type: String.Type) throws -> String { text }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard T.self == String.self else { throw refusal }
        return unsafeBitCast(text, to: T.self)
    }

    private var refusal: DecodingError {
        .typeMismatch(Any.self, .init(codingPath: [], debugDescription: "only one text is here"))
    }
}
