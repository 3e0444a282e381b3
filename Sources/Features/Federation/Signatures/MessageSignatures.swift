import Foundation
import _CryptoExtras

/// RFC 9421 HTTP Message Signatures, as servers that moved on from the cavage draft send them. Only verification:
/// this server signs with cavage, which every server still takes. Only `rsa-v1_5-sha256` (RSA keys are what
/// ActivityPub actors publish; PSS is refused as it is for cavage), and only the components an inbox needs.
package enum MessageSignatures {
    package struct Parsed: Sendable, Equatable {
        package let label: String
        /// The covered components in order, without their quotes (`@method`, `content-digest`).
        package let components: [String]
        /// The signature's parameters as sent (`("@method" …);created=…;keyid="…"`), the last line of the base.
        package let parameters: String
        package let keyID: String
        package let created: Date?
        package let expires: Date?
        package let algorithm: String?
        package let signature: Data
    }

    /// Reads the first signature of `Signature-Input` and its value from `Signature`; nil when either is malformed,
    /// lacks a key id, or covers a component with parameters (`"@query-param";name=…`), which is not supported.
    package static func parse(input: String, signature: String) -> Parsed? {
        guard let (label, value) = members(of: input).first,
            let value = value.trimmingPrefix("("), let close = value.firstIndex(of: ")")
        else { return nil }
        var components: [String] = []
        for item in value[..<close].split(separator: " ", omittingEmptySubsequences: true) {
            let name = item.dropFirst().dropLast()
            guard item.count >= 2, item.first == "\"", item.last == "\"",
                !name.contains(where: { "\";\\".contains($0) })
            else { return nil }
            components.append(String(name))
        }
        var parameters: [String: String] = [:]
        for parameter in split(value[value.index(after: close)...], on: ";") where !parameter.isEmpty {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { return nil }
            parameters[pair[0]] = pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
        }
        guard let keyID = parameters["keyid"],
            let encoded = members(of: signature).first(where: { $0.0 == label })?.1,
            encoded.count >= 2, encoded.first == ":", encoded.last == ":",
            let bytes = Data(base64Encoded: String(encoded.dropFirst().dropLast()))
        else { return nil }
        func date(_ name: String) -> Date? {
            parameters[name].flatMap(Int.init).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return Parsed(
            label: label,
            components: components,
            parameters: "(" + String(value),
            keyID: keyID,
            created: date("created"),
            expires: date("expires"),
            algorithm: parameters["alg"],
            signature: bytes
        )
    }

    /// The signature base (RFC 9421 section 2.5) of a request to this server; nil when a covered component is
    /// missing from the request or not supported. `target` is the path and query; `scheme` this server's.
    package static func base(
        _ parsed: Parsed,
        method: String,
        target: String,
        scheme: String,
        headers: [String: String]
    ) -> String? {
        let host = headers["host"] ?? ""
        let path = String(target.prefix { $0 != "?" })
        let query = target.firstIndex(of: "?").map { String(target[$0...]) } ?? "?"
        var lines: [String] = []
        for component in parsed.components {
            let value: String?
            switch component {
            case "@method": value = method.uppercased()
            case "@target-uri": value = "\(scheme)://\(host)\(target)"
            case "@authority": value = host.lowercased()
            case "@scheme": value = scheme
            case "@request-target": value = target
            case "@path": value = path
            case "@query": value = query
            default:
                guard !component.hasPrefix("@"), component == component.lowercased() else { return nil }
                value = headers[component]?.trimmingCharacters(in: .whitespaces)
            }
            guard let value else { return nil }
            lines.append("\"\(component)\": \(value)")
        }
        lines.append("\"@signature-params\": \(parsed.parameters)")
        return lines.joined(separator: "\n")
    }

    /// Whether the signature holds for the request with `key`: rsa-v1_5-sha256 (named, or not named at all).
    package static func isValid(
        _ parsed: Parsed,
        method: String,
        target: String,
        scheme: String,
        headers: [String: String],
        key: _RSA.Signing.PublicKey
    ) -> Bool {
        guard parsed.algorithm == nil || parsed.algorithm == "rsa-v1_5-sha256",
            let base = base(parsed, method: method, target: target, scheme: scheme, headers: headers)
        else { return false }
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: parsed.signature),
            for: Data(base.utf8),
            padding: .insecurePKCS1v1_5
        )
    }

    /// Whether the signature covers what an inbox requires: the method, where the request went (the whole
    /// target URI, or authority and path), and the body's digest.
    package static func coversInbox(_ parsed: Parsed) -> Bool {
        let covered = Set(parsed.components)
        let place =
            covered.contains("@target-uri")
            || (covered.contains("@authority") && (covered.contains("@path") || covered.contains("@request-target")))
        return covered.contains("@method") && place && !covered.isDisjoint(with: ["content-digest", "digest"])
    }

    /// A structured-field dictionary's members as label and raw value, split at commas outside quotes and
    /// parentheses.
    private static func members(of field: String) -> [(String, Substring)] {
        split(Substring(field), on: ",").compactMap { member in
            guard let equals = member.firstIndex(of: "=") else { return nil }
            let label = member[..<equals].trimmingCharacters(in: .whitespaces)
            return label.isEmpty ? nil : (label, member[member.index(after: equals)...])
        }
    }

    /// `text` split at `separator` where it is outside quotes and parentheses, each part trimmed.
    private static func split(_ text: Substring, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var quoted = false
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" && quoted {
                index = text.index(after: index)
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted && character == "(" {
                depth += 1
            } else if !quoted && character == ")" {
                depth -= 1
            } else if !quoted && depth == 0 && character == separator {
                parts.append(trim(text[start..<index]))
                start = text.index(after: index)
            }
            if index < text.endIndex { index = text.index(after: index) }
        }
        parts.append(trim(text[start...]))
        return parts
    }

    private static func trim(_ text: Substring) -> Substring {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, [" ", "\t"].contains(trimmed[trimmed.index(before: end)]) {
            end = trimmed.index(before: end)
        }
        return trimmed[..<end]
    }
}

extension Substring {
    /// The rest after `prefix`, or nil when it does not start with it.
    fileprivate func trimmingPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
