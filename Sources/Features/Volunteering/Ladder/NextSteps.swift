import Events
import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Where a person stands in one of their groups and, when it is their pace, one concrete step up: the group's next
/// event for someone who has not come yet, open work for someone who has, an open role for someone who has
/// volunteered, organizing for someone who has held a role.
package struct NextStep: Sendable {
    package let group: GroupRef
    package let rung: Ladder.Rung
    package let next: Ladder.Rung
    /// Something to do now and its page, or nil when the group has nothing fitting open.
    package let title: String?
    package let path: String?

    /// What the step asks, in the person's words.
    package var invitation: String {
        switch next {
        case .joined, .attended: "Come to something"
        case .volunteered: "Lend a hand"
        case .heldRole: "Take on a standing role"
        case .organized: "Organize with the group"
        }
    }

    /// What to say when the group has nothing fitting open.
    package var fallback: String {
        switch next {
        case .joined, .attended: "The group has no event coming up; its page will list the next one."
        case .volunteered: "Nothing is open on the group's work board now."
        case .heldRole: "No role is open; tell an organizer you would like one."
        case .organized: "Tell the group's organizers you would like to organize with them."
        }
    }
}

/// A person's next steps over all their groups, the groups where they put them off, and why none are offered when
/// none may be (a pause, a full pledge).
package struct NextStepList: Sendable {
    package var steps: [NextStep] = []
    package var putOff: [(group: GroupRef, until: String?)] = []
    package var held: String?
}

