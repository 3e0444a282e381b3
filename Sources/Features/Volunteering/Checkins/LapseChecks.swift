import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Lapse watch: a member with no activity for the group's lapse days (default `LapseWatch.defaultDays`) becomes a
/// check-in task for the group's organizers, a person to call or meet, never an automatic email. Activity is an
/// arrival at one of the group's events, hours logged for it, or work taken on or done in it; an RSVP alone is not.
/// Nobody on a pause is flagged.
struct LapseChecks: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// One open or recently done check-in.
    struct Checkin: Sendable, Decodable {
        let id: Int
        let handle: String
        let displayName: String
        let personId: Int
        let lastActiveOn: String?
        let doneAt: Date?
    }

    /// Raises a check-in for every lapsed member without one in the last lapse period.
    func refresh(group: Int) async throws {
        let today = IsoDay.day(of: services.clock())
        let days = try await FigureQueries(sql).settings(of: group).lapseDays
        let members = try await sql.raw(
            """
            SELECT m.person_id, m.created_at AS joined_at, s.until_on, \
            (SELECT MAX(h.on_day) FROM volunteer_hours h WHERE h.person_id = m.person_id AND h.group_id = m.group_id) AS hours_day, \
            (SELECT MAX(a.answered_at) FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id \
            WHERE a.person_id = m.person_id AND w.group_id = m.group_id AND a.state IN ('accepted', 'done', 'ended')) AS worked_at, \
            (SELECT MAX(r.checked_in_at) FROM rsvps r JOIN event_hosts eh ON eh.event_id = r.event_id \
            WHERE r.person_id = m.person_id AND eh.group_id = m.group_id AND eh.status = 'accepted') AS arrived_at, \
            (SELECT MAX(c.created_at) FROM volunteer_checkins c WHERE c.person_id = m.person_id AND c.group_id = m.group_id) AS checked_at \
            FROM \(GroupAccess.activeMemberships) m LEFT JOIN volunteer_pauses s ON s.person_id = m.person_id \
            WHERE m.group_id = \(bind: group)
            """
        ).rows(Member.self)
        let now = services.clock()
        for member in members {
            let last = [
                member.hoursDay.flatMap(IsoDay.parse), member.workedAt.map(IsoDay.day(of:)),
                member.arrivedAt.map(IsoDay.day(of:)),
            ]
            .compactMap { $0 }.max()
            guard
                LapseWatch.lapsed(
                    lastActiveDay: last,
                    joinedDay: IsoDay.day(of: member.joinedAt),
                    today: today,
                    days: days,
                    pausedUntilDay: member.untilOn.flatMap(IsoDay.parse)
                )
            else { continue }
            if let checked = member.checkedAt, IsoDay.day(of: checked) > today - days { continue }
            try await sql.insert(into: "volunteer_checkins")
                .columns("group_id", "person_id", "last_active_on", "created_at")
                .values(SQLBind(group), SQLBind(member.personId), SQLBind(last.map(IsoDay.format)), SQLBind(now))
                .run()
        }
    }

    /// Open check-ins, and those done in the last 30 days.
    func list(group: Int) async throws -> [Checkin] {
        try await sql.raw(
            """
            SELECT c.id, p.handle, p.display_name, c.person_id, c.last_active_on, c.done_at FROM volunteer_checkins c \
            JOIN people p ON p.id = c.person_id WHERE c.group_id = \(bind: group) AND (c.done_at IS NULL \
            OR c.done_at > \(bind: services.clock().addingTimeInterval(-30 * 86_400))) \
            ORDER BY CASE WHEN c.done_at IS NULL THEN 0 ELSE 1 END, c.last_active_on, c.id LIMIT 500
            """
        ).rows(Checkin.self)
    }

    /// Marks a check-in done, or open again.
    func setDone(_ id: Int, group: Int, done: Bool, by person: CurrentPerson) async throws {
        let changed = try await sql.raw(
            """
            UPDATE volunteer_checkins SET done_at = \(bind: done ? services.clock() : nil), \
            done_by = \(bind: done ? person.id : nil) WHERE id = \(bind: id) AND group_id = \(bind: group) RETURNING id
            """
        ).all()
        guard !changed.isEmpty else { throw AppError.notFound }
    }

    private struct Member: Decodable {
        let personId: Int
        let joinedAt: Date
        let untilOn: String?
        let hoursDay: String?
        let workedAt: Date?
        let arrivedAt: Date?
        let checkedAt: Date?
    }
}
