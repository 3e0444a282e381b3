import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A standing role on the rotation board: who holds it since when, whether the term is up, who held it before,
/// its handovers, and whom to ask next.
struct RoleOnBoard: Sendable {
    var work: Work
    var holders: [SignUp]
    var past: [SignUp]
    var handovers: [Handover]
    var due: Bool
    var successors: [Suggestions.Suggested]
}

/// One handover as recorded: who handed the role to whom, what to hand on, and the shadowing days.
struct Handover: Sendable, Decodable {
    let outgoing: String?
    let incoming: String?
    let checklist: String
    let shadowFrom: String?
    let shadowUntil: String?
    let createdAt: Date
}

/// The rotation board's reads, for the group's organizers only.
struct RotationQueries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The group's open roles, due ones first; the caller checked that the viewer organizes the group.
    func roles(group: Int) async throws -> [RoleOnBoard] {
        let today = IsoDay.day(of: services.clock())
        let queries = WorkQueries(services: services)
        var result: [RoleOnBoard] = []
        for work in try await queries.list(group: group) where work.kind == .role {
            let people = try await queries.parts(of: work.id)
            let holders = people.filter { $0.state == .accepted }
            let since = holders.compactMap { $0.startsOn.flatMap(IsoDay.parse) }.min()
            let due = since.map { Rotation.isDue(since: $0, termDays: work.termDays, today: today) } ?? false
            result.append(
                RoleOnBoard(
                    work: work,
                    holders: holders,
                    past: people.filter { $0.state == .ended },
                    handovers: try await handovers(work.id),
                    due: due,
                    successors: due || holders.isEmpty
                        ? try await successors(work, excluding: Set(holders.map(\.personID)), today: today) : []
                )
            )
        }
        return result.sorted { ($0.due ? 0 : 1, $0.work.title) < ($1.due ? 0 : 1, $1.work.title) }
    }

    func handovers(_ work: Int) async throws -> [Handover] {
        try await sql.raw(
            """
            SELECT o.handle AS outgoing, i.handle AS incoming, h.checklist, h.shadow_from, h.shadow_until, h.created_at \
            FROM volunteer_handovers h LEFT JOIN people o ON o.id = h.outgoing_id \
            LEFT JOIN people i ON i.id = h.incoming_id WHERE h.work_id = \(bind: work) ORDER BY h.created_at DESC, h.id DESC
            """
        ).rows(Handover.self)
    }

    /// Members who could hold the role next (`Rotation.successors`): not paused, with hours pledged, with one of the
    /// role's skills (any member when it names none), past their first month, those who never held it or held it
    /// longest ago first.
    func successors(_ work: Work, excluding: Set<Int>, today: Int) async throws -> [Suggestions.Suggested] {
        let rows = try await sql.raw(
            """
            SELECT p.id, p.handle, p.display_name, m.created_at AS joined_at, \
            \(GroupAccess.pledgeTotal(of: "p.id")) AS pledge, \
            s.until_on, (SELECT MAX(a.ends_on) FROM volunteer_assignments a WHERE a.work_id = \(bind: work.id) \
            AND a.person_id = p.id AND a.state = 'ended') AS last_held FROM \(GroupAccess.activeMemberships) m \
            JOIN people p ON p.id = m.person_id LEFT JOIN volunteer_pauses s ON s.person_id = p.id WHERE m.group_id = \(bind: work.groupID)
            """
        ).rows(Row.self)
        let had = try await Suggestions.skills(ofMembersOf: work.groupID, on: sql)
        let needed = work.skillSet
        let candidates = rows.map { row in
            let paused = row.untilOn.flatMap(IsoDay.parse).map { $0 > today } ?? false
            return Rotation.Candidate(
                id: row.id,
                willing: !paused && row.pledge > 0,
                hasSkill: needed.isEmpty || !(had[row.id] ?? []).isDisjoint(with: needed),
                memberSinceDay: IsoDay.day(of: row.joinedAt),
                lastHeldDay: row.lastHeld.flatMap(IsoDay.parse)
            )
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
        return Rotation.successors(candidates, today: today, excluding: excluding, limit: 3).compactMap { candidate in
            byID[candidate.id].map {
                Suggestions.Suggested(
                    handle: $0.handle,
                    name: $0.displayName,
                    skills: (had[$0.id] ?? []).intersection(needed).sorted()
                )
            }
        }
    }

    private struct Row: Decodable {
        let id: Int
        let handle: String
        let displayName: String
        let joinedAt: Date
        let pledge: Double
        let untilOn: String?
        let lastHeld: String?
    }

}