/// Reads where a person stands on each of their groups' ladders (with each group's own steps) and picks a next
/// step for each at their pace. Everything here is the person's own and shown only to them.
package struct NextSteps: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func offered(
        to person: Int,
        loadHours: Double,
        pledgeHours: Double,
        paused: Bool
    ) async throws
        -> NextStepList
    {
        let today = IsoDay.day(of: services.clock())
        let groups = try await sql.raw(
            """
            SELECT m.group_id, g.slug, g.name, m.role, COALESCE(s.ladder_attended, 1) AS ladder_attended, \
            COALESCE(s.ladder_volunteered, 1) AS ladder_volunteered, p.until_on, p.stopped \
            FROM \(GroupAccess.activeMemberships) m JOIN groups g ON g.id = m.group_id \
            LEFT JOIN volunteer_settings s ON s.group_id = m.group_id \
            LEFT JOIN volunteer_step_pace p ON p.group_id = m.group_id AND p.person_id = m.person_id \
            WHERE m.person_id = \(bind: person) ORDER BY g.name, g.id
            """
        ).rows(GroupRow.self)
        let records = try await self.records(of: person, groups: groups.map(\.groupID))
        var list = NextStepList()
        if paused {
            list.held = "You are paused: no next steps until you are back."
        } else if loadHours > 0, loadHours >= pledgeHours {
            list.held = "This week you already give what you pledged: no next step until you have room."
        }
        for row in groups {
            let steps = Ladder.Steps(attended: row.ladderAttended, volunteered: row.ladderVolunteered)
            var record = records[row.groupID] ?? Ladder.Record()
            record.organized = row.role == .organizer
            let rung = Ladder.stage(record, steps: steps)
            guard let next = Ladder.next(after: rung) else { continue }
            guard row.pace.allows(today: today) else {
                list.putOff.append((GroupRef(slug: row.slug, name: row.name), row.untilOn))
                continue
            }
            guard
                Ladder.offersNextStep(
                    from: rung,
                    pace: row.pace,
                    paused: paused,
                    loadHours: loadHours,
                    pledgeHours: pledgeHours,
                    today: today
                )
            else { continue }
            let (title, path) = try await concrete(next, group: row.groupID, slug: row.slug, person: person)
            list.steps.append(
                NextStep(
                    group: GroupRef(slug: row.slug, name: row.name),
                    rung: rung,
                    next: next,
                    title: title,
                    path: path
                )
            )
        }
        return list
    }

    /// Events attended at each group's events, tasks and shifts finished and months with hours logged, roles held,
    /// in a fixed three queries.
    private func records(of person: Int, groups: [Int]) async throws -> [Int: Ladder.Record] {
        guard !groups.isEmpty else { return [:] }
        var records: [Int: Ladder.Record] = [:]
        for row in try await sql.raw(
            """
            SELECT h.group_id, CAST(COUNT(DISTINCT r.event_id) AS INTEGER) AS n FROM rsvps r JOIN event_hosts h \
            ON h.event_id = r.event_id AND h.status = 'accepted' WHERE r.person_id = \(bind: person) \
            AND r.checked_in_at IS NOT NULL AND h.group_id IN (\(binds: groups)) GROUP BY h.group_id
            """
        ).rows(CountRow.self) {
            records[row.groupID, default: Ladder.Record()].attended = row.n
        }
        for row in try await sql.raw(
            """
            SELECT w.group_id, \
            CAST(SUM(CASE WHEN w.kind <> 'role' AND a.state = 'done' THEN 1 ELSE 0 END) AS INTEGER) AS n, \
            CAST(MAX(CASE WHEN w.kind = 'role' THEN 1 ELSE 0 END) AS INTEGER) AS roles \
            FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id WHERE a.person_id = \(bind: person) \
            AND a.state IN ('accepted', 'done', 'ended') AND w.group_id IN (\(binds: groups)) GROUP BY w.group_id
            """
        ).rows(WorkCountRow.self) {
            records[row.groupID, default: Ladder.Record()].volunteered += row.n
            records[row.groupID, default: Ladder.Record()].heldRole = row.roles > 0
        }
        // Each month with hours logged counts once as volunteering, as the figures count it.
        for row in try await sql.raw(
            """
            SELECT x.group_id, CAST(COUNT(DISTINCT x.month) AS INTEGER) AS n FROM (\
            SELECT group_id, SUBSTR(on_day, 1, 7) AS month FROM volunteer_hours WHERE person_id = \(bind: person) \
            UNION SELECT group_id, month FROM volunteer_monthly WHERE person_id = \(bind: person)) x \
            WHERE x.group_id IN (\(binds: groups)) GROUP BY x.group_id
            """
        ).rows(CountRow.self) {
            records[row.groupID, default: Ladder.Record()].volunteered += row.n
        }
        return records
    }

    /// One thing the group has open for the step to `next`: its next event, open work with a place the person
    /// does not hold, an open role nobody holds.
    private func concrete(
        _ next: Ladder.Rung,
        group: Int,
        slug: String,
        person: Int
    ) async throws
        -> (String?, String?)
    {
        switch next {
        case .joined, .attended:
            let events = try await EventQueries(services: services)
                .forGroup(group, includePrivate: true, from: services.clock(), page: PageRequest(number: 1, size: 1))
            guard let event = events.items.first?.event else { return (nil, GroupPaths.group(slug)) }
            return (event.title, EventPaths.event(event.id))
        case .volunteered, .heldRole:
            let kinds: [String] = next == .volunteered ? ["task", "shift"] : ["role"]
            let work = try await sql.raw(
                """
                SELECT w.id, w.title FROM volunteer_work w WHERE w.group_id = \(bind: group) AND w.status = 'open' \
                AND w.kind IN (\(binds: kinds)) AND (w.starts_at IS NULL OR w.starts_at > \(bind: services.clock())) \
                AND NOT EXISTS (SELECT 1 FROM volunteer_assignments a WHERE a.work_id = w.id \
                AND a.state IN ('offered', 'accepted') AND (a.person_id = \(bind: person) OR w.kind = 'role')) \
                AND (w.places IS NULL OR w.places > (SELECT COUNT(*) FROM volunteer_assignments t \
                WHERE t.work_id = w.id AND t.state = 'accepted')) \
                ORDER BY COALESCE(w.due_on, ''), w.starts_at, w.id LIMIT 1
                """
            ).row(OpenWork.self)
            guard let work else { return (nil, VolunteerPaths.board(slug)) }
            return (work.title, VolunteerPaths.work(work.id))
        case .organized:
            return (nil, GroupPaths.group(slug))
        }
    }

    /// Puts next steps in the group off for four weeks ("later"), stops them ("never"), or offers them again
    /// ("again"); the group must be one of the person's.
    package func setPace(_ pace: String, group slug: String, for person: CurrentPerson) async throws {
        guard let group = try await GroupAccess(sql).group(slug: slug, actingFor: person, roles: Set(Role.allCases))
        else { throw AppError.notFound }
        guard ["later", "never", "again"].contains(pace) else {
            throw AppError.validation(["pace": "Choose later, never or again."])
        }
        try await services.store.transaction { tx in
            try await tx.delete(from: "volunteer_step_pace").where("person_id", .equal, person.id)
                .where("group_id", .equal, group).run()
            guard pace != "again" else { return }
            let until = pace == "later" ? IsoDay.format(IsoDay.day(of: services.clock()) + 28) : nil
            try await tx.insert(into: "volunteer_step_pace").columns("person_id", "group_id", "until_on", "stopped")
                .values(SQLBind(person.id), SQLBind(group), SQLBind(until), SQLBind(pace == "never")).run()
        }
    }
}

private struct GroupRow: Decodable {
    let groupID: Int
    let slug: String
    let name: String
    let role: Role
    let ladderAttended: Int
    let ladderVolunteered: Int
    let untilOn: String?
    let stopped: Bool?

    var pace: Ladder.Pace {
        if stopped == true { return .stopped }
        guard let untilOn, let day = IsoDay.parse(untilOn) else { return .open }
        return .notBefore(day: day)
    }
}

private struct CountRow: Decodable {
    let groupID: Int
    let n: Int
}

private struct WorkCountRow: Decodable {
    let groupID: Int
    let n: Int
    let roles: Int
}

private struct OpenWork: Decodable {
    let id: Int
    let title: String
}

/// Each person's pace of next steps per group: put off until a day, or stopped until they ask again.
struct CreateVolunteerStepPace: AsyncMigration {
    var name: String { "CreateVolunteerStepPace" }

    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_step_pace")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("until_on", .string)
            .field("stopped", .bool, .required)
            .unique(on: "person_id", "group_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteer_step_pace").delete()
    }
}
