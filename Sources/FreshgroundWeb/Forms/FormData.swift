/// The fields of an `application/x-www-form-urlencoded` body (or a query string), kept as typed so a form
/// with errors can be shown again with the person's input intact.
package struct FormData: Sendable, Equatable {
    package private(set) var values: [String: [String]] = [:]

    package init() {}

    package init(_ pairs: [(String, String)]) {
        for (key, value) in pairs { values[key, default: []].append(value) }
    }

    /// Parses a urlencoded body. Text that is not valid UTF-8 or broken percent escapes is refused: silently
    /// mangling it would store something other than what the person typed.
    package init(urlEncoded body: [UInt8]) throws(AppError) {
        for part in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let pieces = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(pieces[0])
            let value = pieces.count > 1 ? try Self.decode(pieces[1]) : ""
            values[key, default: []].append(value)
        }
    }

    /// The first value of a field, trimmed of surrounding whitespace.
    package subscript(_ key: String) -> String {
        (values[key]?.first ?? "").trimmingWhitespace()
    }

    /// The first value exactly as sent (for passwords and Markdown, where whitespace matters).
    package func raw(_ key: String) -> String { values[key]?.first ?? "" }

    package func has(_ key: String) -> Bool { values[key] != nil }

    /// A checkbox counts as ticked when present with any value but "off".
    package func checked(_ key: String) -> Bool {
        guard let value = values[key]?.first else { return false }
        return value != "off" && value != "false"
    }

    package mutating func set(_ key: String, _ value: String) { values[key] = [value] }

    private static func decode(_ bytes: ArraySlice<UInt8>) throws(AppError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex + 0, index + 2 <= bytes.endIndex - 1,
                    let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw AppError.badRequest("The form contained a broken percent escape.") }
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        // A NUL character has no place in any field, and PostgreSQL refuses to store one.
        guard !out.contains(0) else {
            throw AppError.badRequest("The form contained a NUL character; remove it and send again.")
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw AppError.badRequest(
                "The form contained text that is not valid UTF-8. Please retype it and send again."
            )
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
