import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// One person as the figures count them: when they joined (their earliest joining among the groups counted), the
/// days they were active there, and what the ladder reads. Never shown one by one.
struct FigurePerson: Sendable {
    let id: Int
    var joinedDay: Int
    var organizer: Bool
    /// Days with activity: one day for each month with hours logged (its last), attendances, work taken on.
    var activeDays: [Int] = []
    /// Days of the events they attended (checked in), one per event.
    var attendedDays: [Int] = []
    /// Days on which they finished a task or shift, and one day for each month they logged hours: what the ladder
    /// counts as volunteering.
    var doneDays: [Int] = []
    /// Days on which they took up a standing role.
    var roleDays: [Int] = []
    /// Hours logged for the groups counted in the last 365 days.
    var hoursLastYear = 0.0
    /// Hours taken on this week in all their groups, and their pledges in all their groups.
    var loadHours = 0.0
    var pledge = 0.0

    var member: Cohorts.Member { Cohorts.Member(id: id, joinedDay: joinedDay, activeDays: activeDays) }
}

/// Everything the figures of one group (or one coalition with the groups sharing with it) are made from.
struct FigureInputs: Sendable {
    let today: Int
    let lapseDays: Int
    let steps: Ladder.Steps
    /// The groups counted: the group itself, and for a coalition or center the groups that chose to share.
    let groupIDs: [Int]
    var people: [FigurePerson]
    /// Roles held now whose term has run out.
    let rolesPastTerm: Int
}

/// A group's own volunteering settings, or the defaults when it has saved none.
struct FigureSettings: Sendable, Equatable, Decodable {
    var lapseDays: Int
    var ladderAttended: Int
    var ladderVolunteered: Int
    var shareWithCoalitions: Bool

    static let defaults = FigureSettings(
        lapseDays: LapseWatch.defaultDays,
        ladderAttended: 1,
        ladderVolunteered: 1,
        shareWithCoalitions: false
    )
}

/// Reads a group's people and activity for the figures in a fixed handful of queries, whatever its size.
struct FigureQueries: Sendable {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The group's saved settings, or the defaults.
    func settings(of group: Int) async throws -> FigureSettings {
        try await sql.raw(
            """
            SELECT lapse_days, ladder_attended, ladder_volunteered, share_with_coalitions FROM volunteer_settings \
            WHERE group_id = \(bind: group)
            """
        ).row(FigureSettings.self) ?? .defaults
    }

    /// The groups counted for `group`: itself, and for a coalition or center every group affiliated with it
    /// (accepted) that chose to share its figures with its coalitions.
    func groupIDs(for group: Group) async throws -> [Int] {
        guard group.kind != .circle else { return [group.id] }
        let partners = try await sql.raw(
            """
            SELECT s.group_id FROM affiliations a JOIN volunteer_settings s \
            ON s.group_id = CASE WHEN a.group_id = \(bind: group.id) THEN a.other_id ELSE a.group_id END \
            WHERE (a.group_id = \(bind: group.id) OR a.other_id = \(bind: group.id)) AND a.status = 'accepted' \
            AND s.share_with_coalitions = \(bind: true)
            """
        ).column("group_id", as: Int.self)
        return [group.id] + Set(partners).subtracting([group.id]).sorted()
    }

