import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A debate as its page and the API show it.
package struct DebateView: Sendable, Encodable {
    package let id: Int
    package let question: String
    package let description: String
    package let descriptionHTML: String
    package let opener: String
    package let publication: PublicationCard?
    package let summary: String
    package let summaryHTML: String
    package let summaryAt: Date?
    package let closed: Bool
    package let createdAt: Date
    package var moderators: [String]
    package var positions: [PositionView]
}

/// A position stated by a person, optionally for a group.
package struct PositionView: Sendable, Encodable {
    package let id: Int
    package let statement: String
    package let argumentHTML: String
    package let author: String
    package let group: GroupRef?
    package let createdAt: Date
}

/// A reply for or against a position. A hidden reply keeps its place in the thread and shows the reason,
/// never its text.
package struct ReplyView: Sendable, Encodable {
    package let id: Int
    package let positionID: Int
    @Nullable package private(set) var parentID: Int?
    package let depth: Int
    package let stance: Stance
    package let author: String
    @Nullable package private(set) var bodyHTML: String?
    /// Whether a moderator hid it: `hiddenReason` is set.
    package let hidden: Bool
    @Nullable package private(set) var hiddenReason: String?
    package let createdAt: Date

    /// The memberwise initializer, with `hidden` made from `hiddenReason`.
    init(
        id: Int,
        positionID: Int,
        parentID: Int?,
        depth: Int,
        stance: Stance,
        author: String,
        bodyHTML: String?,
        hiddenReason: String?,
        createdAt: Date
    ) {
        self.id = id
        self.positionID = positionID
        self.parentID = parentID
        self.depth = depth
        self.stance = stance
        self.author = author
        self.bodyHTML = bodyHTML
        hidden = hiddenReason != nil
        self.hiddenReason = hiddenReason
        self.createdAt = createdAt
    }
}

package enum Stance: String, Sendable, Codable, CaseIterable {
    case `for`, against
    /// A reply that takes no side: what replies from other servers are.
    case comment

    package var label: String {
        switch self {
        case .for: "For"
        case .against: "Against"
        case .comment: "Comment"
        }
    }
}

/// One line of the public moderation log.
package struct ModerationEntry: Sendable, Encodable {
    package let replyID: Int
    package let action: String
    package let reason: String
    package let moderator: String
    package let at: Date
}

/// A debate in the list of debates.
package struct DebateCard: Sendable, Encodable {
    package let id: Int
    package let question: String
    package let positions: Int
    package let replies: Int
    package let createdAt: Date
    package let url: String

    /// The memberwise initializer, with `url` made from `id`.
    init(id: Int, question: String, positions: Int, replies: Int, createdAt: Date) {
        self.id = id
        self.question = question
        self.positions = positions
        self.replies = replies
        self.createdAt = createdAt
        url = LibraryPaths.debate(id)
    }
}

/// A person's shown name from their display name and handle, both nil once the person is deleted ("someone").
func shownName(_ name: String?, _ handle: String?) -> String {
    let name = name ?? ""
    return name.isEmpty ? (handle ?? "someone") : name
}
