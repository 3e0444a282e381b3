import Crypto
import Foundation
import FreshgroundCore

/// Random secrets for cookies, invitations and access tokens, and their one-way digests for storage.
package enum Token {
    /// 32 random bytes as URL-safe base64 without padding (43 characters), from the system's secure generator.
    /// Drawn eight bytes at a time and encoded by hand: this runs on every first visit, so it stays cheap.
    package static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        var raw: [UInt8] = []
        raw.reserveCapacity(bytes + 8)
        while raw.count < bytes {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { raw.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return base64URL(raw.prefix(bytes))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// URL-safe base64 without padding (RFC 4648 section 5).
    package static func base64URL(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x3F)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(6 - bits)) & 0x3F)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 in hex: what the database keeps instead of a session or access token, so a leaked database
    /// does not hand out live sessions.
    package static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }

    /// Only tokens we could have minted are accepted as cookie values.
    package static func isWellFormed(_ value: String) -> Bool {
        (20...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_")
            }
    }
}
