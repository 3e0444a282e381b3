import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Chronic overload: someone over the hours they pledged in at least two of the last four weeks gets a gentle
/// notice, and so do the organizers of the groups that offered them the work they hold (who learn only that, and
/// the read is in the person's access log). At most once in four weeks per person; nobody on a pause is told.
struct OverloadWatch: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// Sends the notices due at `now`; returns how many people were found overloaded.
    func sendDue(now: Date) async throws -> Int {
        let today = IsoDay.day(of: now)
        let week = PlanCheck.week(of: today)
        let people = try await sql.raw(
            """
            SELECT DISTINCT a.person_id FROM volunteer_assignments a WHERE a.state = 'accepted' \
            AND NOT EXISTS (SELECT 1 FROM volunteer_overload_warnings o WHERE o.person_id = a.person_id \
            AND o.week > \(bind: week - 4)) AND NOT EXISTS (SELECT 1 FROM volunteer_pauses s \
            WHERE s.person_id = a.person_id AND s.until_on > \(bind: IsoDay.format(today))) ORDER BY a.person_id LIMIT 5000
            """
        ).column("person_id", as: Int.self)
        var warned = 0
        for person in people {
            let weeks = try await PersonLoad(sql).history(of: person, today: today, weeks: 4)
            guard VolunteerLoad.chronicallyOverloaded(weeks) else { continue }
            try await warn(person, week: week, now: now)
            warned += 1
        }
        if warned > 0 { services.deliverMailSoon() }
        return warned
    }

    private func warn(_ person: Int, week: Int, now: Date) async throws {
        let offered = try await sql.raw(
            """
            SELECT DISTINCT w.group_id, g.slug, g.name, p.display_name, p.handle FROM volunteer_assignments a \
            JOIN volunteer_work w ON w.id = a.work_id JOIN groups g ON g.id = w.group_id \
            JOIN people p ON p.id = a.person_id WHERE a.person_id = \(bind: person) AND a.state = 'accepted' \
            AND a.offered_by IS NOT NULL
            """
        ).rows(Offered.self)
        let groups = GroupAccess(sql)
        var found: [(group: Offered, ids: [Int])] = []
        for group in offered { found.append((group, try await groups.organizerIDs(of: group.groupId))) }
        let organizers = found
        try await services.store.transaction { tx in
            try await tx.insert(into: "volunteer_overload_warnings").columns("person_id", "week", "created_at")
                .values(SQLBind(person), SQLBind(week), SQLBind(now)).run()
            try await Notifications.notify(
                [person],
                Notice(
                    kind: .workload,
                    title: "You were over the hours you pledged in two or more of the last four weeks",
                    body: "It is fine to step down from something, to pause, or to say no to the next offer.",
                    path: VolunteerPaths.mine()
                ),
                services: services,
                on: tx
            )
            for (group, ids) in organizers {
                let name = group.displayName.isEmpty ? "@\(group.handle)" : group.displayName
                for viewer in ids {
                    try await AccessLog.record([person], .load, viewer: viewer, group: group.groupId, at: now, on: tx)
                }
                try await Notifications.notify(
                    ids,
                    Notice(
                        kind: .workload,
                        title: "\(name) is often over the hours they pledged",
                        body: "\(group.name) offered them work they hold now. Consider asking someone else next time.",
                        path: VolunteerPaths.board(group.slug)
                    ),
                    except: person,
                    services: services,
                    on: tx
                )
            }
        }
    }

    private struct Offered: Decodable, Sendable {
        let groupId: Int
        let slug: String
        let name: String
        let displayName: String
        let handle: String
    }
}

/// One row per overload notice sent, so a person is told at most once in four weeks.
struct CreateVolunteerOverloadWarnings: AsyncMigration {
    var name: String { "CreateVolunteerOverloadWarnings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_overload_warnings")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("week", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).raw(
            "CREATE INDEX volunteer_overload_warnings_person ON volunteer_overload_warnings (person_id, week)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteer_overload_warnings").delete()
    }
}
