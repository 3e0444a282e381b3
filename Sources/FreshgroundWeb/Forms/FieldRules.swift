import Foundation
import FreshgroundCore

/// Checks shared by every form and API body: one-line fields, multi-line texts and web addresses. Each
/// returns the cleaned value and records a message under the field's name when it is not acceptable.
package enum FieldRules {
    /// A one-line field: trimmed, no control characters, within `max`; `required` gives the message when empty.
    package static func line(
        _ value: String?,
        _ name: String,
        _ required: String?,
        max: Int,
        _ errors: inout [String: String]
    )
        -> String
    {
        let value = (value ?? "").trimmingWhitespace()
        if let required, value.isEmpty {
            errors[name] = required
        } else if value.count > max {
            errors[name] = "Keep this under \(max) characters."
        } else if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors[name] = "Remove the control characters (such as tabs or line breaks) from this field."
        }
        return value
    }

    /// A multi-line field: line breaks and tabs allowed, other control characters refused.
    package static func text(_ value: String?, _ name: String, max: Int, _ errors: inout [String: String]) -> String {
        let value = value ?? ""
        if value.count > max {
            errors[name] = "Keep this under \(max.formatted()) characters."
        } else if value.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0)
        }) {
            errors[name] = "Remove the invisible control characters from this text."
        }
        return value
    }

    /// An http or https address, or empty.
    package static func url(_ value: String?, _ name: String, _ errors: inout [String: String]) -> String {
        let value = line(value, name, nil, max: 2_000, &errors)
        guard !value.isEmpty, errors[name] == nil else { return value }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            errors[name] = "Give a web address starting with http:// or https://."
            return value
        }
        return value
    }

    /// One `@` between a non-empty name and a domain with a dot, no spaces or control characters, at most 254
    /// characters: enough to catch typing mistakes; the confirmation link proves the rest.
    package static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && text.count <= 254
            && !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 32 } })
    }
}
