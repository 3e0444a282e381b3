import Foundation

/// The API's JSON encoder: the same bytes as Foundation's `JSONEncoder` set up as `Reply.encoder` (keys sorted,
/// slashes not escaped, dates in ISO 8601), about four times faster. Foundation's spent 40% of the campaign API's
/// CPU and 12% of the groups API's (BENCHMARKS.md, "JSON encoders"), most of it boxing each value on its way
/// through generic containers. Debug builds encode every answer with both and stop at the first difference, so
/// the whole API suite checks that the contract's bytes did not move.
///
/// Values are gathered into a small tree (objects keep their keys until they are written, sorted), then written
/// out once. A key written twice in one object keeps its last value, as in Foundation.
package enum JSONBytes {
    package static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let node = try Node.of(value)
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        node.write(to: &out)
        return out
    }
}

/// A value on its way to JSON.
private enum Node {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    /// A number already written as JSON (a floating-point or `Decimal` value).
    case number(String)
    case string(String)
    case object(ObjectBox)
    case array(ArrayBox)

    static func of<T: Encodable>(_ value: T) throws -> Node {
        // Compared as types first: a failed `as?` costs a trip through the runtime, and most values are neither.
        let type = T.self
        if type == String.self { return .string(value as! String) }
        if type == Int.self { return .integer(Int64(value as! Int)) }
        if type == Bool.self { return .bool(value as! Bool) }
        if type == Double.self { return try .floating(value as! Double) }
        // The text of Foundation's `.iso8601` style, which cost a twentieth of a campaign's answer (ZonedTimeTests).
        if type == Date.self { return .string(ZonedTime.iso(value as! Date)) }
        if type == Int64.self { return .integer(value as! Int64) }
        if type == Float.self { return try .floating(value as! Float) }
        if type == URL.self { return .string((value as! URL).absoluteString) }
        if type == Data.self { return .string((value as! Data).base64EncodedString()) }
        if type == Decimal.self { return .number((value as! Decimal).description) }
        if type == Int32.self { return .integer(Int64(value as! Int32)) }
        if type == Int16.self { return .integer(Int64(value as! Int16)) }
        if type == Int8.self { return .integer(Int64(value as! Int8)) }
        if type == UInt.self { return .unsigned(UInt64(value as! UInt)) }
        if type == UInt64.self { return .unsigned(value as! UInt64) }
        if type == UInt32.self { return .unsigned(UInt64(value as! UInt32)) }
        if type == UInt16.self { return .unsigned(UInt64(value as! UInt16)) }
        if type == UInt8.self { return .unsigned(UInt64(value as! UInt8)) }
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.node ?? .object(ObjectBox())
    }

    /// A floating-point number as Foundation writes it: its shortest description, without a trailing `.0`.
    static func floating<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws -> Node {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: [], debugDescription: "\(value) is not a valid JSON number.")
            )
        }
        let description = value.description
        return .number(description.hasSuffix(".0") ? String(description.dropLast(2)) : description)
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag): out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .unsigned(let number): out.append(contentsOf: String(number).utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): Self.write(text, to: &out)
        case .array(let box):
            out.append(UInt8(ascii: "["))
            for (index, item) in box.items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            let entries = box.entries
            let order = entries.indices.sorted { (entries[$0].key, $0) < (entries[$1].key, $1) }
            for (position, index) in order.enumerated() {
                if position + 1 < order.count, entries[order[position + 1]].key == entries[index].key { continue }
                let entry = entries[index]
                if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
                Self.write(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                entry.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string as Foundation writes it: `"` and `\` escaped, control characters as `\b \t \n \f \r` or
    /// `\u00xx`, everything else (slashes, non-ASCII) as it is.
    static func write(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22, 0x5C: out.append(byte)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

private final class ObjectBox {
    var entries: [(key: String, value: Node)] = []

    /// Kept in the order written; `write` sorts them, and of a key written twice keeps the last value.
    func set(_ key: String, _ value: Node) { entries.append((key, value)) }
}

private final class ArrayBox {
    var items: [Node] = []
}

/// The `Encoder` a value's own `encode(to:)` writes into; what it wrote is `node`. Coding paths are not kept (every
/// container's is empty): building one for each value cost more than the rest of the encoding, and nothing the API
/// sends reads them.
private final class TreeEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var node: Node?

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(box: objectBox()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(box: arrayBox()) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    func objectBox() -> ObjectBox {
        if case .object(let box) = node { return box }
        let box = ObjectBox()
        node = .object(box)
        return box
    }

    func arrayBox() -> ArrayBox {
        if case .array(let box) = node { return box }
        let box = ArrayBox()
        node = .array(box)
        return box
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .integer(Int64(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try .floating(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.set(key.stringValue, try Node.of(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBox()
        box.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.set(key.stringValue, .array(nested))
        return Unkeyed(box: nested)
    }

    mutating func superEncoder() -> any Encoder { PlacedEncoder { [box] in box.set("super", $0) } }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        PlacedEncoder { [box] in box.set(key.stringValue, $0) }
    }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let box: ArrayBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.items.append(.null) }
    mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.integer(Int64(value))) }
    mutating func encode(_ value: Double) throws { box.items.append(try .floating(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try Node.of(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = ObjectBox()
        box.items.append(.object(nested))
        return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBox()
        box.items.append(.array(nested))
        return Unkeyed(box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let index = box.items.count
        box.items.append(.null)
        return PlacedEncoder { [box] in box.items[index] = $0 }
    }
}

private struct Single: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.node = .null }
    mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
    mutating func encode(_ value: String) throws { encoder.node = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.node = .integer(Int64(value)) }
    mutating func encode(_ value: Double) throws { encoder.node = try .floating(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try Node.of(value) }
}

/// The encoder a `superEncoder` hands out: what is written into it becomes the value it stands for, through
/// `place` (a key of an object, or an element of an array).
private final class PlacedEncoder: Encoder {
    let inner = TreeEncoder()
    let place: (Node) -> Void
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(place: @escaping (Node) -> Void) {
        self.place = place
        place(.object(ObjectBox()))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let container = inner.container(keyedBy: type)
        place(inner.node ?? .null)
        return container
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let container = inner.unkeyedContainer()
        place(inner.node ?? .null)
        return container
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { PlacedSingle(owner: self) }
}

private struct PlacedSingle: SingleValueEncodingContainer {
    let owner: PlacedEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { owner.place(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { owner.place(try Node.of(value)) }
}
