/// URL slugs for things people name (groups and the like): lowercase ASCII words joined by `-`, so that
/// addresses are readable, stable and safe in a path without escaping.
package enum Slug {
    /// The longest slug allowed.
    package static let maxLength = 60

    /// Slugs that would collide with the site's own paths, so nothing may use them.
    package static let reserved: Set<String> = [
        "new", "edit", "api", "admin", "assets", "login", "logout", "signup", "me", "invites", "healthz",
    ]

    /// A slug suggested by `name`: lowercased, common Latin accents folded (`é` → `e`, `ß` → `ss`), apostrophes
    /// dropped and every other run of characters made one `-`, trimmed, and at most 60 characters. The result
    /// may still be too short (or empty, for a name with no Latin letters or digits); check it with `isValid`.
    package static func make(from name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(maxLength + 8)
        var pendingDash = false
        func add(_ letters: some Sequence<UInt8>) {
            if pendingDash && !out.isEmpty { out.append(dash) }
            pendingDash = false
            out.append(contentsOf: letters)
        }
        for scalar in name.unicodeScalars {
            if out.count >= maxLength { break }
            let value = scalar.value
            switch value {
            case 0x30...0x39, 0x61...0x7A:
                add(CollectionOfOne(UInt8(value)))
            case 0x41...0x5A:
                add(CollectionOfOne(UInt8(value) + 0x20))
            case 0x27, 0x2019, 0x0300...0x036F:
                continue  // apostrophes and combining accents vanish: "Bob's" is "bobs", "e\u{301}" is "e"
            default:
                if let folded = fold(value) {
                    add(folded.utf8)
                } else {
                    pendingDash = true
                }
            }
        }
        var slug = out.prefix(maxLength)
        while slug.last == dash { slug = slug.dropLast() }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Whether `s` is a well-formed slug: 3 to 60 of `a-z`, `0-9` and `-`, starting and ending with a letter or
    /// digit. Whether it is `reserved` is a separate question.
    package static func isValid(_ s: String) -> Bool {
        let bytes = s.utf8
        guard (3...maxLength).contains(bytes.count), let first = bytes.first, let last = bytes.last else {
            return false
        }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == dash }
    }

    /// The ASCII spelling of a precomposed Latin letter from Latin-1 or Latin Extended-A, if there is one.
    static func fold(_ value: UInt32) -> String? {
        let letter: UInt8
        switch value {
        case 0xC6, 0xE6: return "ae"
        case 0xDE, 0xFE: return "th"
        case 0xDF: return "ss"
        case 0x132, 0x133: return "ij"
        case 0x152, 0x153: return "oe"
        case 0xC0...0xFF: letter = latin1[Int(value - 0xC0)]
        case 0x100...0x17F: letter = latinExtendedA[Int(value - 0x100)]
        default: return nil
        }
        return letter == dot ? nil : String(Unicode.Scalar(letter))
    }

    /// ASCII letters for U+00C0...U+00FF; `.` marks characters that are not letters or are spelled above.
    static let latin1 = Array("aaaaaa.ceeeeiiiidnooooo.ouuuuy..aaaaaa.ceeeeiiiidnooooo.ouuuuy.y".utf8)

    /// ASCII letters for U+0100...U+017F; `.` marks the ligatures spelled above.
    static let latinExtendedA = Array(
        ("aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllllnnnnnnnnnoooooo..rrrrrrssssssss"
            + "ttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8
    )

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static let dash = UInt8(ascii: "-")
    private static let dot = UInt8(ascii: ".")
}

/// Account handles, the `@name` people are known by: 3 to 32 of `a-z`, `0-9`, `_` and `-`, starting with a letter
/// or digit, so they read well in URLs and mentions.
package enum Handle {
    /// The longest handle allowed.
    package static let maxLength = 32

    /// Whether `s` is a well-formed handle.
    package static func isValid(_ s: String) -> Bool {
        let bytes = s.utf8
        guard (3...maxLength).contains(bytes.count), let first = bytes.first else { return false }
        func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte)
        }
        return isLowerAlphanumeric(first)
            && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}
