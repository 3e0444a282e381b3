/// Escapes strings for HTML so that user text can never become markup. Both entry points escape all five
/// significant characters (`& < > " '`), because templates interpolate text into attribute values too.
package enum HTMLEscape {
    /// Escapes `s` for use as element content.
    package static func text(_ s: String) -> String { escape(s) }

    /// Escapes `s` for use inside a quoted attribute value (either quote style).
    package static func attribute(_ s: String) -> String { escape(s) }

    /// Returns `s` unchanged when nothing needs escaping, so the common case allocates nothing.
    private static func escape(_ s: String) -> String {
        var input = s
        input.makeContiguousUTF8()  // a no-op for native Swift strings
        let escaped = input.utf8.withContiguousStorageIfAvailable { buffer -> String? in
            guard let first = buffer.firstIndex(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count + 32)
            out.append(contentsOf: buffer[..<first])
            append(buffer[first...], to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        switch escaped {
        case .some(.some(let result)): return result
        case .some(.none): return s
        case .none:
            var out: [UInt8] = []
            append(input.utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// Appends `bytes` to `out` with the five significant characters replaced by entities. The Markdown
    /// renderer uses this directly on byte ranges of its input.
    static func append<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }
}