    /// The people and activity of `groupIDs` on `today`.
    func inputs(groupIDs ids: [Int], settings: FigureSettings, today: Int) async throws -> FigureInputs {
        var people: [Int: FigurePerson] = [:]
        for row in try await sql.raw(
            """
            SELECT m.person_id, MIN(m.created_at) AS joined_at, \
            MAX(CASE WHEN m.role = 'organizer' THEN 1 ELSE 0 END) AS organizer, \
            \(GroupAccess.pledgeTotal(of: "m.person_id")) AS pledge FROM \(GroupAccess.activeMemberships) m \
            WHERE m.group_id IN (\(binds: ids)) GROUP BY m.person_id
            """
        ).rows(JoinRow.self) {
            var person = FigurePerson(
                id: row.personID,
                joinedDay: IsoDay.day(of: row.joinedAt),
                organizer: row.organizer > 0
            )
            person.pledge = row.pledge ?? 0
            people[row.personID] = person
        }
        // Months before the cohorts' first month count only for the last activity (and once on the ladder): one
        // row a person for those.
        let yearAgo = today - 364
        let firstMonth = Cohorts.month(ofDay: today) - 11
        let floor = min(yearAgo, CivilTime.days(year: firstMonth / 12, month: firstMonth % 12 + 1, day: 1))
        for row in try await sql.raw(
            """
            SELECT h.person_id, MAX(h.on_day) AS last_day FROM volunteer_hours h \
            WHERE h.group_id IN (\(binds: ids)) AND h.on_day < \(bind: IsoDay.format(floor)) GROUP BY h.person_id
            """
        ).rows(LastRow.self) {
            guard let day = IsoDay.parse(row.lastDay) else { continue }
            people[row.personID]?.activeDays.append(day)
            people[row.personID]?.doneDays.append(day)
        }
        for row in try await sql.raw(
            """
            SELECT h.person_id, MAX(h.on_day) AS last_day, \
            CAST(SUM(CASE WHEN h.on_day >= \(bind: IsoDay.format(yearAgo)) THEN h.minutes ELSE 0 END) AS INTEGER) \
            AS recent FROM volunteer_hours h WHERE h.group_id IN (\(binds: ids)) \
            AND h.on_day >= \(bind: IsoDay.format(floor)) GROUP BY h.person_id, SUBSTR(h.on_day, 1, 7)
            """
        ).rows(HoursRow.self) {
            guard let day = IsoDay.parse(row.lastDay) else { continue }
            people[row.personID]?.activeDays.append(day)
            people[row.personID]?.doneDays.append(day)
            people[row.personID]?.hoursLastYear += Double(row.recent) / 60
        }
        // Activity older than 24 months is kept only as monthly counts: a month counts on its first day.
        for row in try await sql.raw(
            """
            SELECT person_id, MAX(month) AS month FROM volunteer_monthly WHERE group_id IN (\(binds: ids)) \
            AND entries > 0 GROUP BY person_id
            """
        ).rows(MonthRow.self) {
            guard let day = IsoDay.parse(row.month + "-01") else { continue }
            people[row.personID]?.activeDays.append(day)
            people[row.personID]?.doneDays.append(day)
        }
        for row in try await sql.raw(
            """
            SELECT DISTINCT r.person_id, r.event_id, r.checked_in_at FROM rsvps r JOIN event_hosts h \
            ON h.event_id = r.event_id AND h.status = 'accepted' WHERE h.group_id IN (\(binds: ids)) \
            AND r.checked_in_at IS NOT NULL AND r.person_id IS NOT NULL
            """
        ).rows(AttendedRow.self) {
            let day = IsoDay.day(of: row.checkedInAt)
            people[row.personID]?.activeDays.append(day)
            people[row.personID]?.attendedDays.append(day)
        }
        var rolesPastTerm = 0
        for row in try await sql.raw(
            """
            SELECT a.person_id, a.state, w.kind, a.asked_at, a.answered_at, a.starts_on, w.term_months \
            FROM volunteer_assignments a JOIN volunteer_work w ON w.id = a.work_id \
            WHERE w.group_id IN (\(binds: ids)) AND a.state IN ('accepted', 'done', 'ended')
            """
        ).rows(TakenRow.self) {
            let answered = IsoDay.day(of: row.answeredAt ?? row.askedAt)
            let started = row.startsOn.flatMap(IsoDay.parse) ?? answered
            if row.kind == .role, row.state == .accepted, let term = row.termMonths, term > 0,
                started + term * 30 < today
            {
                rolesPastTerm += 1
            }
            guard people[row.personID] != nil else { continue }
            people[row.personID]?.activeDays.append(min(answered, today))
            if row.kind == .role {
                people[row.personID]?.roleDays.append(started)
            } else if row.state == .done {
                people[row.personID]?.doneDays.append(answered)
            }
        }
        // this week's load of everyone counted, over all their groups, for the load histogram (counts only)
        for (person, hours) in try await PersonLoad(sql).weekLoads(ofMembersOf: ids, week: PlanCheck.week(of: today)) {
            people[person]?.loadHours += hours
        }
        return FigureInputs(
            today: today,
            lapseDays: max(1, settings.lapseDays),
            steps: Ladder.Steps(attended: settings.ladderAttended, volunteered: settings.ladderVolunteered),
            groupIDs: ids,
            people: people.values.sorted { $0.id < $1.id },
            rolesPastTerm: rolesPastTerm
        )
    }
}

private struct JoinRow: Decodable {
    let personID: Int
    let joinedAt: Date
    let organizer: Int
    let pledge: Double?
}

private struct HoursRow: Decodable {
    let personID: Int
    let lastDay: String
    let recent: Int
}

private struct LastRow: Decodable {
    let personID: Int
    let lastDay: String
}

private struct MonthRow: Decodable {
    let personID: Int
    let month: String
}

private struct AttendedRow: Decodable {
    let personID: Int
    let eventID: Int
    let checkedInAt: Date
}

private struct TakenRow: Decodable {
    let personID: Int
    let state: AssignmentState
    let kind: WorkKind
    let askedAt: Date
    let answeredAt: Date?
    let startsOn: String?
    let termMonths: Int?
}
