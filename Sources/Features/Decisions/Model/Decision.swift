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
    package let electorate: ElectorateKind
    /// Where the decision was raised, when not in its group (a conference's action proposal); empty otherwise.
    package let originPath: String
    package let originLabel: String
    /// Published to everyone once closed (public groups only).
    package let publicResults: Bool
    /// Those who have not voted are reminded a day before the close.
    package let remind: Bool

    static let columns = [
        "id", "group_id", "title", "body", "kind", "spec", "secret", "results_hidden", "reasons", "zone", "opens_at",
        "closes_at", "closed_at", "lot_draws", "created_by", "created_at", "electorate", "origin_path", "origin_label",
        "public_results", "remind",
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

/// Who votes: the group's members, a list of people fixed at the opening, or groups as voting units.
package enum ElectorateKind: String, Sendable, Codable {
    case members, people, groups
}

/// Who votes on a new decision.
package enum Electorate: Sendable, Equatable {
    /// The group's active members at the opening, one vote each.
    case members
    /// Exactly these people, one vote each (a conference's participants, a body's members).
    case people([Int])
    /// Groups as voting units, each cast by its organizers as delegates with its voices.
    case groups([UnitVoices])

    var kind: ElectorateKind {
        switch self {
        case .members: .members
        case .people: .people
        case .groups: .groups
        }
    }
}

/// A voting unit and its voices.
package struct UnitVoices: Sendable, Equatable {
    package let group: Int
    package let voices: Int

    package init(group: Int, voices: Int = 1) {
        self.group = group
        self.voices = voices
    }
}

/// Where a decision was raised, for a link back from its page.
package struct DecisionOrigin: Sendable, Equatable {
    package let path: String
    package let label: String

    package init(path: String, label: String) {
        self.path = path
        self.label = label
    }
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
    /// The decision's voting units the viewer is an active member of (delegates cast their group's vote).
    package var units: [UnitSeat] = []

    package init(group: Standing, entitled: Bool, voted: Bool, units: [UnitSeat] = []) {
        self.group = group
        self.entitled = entitled
        self.voted = voted
        self.units = units
    }

    /// The viewer sees the decision only because its result was published to everyone (not a member, not a voter).
    package var publicReader = false

    /// The units whose vote the viewer may still cast.
    package var openSeats: [UnitSeat] { units.filter { $0.delegate && !$0.voted } }
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
        standing.group.isActiveMember || standing.entitled || !standing.units.isEmpty
    }

    package static func canManage(_ standing: DecisionStanding) -> Bool {
        GroupRules.canManage(standing.group)
    }

    package static func canVote(_ decision: Decision, _ standing: DecisionStanding, now: Date) -> Bool {
        decision.status(at: now) == .open && ((standing.entitled && !standing.voted) || !standing.openSeats.isEmpty)
    }

    /// A closed decision whose organizers published it, of a public group: everyone may read its question and
    /// result, never who voted what, the ballot board or the ballots.
    package static func isPublished(_ decision: Decision, group: Group, now: Date) -> Bool {
        decision.publicResults && group.visibility == .public && decision.status(at: now) == .closed
    }

    package static func canSeeResults(_ decision: Decision, _ standing: DecisionStanding, now: Date) -> Bool {
        if standing.publicReader { return decision.status(at: now) == .closed }
        guard canSee(standing) else { return false }
        if decision.status(at: now) == .closed { return true }
        return !decision.secret && !decision.resultsHidden
    }

    package static func showsTurnout(voted: Int) -> Bool { voted >= turnoutMinimum }

    package static func hasBallotBoard(_ decision: Decision, entitled: Int) -> Bool {
        decision.secret && entitled >= trackerMinimumElectorate
    }
}
