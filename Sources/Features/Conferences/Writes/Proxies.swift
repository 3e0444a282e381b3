import Decisions
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A proxy as the pages show it: the other person and since when.
package struct ProxyView: Sendable, Decodable {
    package let handle: String
    package let displayName: String
    package let personId: Int
    package let createdAt: Date

    var person: PersonRef { PersonRef.joined(handle: handle, name: displayName) ?? PersonRef(handle: handle, name: "") }
}

/// Proxies at a conference: a registered participant gives their vote to another participant, who then casts it
/// in the plenary's votes alongside their own. One active proxy per giver; a holder holds at most
/// `Proxies.limit`; nobody holds votes while having given theirs away, so votes never pass along a chain. A proxy
/// can be revoked until the giver or the holder has voted in a plenary vote that is still open. For each
/// represented person the first ballot counts: the electorate row turns to voted once.
package struct Proxies: Sendable {
    /// How many votes one participant may hold besides their own.
    package static let limit = 2
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: PlenaryQueries { PlenaryQueries(services: services) }

    /// The proxy the person gave (whom they gave their vote to), if any.
    package func given(in id: Int, by person: Int) async throws -> ProxyView? {
        try await list(in: id, "x.giver_id", person, other: "x.holder_id").first
    }

    /// The people whose votes the person holds.
    package func held(in id: Int, by person: Int) async throws -> [ProxyView] {
        try await list(in: id, "x.holder_id", person, other: "x.giver_id")
    }

    private func list(
        in id: Int,
        _ column: StaticString,
        _ person: Int,
        other: StaticString
    ) async throws
        -> [ProxyView]
    {
        try await sql.raw(
            """
            SELECT p.handle, p.display_name, p.id AS person_id, x.created_at FROM conference_proxies x \
            JOIN people p ON p.id = \(unsafeRaw: other.description) WHERE x.event_id = \(bind: id) \
            AND \(unsafeRaw: column.description) = \(bind: person) AND x.revoked_at IS NULL ORDER BY p.display_name, p.id
            """
        ).rows(ProxyView.self)
    }

    /// The participant gives their vote to `holder` (a person id, from a handle the form named).
    package func give(in id: Int, to holder: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard try await queries.isParticipant(id, person.id) else {
            throw AppError.forbidden("Only registered participants of the conference can give their vote.")
        }
        var problem: String?
        if holder == person.id {
            problem = "Give your vote to someone else."
        } else if try await !queries.isParticipant(id, holder) {
            problem = "That person is not registered for the conference."
        } else if try await given(in: id, by: holder) != nil {
            problem = "That person has given their own vote to someone else, so they cannot hold yours."
        } else if try await held(in: id, by: holder).count >= Self.limit {
            problem = "That person already holds \(Self.limit) votes, the most anyone may hold."
        }
        if let problem { throw AppError.validation(["holder": problem]) }
        guard try await given(in: id, by: person.id) == nil else {
            throw AppError.validation([
                FieldSet.formMessage: "You have already given your vote: revoke that proxy first."
            ])
        }
        guard try await held(in: id, by: person.id).isEmpty else {
            throw AppError.validation([
                FieldSet.formMessage:
                    "You hold other participants' votes; they must revoke their proxies before you give yours."
            ])
        }
        do {
            _ = try await sql.insertReturningID(
                into: "conference_proxies",
                ["event_id": id, "giver_id": person.id, "holder_id": holder, "created_at": services.clock()]
            )
        } catch  where error.isConstraintFailure {
            throw AppError.validation([
                FieldSet.formMessage: "You have already given your vote: revoke that proxy first."
            ])
        }
    }

    /// The giver takes their vote back, unless they or the holder already voted in a plenary vote still open.
    package func revoke(in id: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard let proxy = try await given(in: id, by: person.id) else {
            throw AppError.conflict("You have not given your vote to anyone.")
        }
        let now = services.clock()
        let locked = try await sql.raw(
            """
            SELECT 1 AS one FROM decision_electorate e JOIN decisions d ON d.id = e.decision_id \
            WHERE e.voted = TRUE AND e.person_id IN (\(bind: person.id), \(bind: proxy.personId)) \
            AND d.closed_at IS NULL AND d.opens_at <= \(bind: now) AND d.closes_at > \(bind: now) \
            AND d.id IN (SELECT decision_id FROM action_proposals WHERE event_id = \(bind: id) \
            AND decision_id IS NOT NULL UNION SELECT m.decision_id FROM action_amendments m \
            JOIN action_proposals x ON x.id = m.action_id WHERE x.event_id = \(bind: id) AND m.decision_id IS NOT NULL)
            """
        ).first()
        guard locked == nil else {
            throw AppError.conflict(
                "You or \(proxy.person.name) already voted in a plenary vote that is still open: the proxy stands "
                    + "until that vote closes."
            )
        }
        try await sql.update("conference_proxies").set("revoked_at", to: now).where("event_id", .equal, id)
            .where("giver_id", .equal, person.id).where("revoked_at", .is, SQLLiteral.null).run()
    }

    /// The holder casts the ballot of `giver` in one of the conference's plenary votes, from the ballot form's
    /// fields (`position`, `reason`).
    package func cast(
        for giver: Int,
        in decisionID: Int,
        of id: Int,
        form: FormData,
        by person: CurrentPerson
    ) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        _ = try await Plenary(services: services).actionOf(decision: decisionID, in: id)
        let (decision, _, standing) = try await DecisionQueries(services: services).decision(decisionID, viewer: person)
        let turnout = try await DecisionQueries(services: services).turnout(of: decision)
        let holder = person.id
        _ = try await Ballots(services: services).cast(
            decision,
            standing: standing,
            ballot: try BallotForm.ballot(try decision.rules, form: form),
            reason: form.raw("reason"),
            entitled: turnout.entitled,
            representing: Representation(person: giver) { sql in
                // Checked in the vote's transaction: the proxy is active and the holder is among the voters.
                try await sql.raw(
                    """
                    SELECT 1 AS one FROM conference_proxies x WHERE x.event_id = \(bind: id) \
                    AND x.giver_id = \(bind: giver) AND x.holder_id = \(bind: holder) AND x.revoked_at IS NULL \
                    AND EXISTS (SELECT 1 FROM decision_electorate e WHERE e.decision_id = \(bind: decisionID) \
                    AND e.person_id = \(bind: holder))
                    """
                ).first() != nil
            },
            by: person
        )
    }
}
