import Foundation
import Hummingbird

/// One address of the site, written once in its feature's path type. Its pattern (`/tours/:id/stops`) registers
/// the route (`router.post(TourPaths.stops) { … }`) and, with its parameters filled in order, makes every link and
/// redirect to it (`TourPaths.stops(12)` is `/tours/12/stops`), so a link cannot drift from its route.
package struct Path: Sendable, Hashable, CustomStringConvertible {
    package let pattern: String
    private let segments: [Substring]

    package init(_ pattern: String) {
        precondition(pattern.hasPrefix("/"), "a path starts with /: \(pattern)")
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// The names of the parameters (`:id` gives `id`), in order.
    package var parameters: [String] { segments.filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) } }

    /// The address with each `:parameter` replaced, in order, by the given values, percent-encoded as one
    /// segment each (a slug with a slash in it stays one segment).
    package func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        precondition(values.count == parameters.count, "\(pattern) takes \(parameters.count) values")
        var next = values.makeIterator()
        return
            segments.map { segment -> String in
                guard segment.hasPrefix(":"), let value = next.next() else { return String(segment) }
                return Self.encode(value.description)
            }
            .joined(separator: "/")
    }

    /// The pattern, for `RouterPath`.
    package var description: String { pattern }

    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))

    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? value
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
