import Foundation
import Testing

@testable import FreshgroundWeb

/// `JSONBytes` writes what `Reply.encoder` (Foundation) writes, byte for byte, for every kind of value the API
/// sends and for the awkward ones: every control character, quotes, slashes, non-ASCII, keys that sort by byte,
/// floating-point numbers in every notation, dates, nils written and nils left out, nested and empty values.
@Suite struct JSONBytesTests {
    struct Body: Encodable {
        var text: String
        var number: Int
        var big: Int64
        var small: Int8
        var unsigned: UInt16
        var flag: Bool
        var ratio: Double
        var tiny: Float
        var when: Date
        var link: URL
        var bytes: Data
        var missing: String?
        var null: Nullable<Int>
        var list: [Double]
        var nested: [String: [Int?]]
        var empty: [String: Int]
        var nothing: [Int]
        var a_b: Int
        var aB: Int
        var x10: Int
        var x9: Int
        var B: Int
    }

    /// A value written through every kind of container, nested ones and super encoders included.
    struct Handmade: Encodable {
        enum Key: String, CodingKey { case base, inner, list, single }

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Key.self)
            try Nullable(wrappedValue: "base").encode(to: keyed.superEncoder(forKey: .base))
            var inner = keyed.nestedContainer(keyedBy: Key.self, forKey: .inner)
            try inner.encode(1.5, forKey: .single)
            var list = keyed.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            try list.encodeNil()
            try ["deep": [1]].encode(to: list.superEncoder())
            var row = list.nestedContainer(keyedBy: Key.self)
            try row.encode("x", forKey: .base)
            var pair = list.nestedUnkeyedContainer()
            try pair.encode(UInt64.max)
            try keyed.encode("first", forKey: .single)
            try keyed.encode("second", forKey: .single)
            var single = keyed.superEncoder().singleValueContainer()
            try single.encode(Date(timeIntervalSince1970: 0))
        }
    }

    static func same<T: Encodable>(_ value: T) throws -> Bool {
        let ours = try JSONBytes.encode(value)
        let foundation = try Reply.encoder.encode(value)
        if Array(foundation) != ours {
            Issue.record("JSONBytes: \(String(decoding: ours, as: UTF8.self))")
            Issue.record("Foundation: \(String(decoding: foundation, as: UTF8.self))")
        }
        return Array(foundation) == ours
    }

    @Test func writesWhatFoundationWrites() throws {
        var control = ""
        for code in 0..<0x20 { control.unicodeScalars.append(UnicodeScalar(UInt8(code))) }
        let body = Body(
            text: control + "\u{7F}\u{2028} / \" \\ é 😀 </script>",
            number: -42,
            big: Int64.max,
            small: -8,
            unsigned: 65_535,
            flag: true,
            ratio: 0.1,
            tiny: 0.1,
            when: Date(timeIntervalSince1970: 1_796_516_337.987),
            link: URL(string: "https://example.org/a/b?c=d&e")!,
            bytes: Data([0, 1, 2, 250]),
            missing: nil,
            null: Nullable(wrappedValue: nil),
            list: [1, -0.0, 1e16, 1e-7, 2.5e-5, 1e300, 123_456_789.125, 3.0e20],
            nested: ["b": [1, nil], "B": [], "a": [3]],
            empty: [:],
            nothing: [],
            a_b: 1,
            aB: 2,
            x10: 3,
            x9: 4,
            B: 5
        )
        #expect(try Self.same(body))
        #expect(try Self.same([body, body]))
        #expect(try Self.same(["items": [body]]))
        #expect(try Self.same(Optional<Int>.none))
        #expect(try Self.same("top level"))
        #expect(try Self.same(Nullable(wrappedValue: 5)))
        #expect(try Self.same([Handmade(), Handmade()]))
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try JSONBytes.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONBytes.encode(["x": Double.infinity]) }
    }
}
