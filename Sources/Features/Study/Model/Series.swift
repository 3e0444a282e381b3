import Foundation
import FreshgroundCore
import Groups

/// Who may join a series: anyone at once, or those an organizer lets in.
package enum EnrollmentPolicy: String, Sendable, Codable, CaseIterable {
    case open, approved
}

/// Where a person stands in a series.
package enum EnrollmentStatus: String, Sendable, Codable {
    case enrolled, pending, declined
}

/// An organizing group's answer to organizing a series; the group that started it is the lead.
package enum OrganizerStatus: String, Sendable, Codable {
    case lead, invited, accepted, declined

    var organizes: Bool { self == .lead || self == .accepted }
}

package struct SeriesOrganizer: Sendable, Codable, Equatable {
    package let group: GroupRef
    package let status: OrganizerStatus
}

/// One item of a session's agenda, such as 30 minutes of presentations.
package struct AgendaItem: Sendable, Codable, Equatable {
    package let minutes: Int
    package let title: String

    /// The agenda of a 90-minute session of the kind most series run.
    package static let standard = [
        AgendaItem(minutes: 30, title: "Presentations"),
        AgendaItem(minutes: 30, title: "Small-group discussion"),
        AgendaItem(minutes: 30, title: "Report back"),
    ]

    /// Lines of "minutes title", such as "30 Presentations"; nil with a message when a line is not like that.
    static func parse(_ text: String) -> Result<[AgendaItem], AgendaError> {
        var items: [AgendaItem] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let minutes = Int(parts[0]), (1...600).contains(minutes) else {
                return .failure(AgendaError(line: trimmed))
            }
            items.append(AgendaItem(minutes: minutes, title: String(parts[1]).trimmingWhitespace()))
        }
        return .success(items)
    }

    static func text(_ items: [AgendaItem]) -> String {
        items.map { "\($0.minutes) \($0.title)" }.joined(separator: "\n")
    }
}

struct AgendaError: Error {
    let line: String
}

/// The reading kinds a new series starts with; organizers add their own.
let standardReadingKinds = ["critical review", "from the archive"]

package struct Reading: Sendable, Codable, Equatable {
    package let id: Int
    package let kind: String
    package let title: String
    /// A library publication's page, or the outside link.
    package let url: String
    package let note: String
    package let publicationID: Int?
}

package enum MediaKind: String, Sendable, Codable, CaseIterable {
    case recording, film, other

    var label: String {
        switch self {
        case .recording: "Recorded presentation"
        case .film: "Film"
        case .other: "Media"
        }
    }
}

package struct Media: Sendable, Codable, Equatable {
    package let id: Int
    package let kind: MediaKind
    package let title: String
    package let url: String
    package let sizeBytes: Int64?
}

/// Someone presenting in a week: a person on the site or a speaker from the roster.
package struct Presenter: Sendable, Codable, Equatable {
    package let id: Int
    package let name: String
    package let handle: String?
    package let speakerID: Int?
}

/// The session of a week: its event.
package struct SessionTime: Sendable, Codable, Equatable {
    package let eventID: Int
    package let startsAt: Date
    package let endsAt: Date
    package let timeZone: String
    package let place: String
    package let cancelled: Bool
    /// The link to join online; only for the series' participants and organizers.
    package let onlineURL: String?
}

package struct Week: Sendable, Codable, Equatable {
    package let id: Int
    package let number: Int
    package let topic: String
    package let introduction: String
    package let questions: [String]
    package var readings: [Reading]
    package var media: [Media]
    package var presenters: [Presenter]
    package let session: SessionTime?
    /// The session report in Markdown, and as HTML; nil until written, and for those who may not read it.
    package let report: String?
    package let reportHTML: String?
    package let reportPublicationID: Int?
    package let reportAt: Date?
}

/// The viewer's own standing in a series.
package struct SeriesViewer: Sendable, Codable, Equatable {
    package let isOrganizer: Bool
    package let enrollment: EnrollmentStatus?
    package let subscribed: Bool
    package let digest: Bool
    /// Whether the series' mail can reach this person: the site sends mail and the account has an address.
    package let getsMail: Bool

    static let outsider = SeriesViewer(
        isOrganizer: false,
        enrollment: nil,
        subscribed: false,
        digest: false,
        getsMail: false
    )

    var isParticipant: Bool { enrollment == .enrolled }
}

/// A series as one viewer may see it.
package struct StudySeries: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let description: String
    package let descriptionHTML: String
    package let enrollment: EnrollmentPolicy
    package let readingKinds: [String]
    package let agenda: [AgendaItem]
    package let publishReports: Bool
    package let organizers: [SeriesOrganizer]
    package let participants: Int
    package var weeks: [Week]
    package let viewer: SeriesViewer

    package var url: String { StudyPaths.series(id) }

    /// The groups organizing now (the lead and those that accepted).
    var organizingGroups: [GroupRef] { organizers.filter { $0.status.organizes }.map(\.group) }
}

/// A series in a list.
package struct SeriesCard: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let organizers: [GroupRef]
    package let weeks: Int
    package let nextSession: Date?
}
