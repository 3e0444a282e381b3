import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A decision as stored, with its rules decoded.
package struct Decision: Sendable, Decodable {
    package let id: Int
    package let groupID: Int
    package let title: String
    package let body: String
    package let kind: DecisionKind
    package let spec: String
    package let secret: Bool
    package let resultsHidden: Bool
    package let reasons: ReasonRule
    /// The time zone the times are given and shown in.
    package let zone: String
    package let opensAt: Date
    package let closesAt: Date
    package let closedAt: Date?
    package let lotDraws: String?
    package let createdBy: Int?
    package let createdAt: Date

    static let columns = [
        "id", "group_id", "title", "body", "kind", "spec", "secret", "results_hidden", "reasons", "zone", "opens_at",
        "closes_at", "closed_at", "lot_draws", "created_by", "created_at",
    ]

    /// The rules stated before voting, as the engine reads them.
    package var rules: DecisionSpec {
        get throws { try JSONDecoder().decode(DecisionSpec.self, from: Data(spec.utf8)) }
    }

    package func status(at now: Date) -> DecisionStatus {
        if let closedAt, closedAt <= now { return .closed }
        if closesAt <= now { return .closed }
        return opensAt <= now ? .open : .scheduled
    }

    /// When voting ended: the early close, or the closing time.
    package var endedAt: Date { min(closedAt ?? closesAt, closesAt) }
}

package enum DecisionStatus: String, Sendable, Encodable {
    case scheduled, open, closed
}

/// Whether a voter gives a reason with their vote.
package enum ReasonRule: String, Sendable, Codable, CaseIterable {
    case none, optional, required

    var label: String {
        switch self {
        case .none: "No reasons"
        case .optional: "Voters may give a reason"
        case .required: "Every voter gives a reason"
        }
    }
}

/// Where the viewer stands with a decision: their standing in its group, and whether they are in its electorate
/// and have voted.
package struct DecisionStanding: Sendable {
    package let group: Standing
    package let entitled: Bool
    package let voted: Bool
}

/// Who may see, vote on and run a decision: written once, called by pages, API and writes alike.
///
/// A decision belongs to its group: its active members and its electorate see it (nobody else is told it exists);
/// the group's organizers open and close decisions. Results (and any count) wait for the close when the ballot is
/// secret or the organizers chose to hide them; turnout is shown only once at least `turnoutMinimum` have voted.
package enum DecisionRules {
    package static let turnoutMinimum = 3
    /// Ballot trackers and the ballot board exist only from this many entitled voters, so that in a small group
    /// the board cannot be read ballot by ballot against the people one knows.
    package static let trackerMinimumElectorate = 20

    package static func canSee(_ standing: DecisionStanding) -> Bool {
        standing.group.isActiveMember || standing.entitled
    }

    package static func canManage(_ standing: DecisionStanding) -> Bool {
        GroupRules.canManage(standing.group)
    }

    package static func canVote(_ decision: Decision, _ standing: DecisionStanding, now: Date) -> Bool {
        standing.entitled && !standing.voted && decision.status(at: now) == .open
    }

    package static func canSeeResults(_ decision: Decision, _ standing: DecisionStanding, now: Date) -> Bool {
        guard canSee(standing) else { return false }
        if decision.status(at: now) == .closed { return true }
        return !decision.secret && !decision.resultsHidden
    }

    package static func showsTurnout(voted: Int) -> Bool { voted >= turnoutMinimum }

    package static func hasBallotBoard(_ decision: Decision, entitled: Int) -> Bool {
        decision.secret && entitled >= trackerMinimumElectorate
    }
}
