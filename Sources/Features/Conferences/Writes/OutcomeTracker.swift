import Decisions
import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Where an adopted action stands.
package enum TrackerStatus: String, Sendable, Codable, CaseIterable {
    case planned
    case inProgress = "in-progress"
    case done
    case dropped

    var label: String {
        switch self {
        case .planned: "Planned"
        case .inProgress: "In progress"
        case .done: "Done"
        case .dropped: "Dropped"
        }
    }
}

/// A dated update on an adopted action.
package struct TrackerUpdate: Sendable, Decodable {
    package let status: TrackerStatus
    package let progress: Int
    package let text: String
    package let createdAt: Date
    let aHandle: String?
    let aName: String?

    var author: PersonRef? { PersonRef.joined(handle: aHandle, name: aName) }
}

/// The tracker of one adopted action: the groups responsible (those the viewer may see) and the updates, newest
/// first. Before any update the action is planned at 0 %.
package struct ActionTracker: Sendable {
    package let responsible: [GroupRef]
    package let updates: [TrackerUpdate]

    var status: TrackerStatus { updates.first?.status ?? .planned }
    var progress: Int { updates.first?.progress ?? 0 }
}

/// An adopted action a group is responsible for, for the group's list.
package struct ResponsibleAction: Sendable, Decodable {
    package let id: Int
    package let eventId: Int
    package let title: String
    package let conference: String
    package let status: TrackerStatus?
    package let progress: Int?
}

/// The outcome tracker of adopted actions (as Decidim's accountability results): the conference's organizers name
/// the responsible groups; organizers of a responsible group or of the conference post dated updates with the
/// status and progress.
package struct OutcomeTracker: Sendable {
    static let textMax = 5_000
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The conference's organizers set the responsible groups (slugs) of an adopted action.
    package func setResponsible(
        _ action: Int,
        of id: Int,
        groups slugs: [String],
        by person: CurrentPerson
    )
        async throws
    {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        try await requireAdopted(action, of: id)
        var ids: [Int] = []
        for slug in slugs {
            guard
                let group = try await sql.raw(
                    "SELECT g.id FROM groups g WHERE g.slug = \(bind: slug) AND \(GroupAccess.visible("g", to: person))"
                ).value("id", as: Int.self)
            else { throw AppError.validation(["groups": "There is no group “\(slug)”."]) }
            ids.append(group)
        }
        let now = services.clock()
        let groups = Array(Set(ids)).sorted()
        try await services.store.transaction { sql in
            try await sql.delete(from: "action_responsible").where("action_id", .equal, action).run()
            try await sql.insertRows(
                into: "action_responsible",
                columns: ["action_id", "group_id", "added_by", "created_at"],
                rows: groups.map { [action, $0, person.id, now] }
            )
        }
    }

    /// An organizer of a responsible group or of the conference posts an update.
    package func update(
        _ action: Int,
        of id: Int,
        status rawStatus: String,
        progress rawProgress: String,
        text rawText: String,
        by person: CurrentPerson
    ) async throws {
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        try await requireAdopted(action, of: id)
        guard try await canUpdate(action, conference: conference, person) else {
            throw AppError.forbidden("Only organizers of a responsible group or of the conference post updates.")
        }
        var errors: [String: String] = [:]
        let status = TrackerStatus(rawValue: rawStatus)
        if status == nil { errors["status"] = "Choose the action's status." }
        let progress = Int(rawProgress.trimmingWhitespace())
        if progress == nil || !(0...100).contains(progress ?? -1) {
            errors["progress"] = "Give the progress as a whole number from 0 to 100."
        }
        let text = FieldRules.text(rawText, "update", max: Self.textMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if text.isEmpty && errors["update"] == nil { errors["update"] = "Say what happened." }
        guard errors.isEmpty, let status, let progress else { throw AppError.validation(errors) }
        _ = try await sql.insertReturningID(
            into: "action_updates",
            [
                "action_id": action, "person_id": person.id, "status": status.rawValue, "progress": progress,
                "text": text, "created_at": services.clock(),
            ]
        )
    }

    /// The tracker of an action as `viewer` sees it: responsible groups they may see, every update.
    package func tracker(_ action: Int, viewer: CurrentPerson?) async throws -> ActionTracker {
        let groups = try await sql.raw(
            """
            SELECT g.slug, g.name FROM action_responsible r JOIN groups g ON g.id = r.group_id \
            WHERE r.action_id = \(bind: action) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY lower(g.name), g.id
            """
        ).rows(GroupRef.self)
        let updates = try await sql.raw(
            """
            SELECT u.status, u.progress, u.text, u.created_at, p.handle AS a_handle, p.display_name AS a_name \
            FROM action_updates u LEFT JOIN people p ON p.id = u.person_id WHERE u.action_id = \(bind: action) \
            ORDER BY u.created_at DESC, u.id DESC
            """
        ).rows(TrackerUpdate.self)
        return ActionTracker(responsible: groups, updates: updates)
    }

    /// The actions the group is responsible for, at conferences the viewer may see, newest first.
    package func actions(of group: Int, viewer: CurrentPerson?) async throws -> [ResponsibleAction] {
        try await sql.raw(
            """
            SELECT x.id, x.event_id, x.title, e.title AS conference, \
            (SELECT u.status FROM action_updates u WHERE u.action_id = x.id ORDER BY u.created_at DESC, u.id DESC \
            LIMIT 1) AS status, \
            (SELECT u.progress FROM action_updates u WHERE u.action_id = x.id ORDER BY u.created_at DESC, u.id DESC \
            LIMIT 1) AS progress \
            FROM action_responsible r JOIN action_proposals x ON x.id = r.action_id JOIN events e ON e.id = x.event_id \
            WHERE r.group_id = \(bind: group) AND x.withdrawn_at IS NULL AND (e.is_public = TRUE OR EXISTS \
            (SELECT 1 FROM event_hosts h WHERE h.event_id = e.id AND h.status = 'accepted' \
            AND \(GroupAccess.actsFor("h.group_id", viewer)))) ORDER BY x.id DESC LIMIT 500
            """
        ).rows(ResponsibleAction.self)
    }

    /// Whether the person may post updates on the action: an organizer of the conference or of a responsible group.
    func canUpdate(_ action: Int, conference: ConferenceView, _ person: CurrentPerson?) async throws -> Bool {
        guard let person else { return false }
        if conference.roles.isOrganizer { return true }
        return try await organizesResponsible(action, person)
    }

    private func organizesResponsible(_ action: Int, _ person: CurrentPerson) async throws -> Bool {
        try await sql.raw(
            """
            SELECT 1 AS one FROM action_responsible r WHERE r.action_id = \(bind: action) \
            AND \(GroupAccess.actsFor("r.group_id", person, roles: Role.organizing))
            """
        ).first() != nil
    }

    /// Not found unless the action is the conference's and the plenary adopted it.
    private func requireAdopted(_ action: Int, of id: Int) async throws {
        let row = try await Plenary(services: services).proposal(action, of: id)
        guard try await PlenaryQueries(services: services).state(row.decisionId).adopted else {
            throw AppError.conflict("Only an action the plenary adopted has an outcome tracker.")
        }
    }
}
