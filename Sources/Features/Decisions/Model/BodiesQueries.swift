import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A recall petition (or the vote it opened) as a body's page and the recall page list it.
package struct RecallSummary: Sendable, Decodable {
    package let id: Int
    package let bodyID: Int
    package let electionID: Int
    package let holderID: Int
    package let holderHandle: String
    package let holderName: String
    package let reason: String
    package let startedAt: Date
    package let starterHandle: String
    package let starterName: String
    /// The recall vote, once enough members co-signed.
    package let decisionID: Int?
    package let signatures: Int

    package var holderShown: String { holderName.isEmpty ? "@\(holderHandle)" : "\(holderName) (@\(holderHandle))" }
    package var starterShown: String {
        starterHandle.isEmpty
            ? "a former member" : starterName.isEmpty ? "@\(starterHandle)" : "\(starterName) (@\(starterHandle))"
    }
}

/// A person who signed something (a recall petition, a dissent statement), by name.
package struct Signer: Sendable, Decodable {
    package let personID: Int
    package let handle: String
    package let displayName: String

    package var shownName: String { displayName.isEmpty ? "@\(handle)" : "\(displayName) (@\(handle))" }
}

/// Reads of elected bodies. Holders are never stored: they are the winners of the body's latest closed election,
/// read from its final count, for the body's term from the close, unless a recall vote passed.
package struct BodyQueries: Sendable {
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    /// Co-signers a recall in `group` needs now: `BodyRules.signaturesNeeded` of its active members.
    package func signaturesNeeded(in group: Group) async throws -> Int {
        let members = try await GroupAccess(sql).personIDs(actingFor: [group.id], roles: Set(Role.allCases)).count
        return BodyRules.signaturesNeeded(activeMembers: members)
    }

    package init(services: AppServices) { self.services = services }

    /// The body, its group and where the viewer stands; "not found" unless the viewer may see the group.
    package func body(_ id: Int, viewer: CurrentPerson?) async throws -> (Body, Group, Standing) {
        guard
            let body = try await sql.select().columns(Body.columns).from("bodies").where("id", .equal, id)
                .row(Body.self),
            let owner = try await GroupQueries(services: services).group(id: body.groupID)
        else { throw AppError.notFound }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(
            slug: owner.slug,
            viewer: viewer
        )
        guard BodyRules.canSee(group, standing) else { throw AppError.notFound }
        return (body, group, standing)
    }

    /// Every body of `group` with its holders; recall petitions only when `standing` may read them.
    package func views(of group: Group, standing: Standing) async throws -> [BodyView] {
        let bodies = try await sql.select().columns(Body.columns).from("bodies").where("group_id", .equal, group.id)
            .orderBy("name").orderBy("id").rows(Body.self)
        var views: [BodyView] = []
        for body in bodies {
            let (holders, pending) = try await seats(of: body)
            let recalls = BodyRules.canPetition(standing) ? try await openRecalls(of: body.id) : []
            views.append(BodyView(body: body, holders: holders, pending: pending, recalls: recalls))
        }
        return views
    }

    /// The winners of the body's latest closed election (holding or not any more), and its elections under way.
    package func seats(of body: Body) async throws -> ([SeatHolder], [PendingElection]) {
        let count = DecisionCount(services: services)
        let elections = try await sql.raw(
            """
            SELECT d.id, d.title FROM body_terms t JOIN decisions d ON d.id = t.decision_id \
            WHERE t.body_id = \(bind: body.id) ORDER BY d.closes_at DESC, d.id DESC
            """
        ).rows(PendingElection.self)
        var latest: (Decision, DecisionOutcome)?
        var pending: [PendingElection] = []
        for election in elections {
            guard let final = try await count.finalOutcome(of: election.id) else {
                pending.append(election)
                continue
            }
            if let current = latest, current.0.endedAt >= final.0.endedAt { continue }
            latest = final
        }
        guard let (election, outcome) = latest else { return ([], pending) }
        let candidates = try await self.candidates(of: election.id)
        var holders: [SeatHolder] = []
        for position in outcome.winners {
            guard let person = candidates[position] else { continue }
            holders.append(
                SeatHolder(
                    personID: person.personID,
                    handle: person.handle,
                    displayName: person.displayName,
                    electionID: election.id,
                    electionTitle: election.title,
                    since: election.endedAt,
                    until: body.termEnd(from: election.endedAt),
                    recall: try await recalled(person.personID, election: election.id)
                )
            )
        }
        return (holders, pending.reversed())
    }

    /// The seat `person` holds now on `body`, if any.
    package func seat(of person: Int, on body: Body) async throws -> SeatHolder? {
        try await seats(of: body).0.first { $0.personID == person && $0.holds(at: services.clock()) }
    }

    /// The candidates of an election by their option's position.
    package func candidates(of decision: Int) async throws -> [Int: Signer] {
        let rows = try await sql.raw(
            """
            SELECT c.position, p.id AS person_id, p.handle, p.display_name FROM decision_candidates c \
            JOIN people p ON p.id = c.person_id WHERE c.decision_id = \(bind: decision)
            """
        ).rows(CandidateRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.position, Signer(row: $0)) })
    }

    /// The recall vote that removed `person` from the seat `election` gave them, if one passed.
    private func recalled(_ person: Int, election: Int) async throws -> (decisionID: Int, endedAt: Date)? {
        let votes = try await sql.raw(
            """
            SELECT decision_id FROM recalls WHERE election_id = \(bind: election) AND holder_id = \(bind: person) \
            AND decision_id IS NOT NULL ORDER BY decision_id
            """
        ).column("decision_id", as: Int.self)
        for vote in votes {
            if let (decision, outcome) = try await DecisionCount(services: services).finalOutcome(of: vote),
                outcome.passed == true
            {
                return (vote, decision.endedAt)
            }
        }
        return nil
    }

    /// A body's petitions still gathering co-signers and its recall votes still open.
    package func openRecalls(of body: Int) async throws -> [RecallSummary] {
        try await sql.raw(
            """
            \(Self.recallSelect) WHERE r.body_id = \(bind: body) AND (r.decision_id IS NULL OR EXISTS (SELECT 1 \
            FROM decisions d WHERE d.id = r.decision_id AND d.closed_at IS NULL \
            AND d.closes_at > \(bind: services.clock()))) ORDER BY r.started_at, r.id
            """
        ).rows(RecallSummary.self)
    }

    /// One recall petition.
    package func recall(_ id: Int) async throws -> RecallSummary? {
        try await sql.raw("\(Self.recallSelect) WHERE r.id = \(bind: id)").row(RecallSummary.self)
    }

    /// Who co-signed a recall, in the order they signed.
    package func recallSigners(_ id: Int) async throws -> [Signer] {
        try await sql.raw(
            """
            SELECT p.id AS person_id, p.handle, p.display_name FROM recall_signatures s \
            JOIN people p ON p.id = s.person_id WHERE s.recall_id = \(bind: id) ORDER BY s.signed_at, p.handle
            """
        ).rows(Signer.self)
    }

    static let recallSelect: SQLQueryString = """
        SELECT r.id, r.body_id, r.election_id, r.holder_id, h.handle AS holder_handle, h.display_name AS holder_name, \
        r.reason, r.started_at, COALESCE(s.handle, '') AS starter_handle, COALESCE(s.display_name, '') AS starter_name, \
        r.decision_id, (SELECT COUNT(*) FROM recall_signatures rs WHERE rs.recall_id = r.id) AS signatures \
        FROM recalls r JOIN people h ON h.id = r.holder_id LEFT JOIN people s ON s.id = r.started_by
        """

    fileprivate struct CandidateRow: Decodable {
        let position: Int
        let personID: Int
        let handle: String
        let displayName: String
    }
}

extension Signer {
    fileprivate init(row: BodyQueries.CandidateRow) {
        self.init(personID: row.personID, handle: row.handle, displayName: row.displayName)
    }
}
