/// An optional that synthesized `Codable` always sends: `nil` is written as JSON `null` under its key, where a
/// plain optional would leave the key out. The API document promises every key of a body, so a value that may
/// be absent is declared `@Nullable package var name: String?` and the type keeps its synthesized `Encodable`.
///
/// Reading accepts `null` and, as for a plain optional, a missing key.
@propertyWrapper
package struct Nullable<Wrapped> {
    package var wrappedValue: Wrapped?

    package init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }
}

extension Nullable: Sendable where Wrapped: Sendable {}
extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}

extension Nullable: Encodable where Wrapped: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension Nullable: Decodable where Wrapped: Decodable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Wrapped.self))
    }
}

extension KeyedDecodingContainer {
    /// Synthesized `Decodable` calls this for a `@Nullable` property, so a missing key reads as `nil`.
    package func decode<Wrapped: Decodable>(
        _ type: Nullable<Wrapped>.Type,
        forKey key: Key
    ) throws -> Nullable<Wrapped> {
        Nullable(wrappedValue: try decodeIfPresent(Wrapped.self, forKey: key))
    }
}
