import Foundation
import Hummingbird

/// One address of the site, written once in its feature's path type. Its pattern (`/tours/:id/stops`) registers
/// the route (`router.post(TourPaths.stops) { … }`) and, with its parameters filled in order, makes every link and
/// redirect to it (`TourPaths.stops(12)` is `/tours/12/stops`), so a link cannot drift from its route.
package struct Path: Sendable, Hashable, CustomStringConvertible {
    package let pattern: String
    private let segments: [Substring]
    /// The pattern's text around its `:parameter` segments: `/groups/:slug/posts/:id` is `/groups/`, `/posts/`
    /// and an empty string, one more than the parameters.
    private let literals: [String]

    package init(_ pattern: String) {
        precondition(pattern.hasPrefix("/"), "a path starts with /: \(pattern)")
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var literals: [String] = []
        var literal = ""
        for (index, segment) in segments.enumerated() {
            if index > 0 { literal.append("/") }
            if segment.hasPrefix(":") {
                literals.append(literal)
                literal = ""
            } else {
                literal.append(contentsOf: segment)
            }
        }
        literals.append(literal)
        self.literals = literals
    }

    /// The names of the parameters (`:id` gives `id`), in order.
    package var parameters: [String] { segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }

    /// The address with each `:parameter` replaced, in order, by the given values, percent-encoded as one
    /// segment each (a slug with a slash in it stays one segment).
    /// Every page makes dozens of links, so this appends the pattern's text between the parameters (found once,
    /// in `init`) into one string, and leaves Foundation's encoder to the values that need it (ids and slugs do
    /// not).
    package func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        precondition(values.count == literals.count - 1, "\(pattern) takes \(literals.count - 1) values")
        var address = literals[0]
        address.reserveCapacity(pattern.utf8.count + 16)
        for (index, value) in values.enumerated() {
            address.append(Self.encode(value.description))
            address.append(literals[index + 1])
        }
        return address
    }

    /// The pattern, for `RouterPath`.
    package var description: String { pattern }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))

    /// `value` percent-encoded as one segment. ASCII letters, digits and `-._~` never need encoding.
    package static func encode(_ value: String) -> String {
        if value.utf8.allSatisfy(isUnreserved) { return value }
        return value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? value
    }

    /// ASCII letters, digits and `-._~`, which no part of an address encodes. Checking for them first spares most
    /// values Foundation's encoder, which goes through UTF-16.
    package static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }
}

extension RouterMethods {
    /// Registers a GET route at `path`'s pattern.
    @discardableResult package func get(
        _ path: Path,
        use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(RouterPath(path.pattern), method: .get, use: handler)
    }

    /// Registers a POST route at `path`'s pattern.
    @discardableResult package func post(
        _ path: Path,
        use handler: @Sendable @escaping (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        on(RouterPath(path.pattern), method: .post, use: handler)
    }
}
