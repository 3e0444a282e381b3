import FreshgroundCore

/// A fragment of HTML that is safe to send: literal template text is trusted, every interpolated `String` is
/// escaped, and only other `HTML` values are inserted as they are. Pages are built from these without any
/// reflection, which keeps rendering cheap.
package struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    package var raw: String

    package init(raw: String) { self.raw = raw }
    package init(stringLiteral value: String) { self.raw = value }
    package init(stringInterpolation: Interpolation) { self.raw = stringInterpolation.raw }

    package static let empty = HTML(raw: "")

    /// Markdown written by a person, rendered by the safe subset renderer (raw HTML in it stays text).
    package static func markdown(_ source: String) -> HTML { HTML(raw: Markdown.html(source)) }

    package var description: String { raw }

    package struct Interpolation: StringInterpolationProtocol {
        package var raw: String

        package init(literalCapacity: Int, interpolationCount: Int) {
            raw = ""
            raw.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        package mutating func appendLiteral(_ literal: String) { raw += literal }
        package mutating func appendInterpolation(_ text: String) { raw += HTMLEscape.text(text) }
        package mutating func appendInterpolation(_ text: String?) { raw += HTMLEscape.text(text ?? "") }
        package mutating func appendInterpolation(_ html: HTML) { raw += html.raw }
        package mutating func appendInterpolation(_ html: HTML?) { raw += html?.raw ?? "" }
        package mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { raw += part.raw } }
        package mutating func appendInterpolation(_ number: Int) { raw += String(number) }
    }
}

extension Array where Element == HTML {
    package func joined() -> HTML {
        var out = ""
        for part in self { out += part.raw }
        return HTML(raw: out)
    }

    package func joined(separator: String) -> HTML { HTML(raw: map(\.raw).joined(separator: separator)) }
}

extension HTML {
    /// Renders `content` only when `condition` holds.
    package static func when(_ condition: Bool, _ content: () -> HTML) -> HTML {
        condition ? content() : .empty
    }
}
