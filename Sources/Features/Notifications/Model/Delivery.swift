/// How a person wants mail of one kind of notification.
package enum Delivery: String, CaseIterable, Sendable, Codable {
    /// One mail for each, at once (the default: no settings row means this).
    case now
    /// Gathered into one mail a day.
    case digest
    /// Only on the notifications page.
    case none

    /// How the settings page names the choice.
    package var label: String {
        switch self {
        case .now: "Email at once"
        case .digest: "In a daily digest"
        case .none: "No email"
        }
    }
}
