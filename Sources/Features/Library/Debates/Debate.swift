import Foundation
import FreshgroundCore
import SQLKit

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
    package let parentID: Int?
    package let depth: Int
    package let stance: Stance
    package let author: String
    package let bodyHTML: String?
    package let hiddenReason: String?
    package let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, positionID, parentID, depth, stance, author, bodyHTML, hidden, hiddenReason, createdAt
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(positionID, forKey: .positionID)
        try c.encode(parentID, forKey: .parentID)
        try c.encode(depth, forKey: .depth)
        try c.encode(stance, forKey: .stance)
        try c.encode(author, forKey: .author)
        try c.encode(bodyHTML, forKey: .bodyHTML)
        try c.encode(hiddenReason != nil, forKey: .hidden)
        try c.encode(hiddenReason, forKey: .hiddenReason)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

package enum Stance: String, Sendable, Codable, CaseIterable {
    case `for`, against
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
    package var url: String { "/debates/\(id)" }

    enum CodingKeys: String, CodingKey { case id, question, positions, replies, createdAt, url }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(question, forKey: .question)
        try c.encode(positions, forKey: .positions)
        try c.encode(replies, forKey: .replies)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(url, forKey: .url)
    }
}

extension SQLRow {
    /// A person's shown name from `<prefix>_name` and `<prefix>_handle` columns ("someone" once deleted).
    func personName(_ prefix: String) throws -> String {
        let name = try decode(column: "\(prefix)_name", as: String?.self) ?? ""
        let handle = try decode(column: "\(prefix)_handle", as: String?.self)
        return name.isEmpty ? (handle ?? "someone") : name
    }
}
