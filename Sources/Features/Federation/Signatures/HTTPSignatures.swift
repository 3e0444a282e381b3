import Crypto
import Foundation
import _CryptoExtras

/// HTTP Signatures as the fediverse speaks them: draft-cavage-12 with rsa-sha256 (RSASSA-PKCS1-v1_5 over SHA-256,
/// which Mastodon requires; `_CryptoExtras` defaults to PSS, so the padding is always named here). Outgoing
/// requests sign `(request-target) host date digest`; incoming ones are checked by `verify`.
package enum HTTPSignatures {
    /// The headers every outgoing request signs, in order (`digest` only when there is a body).
    package static func signedHeaders(hasBody: Bool) -> [String] {
        hasBody ? ["(request-target)", "host", "date", "digest"] : ["(request-target)", "host", "date"]
    }

    /// The `Digest` header of a body: `SHA-256=` and the base64 of its SHA-256.
    package static func digest(of body: some DataProtocol) -> String {
        "SHA-256=" + Data(SHA256.hash(data: body)).base64EncodedString()
    }

    /// The text that is signed: one `name: value` line per header named, `(request-target)` being the lowercased
    /// method and the path with its query. Nil when a named header is missing. `headers` are keyed in lowercase.
    package static func signingString(
        method: String,
        target: String,
        headers: [String: String],
        names: [String]
    ) -> String? {
        var lines: [String] = []
        for name in names {
            if name == "(request-target)" {
                lines.append("(request-target): \(method.lowercased()) \(target)")
            } else {
                guard let value = headers[name] else { return nil }
                lines.append("\(name): \(value.trimmingCharacters(in: .whitespaces))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The `Signature` header for a request: the signing string over `headers` (lowercased names, which must
    /// hold `host`, `date` and, with a body, `digest`) signed with `key`.
    package static func signature(
        method: String,
        target: String,
        headers: [String: String],
        keyID: String,
        key: _RSA.Signing.PrivateKey
    ) throws -> String {
        let names = signedHeaders(hasBody: headers["digest"] != nil)
        guard let text = signingString(method: method, target: target, headers: headers, names: names) else {
            throw SignatureError.missingHeader
        }
        let signed = try key.signature(for: Data(text.utf8), padding: .insecurePKCS1v1_5)
        return "keyId=\"\(keyID)\",algorithm=\"rsa-sha256\",headers=\"\(names.joined(separator: " "))\","
            + "signature=\"\(signed.rawRepresentation.base64EncodedString())\""
    }

    /// The parts of a cavage `Signature` header.
    package struct Parsed: Sendable, Equatable {
        package let keyID: String
        package let algorithm: String
        package let headers: [String]
        package let signature: Data
    }

    /// Reads a `Signature` header (`key="value"` pairs, comma-separated); nil when it lacks a key id or a
    /// signature. Without `headers`, only `date` is signed, as the draft says.
    package static func parse(_ header: String) -> Parsed? {
        var fields: [String: String] = [:]
        var rest = Substring(header)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: "\"") else { return nil }
            fields[name] = String(rest[..<close])
            rest = rest[rest.index(after: close)...]
        }
        guard let keyID = fields["keyid"], !keyID.isEmpty, let encoded = fields["signature"],
            let signature = Data(base64Encoded: encoded)
        else { return nil }
        let names = (fields["headers"] ?? "date").lowercased().split(separator: " ").map(String.init)
        return Parsed(
            keyID: keyID,
            algorithm: fields["algorithm"] ?? "hs2019",
            headers: names,
            signature: signature
        )
    }

    /// Whether `parsed` is a valid rsa-sha256 signature of the request by `key`. The caller has already checked
    /// that the signed headers include what it requires (`date`, and `digest` for a body).
    package static func isValid(
        _ parsed: Parsed,
        method: String,
        target: String,
        headers: [String: String],
        key: _RSA.Signing.PublicKey
    ) -> Bool {
        guard ["rsa-sha256", "hs2019"].contains(parsed.algorithm.lowercased()),
            let text = signingString(method: method, target: target, headers: headers, names: parsed.headers)
        else { return false }
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: parsed.signature),
            for: Data(text.utf8),
            padding: .insecurePKCS1v1_5
        )
    }

    /// An HTTP date (`Tue, 22 Sep 2026 14:13:00 GMT`), as the `Date` header carries it.
    package static func httpDate(_ date: Date) -> String {
        let parts = gmt.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(weekdays[(parts.weekday ?? 1) - 1]), \(two(parts.day)) \(months[(parts.month ?? 1) - 1]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// Reads an HTTP date (the IMF-fixdate form every server sends now); nil when it is not one.
    package static func parseHTTPDate(_ text: String) -> Date? {
        let words = text.split(separator: " ")
        guard words.count == 6, words[5] == "GMT", let day = Int(words[1]),
            let month = months.firstIndex(of: String(words[2])), let year = Int(words[3])
        else { return nil }
        let time = words[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        let parts = DateComponents(
            year: year,
            month: month + 1,
            day: day,
            hour: time[0],
            minute: time[1],
            second: time[2]
        )
        return gmt.date(from: parts)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let gmt: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? .gmt
        return calendar
    }()
}

package enum SignatureError: Error, Sendable {
    case missingHeader
}
