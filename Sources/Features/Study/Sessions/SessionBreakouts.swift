import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// One breakout of a session as organizers and its own members see it. Nobody is shown which groups the others
/// belong to: the mixing score says how well groups were mixed without naming them.
package struct BreakoutRoom: Sendable, Codable, Equatable {
    package struct Member: Sendable, Codable, Equatable {
        package let handle: String
        package let name: String
    }

    package let number: Int
    package let online: Bool
    package let members: [Member]
    package let noteTaker: String?
    package let notes: String
    package let notesAt: Date?
}

/// A session's breakouts: the size asked for, the mixing score (100 is perfect), and the rooms the viewer may see.
package struct BreakoutSet: Sendable, Codable, Equatable {
    package let size: Int?
    package let mixingScore: Int?
    package let rooms: [BreakoutRoom]
}

/// Forming breakouts from the people at a session, swapping people by hand, note-takers and their notes.
package struct SessionBreakouts: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }

    private func organizerWeek(_ seriesID: Int, _ number: Int, _ person: CurrentPerson) async throws -> Week {
        let series = try await queries.organized(seriesID, by: person)
        return try queries.week(series, number)
    }

    /// What the former is given for week `number`'s session (for organizers): see the other `request`.
    package func request(
        _ seriesID: Int,
        _ number: Int,
        size: Int,
        by person: CurrentPerson
    ) async throws -> Breakouts.Request {
        let week = try await organizerWeek(seriesID, number, person)
        return try await request(series: seriesID, week: week, size: size, keepOnlineTogether: false, seed: 0)
    }

    /// What the algorithm needs about everyone at the session: their groups; their currents, which are centers
    /// only (the centers they belong to, and the centers their other groups affiliate with; never a circle or
    /// coalition); newcomers; who is online; and who already met in the breakout of an earlier session, one
    /// that started before this one (before now, for a week with no session scheduled). A week with no session
    /// has no time, so its breakouts count as earlier for none.
    func request(
        series: Int,
        week: Week,
        size: Int,
        keepOnlineTogether: Bool,
        seed: UInt64
    ) async throws -> Breakouts.Request {
        let present = try await sql.raw(
            """
            SELECT a.person_id, a.mode, COALESCE(e.newcomer, \(bind: false)) AS newcomer FROM study_attendance a
            LEFT JOIN study_enrollments e ON e.person_id = a.person_id AND e.series_id = \(bind: series)
            WHERE a.week_id = \(bind: week.id)
            """
        ).rows(PresentRow.self)
        var groups: [Int: Set<Int>] = [:]
        var currents: [Int: Set<Int>] = [:]
        for row in try await sql.raw(
            """
            SELECT m.person_id, m.group_id, g.kind FROM \(GroupAccess.activeMemberships) m JOIN groups g ON g.id = m.group_id
            JOIN study_attendance a ON a.person_id = m.person_id AND a.week_id = \(bind: week.id)
            """
        ).rows(MembershipRow.self) {
            groups[row.personId, default: []].insert(row.groupId)
            if row.kind == .center {
                currents[row.personId, default: []].insert(row.groupId)
            }
        }
        for row in try await sql.raw(
            """
            SELECT m.person_id, c.id AS center FROM \(GroupAccess.activeMemberships) m
            JOIN affiliations f ON (f.group_id = m.group_id OR f.other_id = m.group_id) AND f.status = 'accepted'
            JOIN groups c ON c.id = CASE WHEN f.group_id = m.group_id THEN f.other_id ELSE f.group_id END
            AND c.kind = \(bind: GroupKind.center.rawValue)
            JOIN study_attendance a ON a.person_id = m.person_id AND a.week_id = \(bind: week.id)
            """
        ).rows(CurrentRow.self) {
            currents[row.personId, default: []].insert(row.center)
        }
        var met = Set<Breakouts.Pair>()
        let earlier = try await sql.raw(
            """
            SELECT b.id AS breakout, m.person_id FROM study_breakouts b JOIN study_breakout_members m ON m.breakout_id = b.id
            JOIN study_weeks w ON w.id = b.week_id JOIN events e ON e.id = w.event_id
            WHERE w.series_id = \(bind: series) AND w.id <> \(bind: week.id)
            AND e.starts_at < \(bind: week.session?.startsAt ?? services.clock())
            ORDER BY b.id
            """
        ).rows(EarlierRow.self)
        var rooms: [Int: [Int]] = [:]
        for row in earlier {
            rooms[row.breakout, default: []].append(row.personId)
        }
        for members in rooms.values {
            for (i, a) in members.enumerated() { for b in members[(i + 1)...] { met.insert(Breakouts.Pair(a, b)) } }
        }
        let people = present.map { row in
            Breakouts.Person(
                id: row.personId,
                groups: groups[row.personId] ?? [],
                currents: currents[row.personId] ?? [],
                isNewcomer: row.newcomer,
                isOnline: row.mode == .online
            )
        }
        return Breakouts.Request(
            people: people,
            size: size,
            keepOnlineTogether: keepOnlineTogether,
            metBefore: met,
            seed: seed
        )
    }

    /// Forms breakouts of about `size` from everyone recorded at the session, replacing any formed before.
    package func form(
        _ seriesID: Int,
        _ number: Int,
        size: Int,
        keepOnlineTogether: Bool,
        seed: UInt64? = nil,
        by person: CurrentPerson
    ) async throws -> Int {
        let week = try await organizerWeek(seriesID, number, person)
        guard (2...20).contains(size) else {
            throw AppError.validation(["size": "Choose breakouts of 2 to 20 people."])
        }
        let request = try await request(
            series: seriesID,
            week: week,
            size: size,
            keepOnlineTogether: keepOnlineTogether,
            seed: seed ?? UInt64(services.clock().timeIntervalSince1970 * 1000)
        )
        guard request.people.count >= 2 else {
            throw AppError.conflict("Record who is here first: breakouts are formed from the people at the session.")
        }
        let plan = Breakouts.form(request)
        let online = Set(request.people.filter(\.isOnline).map(\.id))
        try await save(
            week: week.id,
            rooms: plan.groups,
            online: keepOnlineTogether ? online : [],
            size: size,
            score: plan.mixingScore
        )
        return plan.groups.count
    }

    private func save(week: Int, rooms: [[Int]], online: Set<Int>, size: Int, score: Int) async throws {
        try await services.store.transaction { sql in
            try await sql.delete(from: "study_breakouts").where("week_id", .equal, week).run()
            for (index, members) in rooms.enumerated() {
                let id = try await sql.insertReturningID(
                    into: "study_breakouts",
                    [
                        "week_id": week, "number": index + 1,
                        "online": !members.isEmpty && members.allSatisfy(online.contains),
                        "notes": "",
                    ]
                )
                try await sql.insertRows(
                    into: "study_breakout_members",
                    columns: ["breakout_id", "person_id"],
                    rows: members.map { [id, $0] }
                )
            }
            try await sql.update("study_weeks").set("breakout_size", to: size).set("mixing_score", to: score)
                .where("id", .equal, week).run()
        }
    }

    /// Swaps two people between their breakouts and scores the result again.
    package func swap(
        _ seriesID: Int,
        _ number: Int,
        _ first: String,
        _ second: String,
        by person: CurrentPerson
    ) async throws {
        let week = try await organizerWeek(seriesID, number, person)
        let rows = try await sql.raw(
            """
            SELECT b.id AS breakout, p.id AS person, p.handle FROM study_breakouts b
            JOIN study_breakout_members m ON m.breakout_id = b.id JOIN people p ON p.id = m.person_id
            WHERE b.week_id = \(bind: week.id) ORDER BY b.number, m.id
            """
        ).rows(PlacedRow.self)
        var where_: [String: (breakout: Int, person: Int)] = [:]
        var rooms: [Int: [Int]] = [:]
        var order: [Int] = []
        for row in rows {
            where_[row.handle] = (row.breakout, row.person)
            if rooms[row.breakout] == nil { order.append(row.breakout) }
            rooms[row.breakout, default: []].append(row.person)
        }
        guard let a = where_[first.lowercased()], let b = where_[second.lowercased()] else {
            throw AppError.validation(["swap": "Choose two people who are in this session's breakouts."])
        }
        guard a.breakout != b.breakout else {
            throw AppError.validation(["swap": "Those two are in the same breakout."])
        }
        let request = try await request(series: seriesID, week: week, size: 2, keepOnlineTogether: false, seed: 0)
        var groups = order.map { rooms[$0] ?? [] }
        for index in groups.indices {
            groups[index] = groups[index].map { $0 == a.person ? b.person : $0 == b.person ? a.person : $0 }
        }
        let score = Breakouts.cost(of: groups, request).mixingScore
        try await services.store.transaction { sql in
            try await sql.update("study_breakout_members").set("breakout_id", to: b.breakout)
                .where("breakout_id", .equal, a.breakout).where("person_id", .equal, a.person).run()
            try await sql.update("study_breakout_members").set("breakout_id", to: a.breakout)
                .where("breakout_id", .equal, b.breakout).where("person_id", .equal, b.person).run()
            // A note-taker moved out of a breakout no longer takes its notes.
            for (breakout, moved) in [(a.breakout, a.person), (b.breakout, b.person)] {
                try await sql.update("study_breakouts").set("note_taker_id", to: SQLLiteral.null)
                    .where("id", .equal, breakout).where("note_taker_id", .equal, moved).run()
            }
            try await sql.update("study_weeks").set("mixing_score", to: score).where("id", .equal, week.id).run()
        }
    }
}

/// Someone recorded at a session.
private struct PresentRow: Decodable {
    let personId: Int
    let mode: AttendanceMode
    let newcomer: Bool
}

/// A group someone at the session is an active member of.
private struct MembershipRow: Decodable {
    let personId: Int
    let groupId: Int
    let kind: GroupKind
}

/// A center one of someone's groups affiliates with.
private struct CurrentRow: Decodable {
    let personId: Int
    let center: Int
}

/// Someone in an earlier session's breakout.
private struct EarlierRow: Decodable {
    let breakout: Int
    let personId: Int
}

/// Someone placed in one of this session's breakouts.
private struct PlacedRow: Decodable {
    let breakout: Int
    let person: Int
    let handle: String
}
