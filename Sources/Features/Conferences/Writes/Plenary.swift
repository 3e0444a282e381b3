import Decisions
import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What an organizer sets when putting an action or an amendment to the plenary's vote: the kind (a motion, or a
/// consent proposal for the action itself), whether the ballot is secret, and when voting closes (local time in
/// the conference's zone). The rest is the engine's default: a simple majority of yes and no, no quorum.
package struct PlenaryVoteInput: Sendable, Decodable {
    package var kind = "motion"
    package var secret = false
    package var closesAt = ""

    package init() {}
}

/// The plenary: participants amend action proposals, organizers put each amendment and then the proposal to the
/// vote of the registered participants. Each vote is a decision of the organizer's host group whose electorate is
/// the people registered when it opens (`Electorate.people`); its result is read when a page is drawn.
package struct Plenary: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: PlenaryQueries { PlenaryQueries(services: services) }

    /// A participant (or an organizer) proposes an amendment, until the proposal's own vote opens.
    package func amend(
        _ action: Int,
        of id: Int,
        mode rawMode: String,
        text rawText: String,
        by person: CurrentPerson
    ) async throws -> Int {
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        let row = try await proposal(action, of: id)
        let participant = try await queries.isParticipant(id, person.id)
        guard conference.roles.isOrganizer || participant else {
            throw AppError.forbidden("Only the conference's registered participants can propose amendments.")
        }
        guard row.decisionId == nil else {
            throw AppError.validation([FieldSet.formMessage: "The proposal is already put to the vote."])
        }
        var errors: [String: String] = [:]
        let mode = AmendmentMode(rawValue: rawMode)
        if mode == nil { errors["amendmentMode"] = "Choose whether the amendment replaces the text or adds to it." }
        let text = FieldRules.text(rawText, "amendmentText", max: 20_000, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if text.isEmpty && errors["amendmentText"] == nil { errors["amendmentText"] = "Write the amendment's text." }
        guard errors.isEmpty, let mode else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "action_amendments",
            [
                "action_id": action, "person_id": person.id, "mode": mode.rawValue, "text": text, "text_before": "",
                "created_at": services.clock(),
            ]
        )
    }

    /// An organizer puts an amendment to the plenary's vote (a motion), before the proposal's own vote.
    package func putAmendment(
        _ amendment: Int,
        of action: Int,
        in id: Int,
        _ input: PlenaryVoteInput,
        by person: CurrentPerson
    ) async throws -> Int {
        let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let row = try await proposal(action, of: id)
        guard row.decisionId == nil else {
            throw AppError.validation([FieldSet.formMessage: "The proposal is already put to the vote."])
        }
        let plenary = try await queries.plenary(action: action, text: row.text, decision: nil)
        guard let item = plenary.amendments.first(where: { $0.amendment.id == amendment }) else {
            throw AppError.notFound
        }
        guard item.amendment.decisionId == nil else {
            throw AppError.validation([FieldSet.formMessage: "This amendment is already put to the vote."])
        }
        var motion = input
        motion.kind = "motion"
        let decision = try await open(
            conference,
            title: "Amendment to “\(row.title)”",
            body: "\(item.amendment.mode.label):\n\n\(item.amendment.text)",
            motion,
            origin: ConferencePaths.action(id, action),
            by: person
        )
        try await sql.update("action_amendments").set("decision_id", to: decision).set("text_before", to: plenary.text)
            .where("id", .equal, amendment).run()
        return decision
    }

    /// An organizer puts the proposal, as amended, to the plenary's vote, once no amendment is being voted on.
    package func putProposal(
        _ action: Int,
        in id: Int,
        _ input: PlenaryVoteInput,
        by person: CurrentPerson
    )
        async throws -> Int
    {
        let conference = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let row = try await proposal(action, of: id)
        guard row.decisionId == nil else {
            throw AppError.validation([FieldSet.formMessage: "The proposal is already put to the vote."])
        }
        let plenary = try await queries.plenary(action: action, text: row.text, decision: nil)
        guard !plenary.amendmentVoting else {
            throw AppError.validation([
                FieldSet.formMessage: "An amendment is still being voted on: the proposal's vote waits for its result."
            ])
        }
        guard input.kind == "motion" || input.kind == "consent" else {
            throw AppError.validation(["kind": "Choose a motion or a consent proposal."])
        }
        let decision = try await open(
            conference,
            title: row.title,
            body: plenary.text,
            input,
            origin: ConferencePaths.action(id, action),
            by: person
        )
        try await sql.update("action_proposals").set("decision_id", to: decision).where("id", .equal, action).run()
        return decision
    }

    /// Opens a decision of the organizer's first host group whose voters are the registered participants.
    private func open(
        _ conference: ConferenceView,
        title: String,
        body: String,
        _ vote: PlenaryVoteInput,
        origin: String,
        by person: CurrentPerson
    ) async throws -> Int {
        let voters = try await queries.participants(conference.id)
        guard !voters.isEmpty else {
            throw AppError.validation([FieldSet.formMessage: "Nobody is registered for the conference yet."])
        }
        guard
            let slug = try await sql.raw(
                """
                SELECT g.slug FROM event_hosts h JOIN groups g ON g.id = h.group_id WHERE h.event_id = \
                \(bind: conference.id) AND h.status = 'accepted' \
                AND \(GroupAccess.actsFor("h.group_id", person, roles: Role.organizing)) ORDER BY h.id LIMIT 1
                """
            ).value("slug", as: String.self)
        else { throw AppError.forbidden("Only organizers of the conference's host groups can do that.") }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        var input = DecisionInput()
        input.title = String(title.prefix(150))
        input.body = body
        input.kind = vote.kind
        input.secret = vote.secret
        input.reasons = "optional"
        input.zone = conference.zone
        input.closesAt = vote.closesAt
        return try await DecisionWrites(services: services).create(
            in: group,
            standing: standing,
            input: input,
            electorate: .people(voters),
            origin: DecisionOrigin(path: origin, label: "An action proposal of \(conference.event.title)"),
            by: person
        )
    }

    /// The action proposal whose vote, or one of whose amendments' votes, is decision `decision`.
    func actionOf(decision: Int, in id: Int) async throws -> Int {
        guard
            let action = try await sql.raw(
                """
                SELECT x.id FROM action_proposals x WHERE x.event_id = \(bind: id) AND x.withdrawn_at IS NULL \
                AND (x.decision_id = \(bind: decision) OR EXISTS (SELECT 1 FROM action_amendments m \
                WHERE m.action_id = x.id AND m.decision_id = \(bind: decision)))
                """
            ).value("id", as: Int.self)
        else { throw AppError.notFound }
        return action
    }

    /// The proposal's title, text and vote, if it is one of this conference's and not withdrawn.
    func proposal(_ action: Int, of id: Int) async throws -> ProposalRow {
        guard
            let row = try await sql.raw(
                """
                SELECT id, title, text, decision_id FROM action_proposals WHERE id = \(bind: action) \
                AND event_id = \(bind: id) AND withdrawn_at IS NULL
                """
            ).row(ProposalRow.self)
        else { throw AppError.notFound }
        return row
    }

    struct ProposalRow: Decodable {
        let id: Int
        let title: String
        let text: String
        let decisionId: Int?
    }
}
