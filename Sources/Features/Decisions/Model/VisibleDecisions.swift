import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

extension DecisionQueries {
    /// The decisions among `ids` that `viewer` may see, by the same rules as `decision(_:viewer:)` (a member of the
    /// group, the electorate, a voting unit's member, or anyone once a public group's organizers published the
    /// result), in four queries however many there are: a campaign's page shows the vote on every version of its
    /// joint demands.
    package func visible(_ ids: [Int], viewer: CurrentPerson?) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        let decisions = try await sql.select().columns(Decision.columns).from("decisions").where("id", .in, ids)
            .rows(Decision.self)
        guard !decisions.isEmpty else { return [] }
        var groups: [Int: (Group, Standing)] = [:]
        for row in try await sql.raw(
            """
            SELECT g.*, \(GroupAccess.standingColumns) FROM groups g \(GroupAccess.standingJoin("g.id", viewer: viewer)) \
            WHERE g.id IN (\(binds: Array(Set(decisions.map(\.groupID)))))
            """
        ).all() {
            let group = try row.decode(Group.self)
            groups[group.id] = (group, try GroupAccess.standing(row: row, viewer: viewer))
        }
        let entitled: Set<Int> =
            if let viewer {
                Set(
                    try await sql.select().column("decision_id").from("decision_electorate")
                        .where("decision_id", .in, ids).where("person_id", .equal, viewer.id)
                        .column("decision_id", as: Int.self)
                )
            } else { [] }
        let seats = try await seats(in: ids, viewer: viewer)
        let now = services.clock()
        return Set(
            decisions.compactMap { decision -> Int? in
                guard let (group, standing) = groups[decision.groupID] else { return nil }
                let place = DecisionStanding(
                    group: standing,
                    entitled: entitled.contains(decision.id),
                    voted: false,
                    units: seats[decision.id] ?? []
                )
                guard DecisionRules.canSee(place) || DecisionRules.isPublished(decision, group: group, now: now)
                else { return nil }
                return decision.id
            }
        )
    }

    /// The voting units of each decision among `ids` that the viewer is an active member of, and whether they are a
    /// delegate of each, by decision.
    func seats(in ids: [Int], viewer: CurrentPerson?) async throws -> [Int: [UnitSeat]] {
        guard let viewer, !ids.isEmpty else { return [:] }
        var seats: [Int: [UnitSeat]] = [:]
        for row in try await sql.raw(
            """
            SELECT u.decision_id, u.group_id AS id, g.slug, g.name, u.voices, u.voted, \
            \(GroupAccess.actsFor("u.group_id", viewer, roles: Role.organizing)) AS delegate \
            FROM decision_units u JOIN groups g ON g.id = u.group_id \
            WHERE u.decision_id IN (\(binds: ids)) AND \(GroupAccess.actsFor("u.group_id", viewer)) \
            ORDER BY u.decision_id, g.name, g.id
            """
        ).all() {
            seats[try row.decode(SeatDecision.self).decisionId, default: []].append(try row.decode(UnitSeat.self))
        }
        return seats
    }
}

private struct SeatDecision: Decodable {
    let decisionId: Int
}
