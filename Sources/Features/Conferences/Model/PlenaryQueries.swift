import Decisions
import Foundation
import FreshgroundCore
import FreshgroundWeb
import SQLKit

/// How an amendment changes the proposal's text.
package enum AmendmentMode: String, Sendable, Codable, CaseIterable {
    /// The amendment's text takes the place of the proposal's whole text.
    case replace
    /// The amendment's text is added to the proposal's text as a new paragraph.
    case add

    var label: String { self == .replace ? "Replaces the whole text" : "Adds to the text" }
}

/// An amendment to an action proposal, with its author.
package struct Amendment: Sendable, Decodable {
    package let id: Int
    package let mode: AmendmentMode
    package let text: String
    package let textBefore: String
    package let decisionId: Int?
    package let createdAt: Date
    let aHandle: String?
    let aName: String?

    var author: PersonRef? { PersonRef.joined(handle: aHandle, name: aName) }

    /// The proposal's text once this amendment is applied to `text`.
    func applied(to text: String) -> String {
        switch mode {
        case .replace: self.text
        case .add: text.trimmingWhitespace().isEmpty ? self.text : text.trimmingWhitespace() + "\n\n" + self.text
        }
    }
}

/// Where a vote of the plenary stands, read from Decisions when a page is drawn (nothing runs at the close).
package enum PlenaryState: Sendable {
    /// Not put to a vote.
    case none
    /// Voting opens or is open until `closesAt` (in `zone`); `kind` tells the ballot's choices.
    case voting(decision: Int, kind: DecisionKind, opensAt: Date, closesAt: Date, zone: String)
    /// Voting ended: adopted or not, with the count's explanation of the rule that decided.
    case decided(decision: Int, adopted: Bool, explanation: String)
    /// The decision no longer exists (its group was deleted).
    case gone

    var isDecided: Bool { if case .decided = self { true } else { false } }
    var adopted: Bool { if case .decided(_, let adopted, _) = self { adopted } else { false } }
    var decision: Int? {
        switch self {
        case .voting(let id, _, _, _, _), .decided(let id, _, _): id
        case .none, .gone: nil
        }
    }
}

/// An amendment with where its vote stands.
struct AmendmentState: Sendable {
    let amendment: Amendment
    let state: PlenaryState
}

/// An action proposal's plenary: its amendments and its own vote, and the text as amended so far.
struct ActionPlenary: Sendable {
    let amendments: [AmendmentState]
    let vote: PlenaryState
    /// The original text with every adopted amendment applied in order.
    let text: String

    /// Amendments may be proposed and put to votes until the proposal's own vote is opened.
    var amendable: Bool { vote.decision == nil }
    /// An amendment still being voted on: the proposal's vote waits for it.
    var amendmentVoting: Bool { amendments.contains { if case .voting = $0.state { true } else { false } } }
}

/// Reads of the plenary: who takes part, amendments, vote states.
struct PlenaryQueries: Sendable {
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    /// The conference's registered participants: the people with an account whose RSVP holds a place (`going`).
    /// People who RSVPed by email alone have no account to vote with; those on the wait list are not registered.
    func participants(_ event: Int) async throws -> [Int] {
        try await sql.raw(
            """
            SELECT person_id FROM rsvps WHERE event_id = \(bind: event) AND status = 'going' \
            AND person_id IS NOT NULL ORDER BY person_id
            """
        ).column("person_id", as: Int.self)
    }

    func isParticipant(_ event: Int, _ person: Int, on sql: (any SQLDatabase)? = nil) async throws -> Bool {
        try await (sql ?? self.sql).raw(
            """
            SELECT 1 AS one FROM rsvps WHERE event_id = \(bind: event) AND person_id = \(bind: person) \
            AND status = 'going'
            """
        ).first() != nil
    }

    /// The action's amendments, oldest first, with their authors.
    func amendments(_ action: Int) async throws -> [Amendment] {
        try await sql.raw(
            """
            SELECT x.id, x.mode, x.text, x.text_before, x.decision_id, x.created_at, p.handle AS a_handle, \
            p.display_name AS a_name FROM action_amendments x LEFT JOIN people p ON p.id = x.person_id \
            WHERE x.action_id = \(bind: action) ORDER BY x.id
            """
        ).rows(Amendment.self)
    }

    /// Where the vote of decision `id` stands.
    func state(_ id: Int?) async throws -> PlenaryState {
        guard let id else { return .none }
        if let (_, outcome) = try await DecisionCount(services: services).finalOutcome(of: id) {
            return .decided(decision: id, adopted: outcome.passed == true, explanation: outcome.explanation)
        }
        guard
            let row = try await sql.raw(
                "SELECT kind, opens_at, closes_at, zone FROM decisions WHERE id = \(bind: id)"
            ).row(VoteTimes.self)
        else { return .gone }
        return .voting(decision: id, kind: row.kind, opensAt: row.opensAt, closesAt: row.closesAt, zone: row.zone)
    }

    /// The plenary of an action proposal whose text is `text` and whose vote is `decision`.
    func plenary(action: Int, text: String, decision: Int?) async throws -> ActionPlenary {
        var current = text
        var states: [AmendmentState] = []
        for amendment in try await amendments(action) {
            let state = try await state(amendment.decisionId)
            if state.adopted { current = amendment.applied(to: current) }
            states.append(AmendmentState(amendment: amendment, state: state))
        }
        return ActionPlenary(amendments: states, vote: try await state(decision), text: current)
    }

    /// Each action's vote and, once adopted, its tracker, for the conference's list.
    func overview(
        _ actions: [ActionProposalView],
        viewer: CurrentPerson?
    ) async throws
        -> [Int: (PlenaryState, ActionTracker?)]
    {
        var shown: [Int: (PlenaryState, ActionTracker?)] = [:]
        for action in actions where action.decisionID != nil {
            let state = try await state(action.decisionID)
            let tracker =
                state.adopted ? try await OutcomeTracker(services: services).tracker(action.id, viewer: viewer) : nil
            shown[action.id] = (state, tracker)
        }
        return shown
    }

    private struct VoteTimes: Decodable {
        let kind: DecisionKind
        let opensAt: Date
        let closesAt: Date
        let zone: String
    }
}
