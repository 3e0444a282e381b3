import HTTPTypes
import Hummingbird

/// The response of every Atom and iCalendar feed: the document with an `ETag`, or `304 Not Modified` without a
/// body when the reader already holds it (`If-None-Match`, RFC 9110 §13.1.2), so feed readers and calendar
/// apps that poll every few minutes are answered in a few bytes while nothing has changed.
///
/// - An Atom document is the same bytes for the same content, so its tag is strong, taken over all its bytes.
/// - An iCalendar document carries `METHOD:PUBLISH`, so each event's `DTSTAMP` is the time the document was
///   written (RFC 5545 §3.8.7.2), which changes on every request while nothing else does. Its tag is taken over
///   every line but the `DTSTAMP` lines, and is weak (`W/"…"`): two documents with the same tag say the same
///   but may differ in those stamps, which is what a weak validator promises and a strong one does not.
package enum FeedResponse {
    /// An Atom document; `headers` are its caching headers (`Cache-Control`, `Vary`).
    package static func atom(_ xml: String, to request: Request, headers: HTTPFields = [:]) -> Response {
        let body = ByteBuffer(string: xml)
        return response(body, type: AtomFeed.contentType, tag: .strong(over: body), to: request, headers: headers)
    }

    /// An iCalendar document; `headers` are its caching headers (`Cache-Control`, `Vary`). `tag` is its
    /// `EntityTag.calendar`, when it was made already.
    package static func calendar(
        _ body: ByteBuffer,
        tag: EntityTag? = nil,
        to request: Request,
        headers: HTTPFields = [:]
    ) -> Response {
        response(body, type: ICalendar.contentType, tag: tag ?? .calendar(body), to: request, headers: headers)
    }

    /// 304 with the tag and the caching headers a 200 would have (RFC 9110 §15.4.5) when `If-None-Match`
    /// names the document's tag, else 200 with the document.
    private static func response(
        _ body: ByteBuffer,
        type: String,
        tag: EntityTag,
        to request: Request,
        headers: HTTPFields
    ) -> Response {
        var fields = headers
        fields[.eTag] = tag.header
        let conditions = request.headers[values: .ifNoneMatch]
        if !conditions.isEmpty, tag.matchesAny(of: conditions.joined(separator: ",")) {
            return Response(status: .notModified, headers: fields)
        }
        fields[.contentType] = type
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: body))
    }
}

/// An entity tag (RFC 9110 §8.8.3): an opaque string, weak or strong.
package struct EntityTag: Sendable, Equatable {
    package let opaque: String
    package let isWeak: Bool

    package init(opaque: String, isWeak: Bool) {
        self.opaque = opaque
        self.isWeak = isWeak
    }

    /// The `ETag` field's value, such as `"3f2a…"` or `W/"3f2a…"`.
    package var header: String { (isWeak ? "W/" : "") + "\"\(opaque)\"" }

    /// A strong tag over every byte of `body`.
    package static func strong(over body: ByteBuffer) -> EntityTag {
        var hash = FNV1a64()
        for byte in body.readableBytesView { hash.add(byte) }
        return EntityTag(opaque: hash.hex, isWeak: false)
    }

    /// A weak tag over an iCalendar document's lines other than `DTSTAMP`.
    package static func calendar(_ body: ByteBuffer) -> EntityTag {
        let stamp = Array("DTSTAMP:".utf8)
        let bytes = body.readableBytesView
        var hash = FNV1a64()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let end = bytes[index...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.endIndex
            let line = bytes[index..<end]
            if !line.starts(with: stamp) { for byte in line { hash.add(byte) } }
            index = end
        }
        return EntityTag(opaque: hash.hex, isWeak: true)
    }

    /// Whether an `If-None-Match` value (`*`, or a comma-separated list of tags) names this tag, by the weak
    /// comparison RFC 9110 §13.1.2 asks for: the opaque strings are equal, whichever is weak. A malformed
    /// member is skipped.
    package func matchesAny(of field: String) -> Bool {
        var rest = Substring(field)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            if rest.isEmpty { return false }
            if rest.first == "*" { return true }
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            guard rest.first == "\"" else {
                rest = rest.drop { $0 != "," }
                continue
            }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: "\"") else { return false }
            if rest[..<close] == opaque { return true }
            rest = rest[rest.index(after: close)...]
        }
    }
}

/// The 64-bit FNV-1a hash: not cryptographic, but spreads changes well enough to tell versions of a document
/// apart, which is all an entity tag needs.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Sixteen lower-case hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
