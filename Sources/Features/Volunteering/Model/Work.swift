import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The three shapes work takes: a task done once, a shift at a time with places, a standing role held for a term.
package enum WorkKind: String, Sendable, Codable, CaseIterable {
    case task, shift, role

    package var label: String {
        switch self {
        case .task: "Task"
        case .shift: "Shift"
        case .role: "Role"
        }
    }
}

/// Whether work still wants people: open, done (a task someone finished), or archived by its organizers.
package enum WorkStatus: String, Sendable, Codable {
    case open, done, archived
}

/// Where one person stands with one piece of work. An organizer's assignment starts as `offered` and becomes
/// `accepted` or `declined` by the person alone; signing up oneself is `accepted` at once. `cancelled` is a
/// sign-up withdrawn, `done` a task or shift finished, `ended` a role handed on or stepped down from.
package enum AssignmentState: String, Sendable, Codable {
    case offered, accepted, declined, cancelled, done, ended

    /// The states that hold a place and count in a person's load.
    package static let live: [AssignmentState] = [.accepted]
}

/// One piece of work as stored.
package struct Work: Sendable, Codable, Equatable {
    package let id: Int
    package let groupID: Int
    package let eventID: Int?
    package let kind: WorkKind
    package let title: String
    package let details: String
    package let skills: String
    package let minutes: Int?
    package let dueOn: String?
    package let startsAt: Date?
    package let endsAt: Date?
    package let zone: String
    package let places: Int?
    package let shiftRole: String
    package let leadID: Int?
    package let weeklyHours: Double?
    package let termMonths: Int?
    package let status: WorkStatus
    package let createdAt: Date

    static let columns: SQLColumns = """
        w.id, w.group_id, w.event_id, w.kind, w.title, w.details, w.skills, w.minutes, w.due_on, w.starts_at, \
        w.ends_at, w.zone, w.places, w.shift_role, w.lead_id, w.weekly_hours, w.term_months, w.status, w.created_at
        """

    /// The skills as a set of lower-case names.
    package var skillSet: Set<String> { VolunteerSkills.parse(skills) }

    /// The hours one person gives to this work in a week it falls in: a task's estimate, a shift's length, a
    /// role's hours a week.
    package var hours: Double {
        switch kind {
        case .task: Double(minutes ?? 0) / 60
        case .shift:
            if let startsAt, let endsAt { max(0, endsAt.timeIntervalSince(startsAt)) / 3600 } else { 0 }
        case .role: weeklyHours ?? 0
        }
    }

    /// The day the work lands on for a load (a task's due day, a shift's start day, UTC), or nil for a role or a
    /// task without a due day.
    package var day: Int? {
        switch kind {
        case .task: dueOn.flatMap(IsoDay.parse)
        case .shift: startsAt.map(IsoDay.day(of:))
        case .role: nil
        }
    }

    /// A role's term in days (months of 30 days), 0 when it has none.
    package var termDays: Int { (termMonths ?? 0) * 30 }
}

/// The static text of a column list, kept as written in the source.
package typealias SQLColumns = StaticString

/// Skills as people type them: comma-separated, trimmed, lower-cased, at most 12, each under 40 characters.
package enum VolunteerSkills {
    package static func parse(_ text: String) -> Set<String> { Set(list(text)) }

    package static func list(_ text: String) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for part in text.split(separator: ",") {
            let skill = part.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard !skill.isEmpty, skill.count <= 40, seen.insert(skill).inserted else { continue }
            result.append(skill)
            if result.count == 12 { break }
        }
        return result
    }

    /// The stored form: the list joined by ", ".
    package static func stored(_ text: String) -> String { list(text).joined(separator: ", ") }
}
