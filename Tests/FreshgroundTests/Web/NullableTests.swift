import Foundation
import FreshgroundWeb
import Testing

/// `@Nullable` through a type's synthesized `Codable`: `nil` is sent as `null` under its key, a value as itself.
@Suite("Nullable")
struct NullableTests {
    struct Body: Codable, Equatable {
        let id: Int
        @Nullable var note: String?
        @Nullable var tags: [String]?
    }

    static func json(_ body: Body) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    @Test func nilIsSentAsNull() throws {
        #expect(try Self.json(Body(id: 1, note: nil, tags: nil)) == #"{"id":1,"note":null,"tags":null}"#)
    }

    @Test func aValueIsSentAsItself() throws {
        #expect(try Self.json(Body(id: 2, note: "hi", tags: ["a"])) == #"{"id":2,"note":"hi","tags":["a"]}"#)
    }

    @Test func readsNullAMissingKeyAndAValue() throws {
        let decoder = JSONDecoder()
        let null = try decoder.decode(Body.self, from: Data(#"{"id":3,"note":null,"tags":["b"]}"#.utf8))
        #expect(null == Body(id: 3, note: nil, tags: ["b"]))
        let missing = try decoder.decode(Body.self, from: Data(#"{"id":4}"#.utf8))
        #expect(missing == Body(id: 4, note: nil, tags: nil))
    }
}
