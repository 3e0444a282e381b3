import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// "Who could take this": members of the work's group ranked by the room left in their pledge in the week the
/// work lands in, then by matching skills, then by who was asked least recently (`ShiftSuggestions`). People at
/// or over their pledge, paused, or already holding or offered the work are never named. The organizer sees
/// names and the matching skills, in order, and no figure about anyone.
package struct Suggestions: Sendable {
    let sql: any SQLDatabase

    package init(_ sql: any SQLDatabase) { self.sql = sql }

    /// One person suggested.
    package struct Suggested: Sendable, Codable, Equatable {
        package let handle: String
        package let name: String
        /// The work's skills the person said they have.
        package let skills: [String]
    }

    /// The suggestions an organizer reads: each person named is a read of their load (they have room left), which
    /// they see on their access page.
    package func forOrganizer(_ work: Work, viewer: Int, at now: Date) async throws -> [Suggested] {
        let ranked = try await ranked(work, today: IsoDay.day(of: now), limit: 10)
        try await AccessLog.record(ranked.map(\.id), .load, viewer: viewer, group: work.groupID, at: now, on: sql)
        return ranked.map(\.suggested)
    }

    private func ranked(_ work: Work, today: Int, limit: Int) async throws -> [(id: Int, suggested: Suggested)] {
        let week = PlanCheck.week(of: work.day ?? today)
        // The pledge is summed once a member and filtered here: a filter on it in SQL summed it twice. The work's
        // own takers are one list read once, not a search for each member.
        let people = try await sql.raw(
            """
            SELECT p.id, \(GroupAccess.pledgeTotal(of: "p.id")) AS pledge, s.until_on, \
            (SELECT MAX(o.asked_at) FROM volunteer_assignments o WHERE o.person_id = p.id \
            AND o.offered_by IS NOT NULL) AS last_asked FROM \(GroupAccess.activeMemberships) m \
            JOIN people p ON p.id = m.person_id LEFT JOIN volunteer_pauses s ON s.person_id = p.id \
            WHERE m.group_id = \(bind: work.groupID) AND p.id NOT IN (SELECT x.person_id FROM volunteer_assignments x \
            WHERE x.work_id = \(bind: work.id) AND x.state IN ('offered', 'accepted'))
            """
        ).rows(Person.self).filter { $0.pledge > 0 }
        guard !people.isEmpty else { return [] }
        let loads = try await PersonLoad(sql).weekLoads(ofMembersOf: [work.groupID], week: week)
        let skills = try await Self.skills(ofMembersOf: work.groupID, on: sql)
        let candidates = people.map { person in
            ShiftSuggestions.Candidate(
                id: person.id,
                pledge: person.pledge,
                load: loads[person.id] ?? 0,
                skills: skills[person.id] ?? [],
                lastAskedDay: person.lastAsked.map(IsoDay.day(of:)),
                pausedUntilDay: person.untilOn.flatMap(IsoDay.parse)
            )
        }
        let needed = work.skillSet
        let chosen = ShiftSuggestions.rank(candidates, skills: needed, today: today, limit: limit)
        // thousands of candidates are ranked on numbers alone; only the few named are read with their names
        guard !chosen.isEmpty else { return [] }
        let names = try await sql.raw(
            "SELECT id, handle, display_name FROM people WHERE id IN (\(binds: chosen.map(\.id)))"
        ).rows(Name.self)
        let byID = Dictionary(uniqueKeysWithValues: names.map { ($0.id, $0) })
        return chosen.compactMap { candidate in
            byID[candidate.id].map {
                (
                    $0.id,
                    Suggested(
                        handle: $0.handle,
                        name: $0.displayName,
                        skills: candidate.skills.intersection(needed).sorted()
                    )
                )
            }
        }
    }

    /// The skills each active member of `group` said they have.
    static func skills(ofMembersOf group: Int, on sql: any SQLDatabase) async throws -> [Int: Set<String>] {
        let rows = try await sql.raw(
            """
            SELECT k.person_id, k.skill FROM volunteer_skills k WHERE k.wants = \(bind: false) AND k.person_id IN \
            (SELECT person_id FROM \(GroupAccess.activeMemberships) m WHERE m.group_id = \(bind: group))
            """
        ).rows(SkillRow.self)
        var result: [Int: Set<String>] = [:]
        for row in rows { result[row.personId, default: []].insert(row.skill) }
        return result
    }

    private struct Person: Decodable {
        let id: Int
        let pledge: Double
        let untilOn: String?
        let lastAsked: Date?
    }

    private struct Name: Decodable {
        let id: Int
        let handle: String
        let displayName: String
    }

    private struct SkillRow: Decodable {
        let personId: Int
        let skill: String
    }
}
