import Foundation
import FreshgroundWeb
import Groups

/// An elected body of a group (an editorial board, the officers): how many seats, how long a term runs.
package struct Body: Sendable, Decodable {
    package let id: Int
    package let groupID: Int
    package let name: String
    package let seats: Int
    package let termMonths: Int
    package let description: String

    static let columns = ["id", "group_id", "name", "seats", "term_months", "description"]

    /// When a term that began at `since` ends.
    package func termEnd(from since: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: termMonths, to: since) ?? since
    }
}

/// A person elected to a body, read from the final count of the election that filled it.
package struct SeatHolder: Sendable {
    package let personID: Int
    package let handle: String
    package let displayName: String
    /// The election that gave the seat, and its title.
    package let electionID: Int
    package let electionTitle: String
    package let since: Date
    package let until: Date
    /// The recall vote that ended the term early, and when it closed.
    package let recall: (decisionID: Int, endedAt: Date)?

    package var shownName: String { displayName.isEmpty ? "@\(handle)" : "\(displayName) (@\(handle))" }

    package func holds(at now: Date) -> Bool { recall == nil && since <= now && now < until }
}

/// An election of a body that has not closed yet.
package struct PendingElection: Sendable, Decodable {
    package let id: Int
    package let title: String
}

/// A body with what its page shows: the seats held now, the terms that ended, and elections under way.
package struct BodyView: Sendable {
    package let body: Body
    package let holders: [SeatHolder]
    package let pending: [PendingElection]
    /// Open recall petitions and votes, for the group's members.
    package let recalls: [RecallSummary]
}

/// Who may do what with a group's elected bodies: written once, for pages and writes.
package enum BodyRules {
    /// Bodies and their holders are public when the group is (accountability), otherwise its members'.
    package static func canSee(_ group: Group, _ standing: Standing) -> Bool { GroupRules.canSee(group, standing) }

    /// Organizers create, edit and delete bodies and start their elections.
    package static func canManage(_ standing: Standing) -> Bool { GroupRules.canManage(standing) }

    /// Any active member may start or co-sign a recall and read the petitions.
    package static func canPetition(_ standing: Standing) -> Bool { standing.isActiveMember }

    /// Co-signers a recall needs before its vote opens: three, or a tenth of the active members if more.
    package static func signaturesNeeded(activeMembers: Int) -> Int { max(3, (activeMembers + 9) / 10) }
}
