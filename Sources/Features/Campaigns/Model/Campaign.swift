import Foundation
import FreshgroundWeb
import Groups

/// How a campaign's joint demands are adopted by the groups taking part: every group agrees (no group
/// blocks), or a majority of the groups.
package enum Adoption: String, Sendable, Codable, CaseIterable {
    case consent, majority

    var label: String {
        switch self {
        case .consent: "By consent: adopted when no group blocks"
        case .majority: "By majority: adopted when more groups agree than disagree"
        }
    }
}

/// Where a group stands in a campaign. The group that started it is the lead; invited groups take part only
/// once their organizers accept; a group that withdraws keeps its dated statements on the page.
package enum ParticipantStatus: String, Sendable, Codable {
    case lead, invited, accepted, declined, withdrawn

    /// Lead and accepted groups take part now.
    package var takesPart: Bool { self == .lead || self == .accepted }
}

/// A campaign's header, as every page and the API read it.
package struct Campaign: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let summary: String
    package let summaryHTML: String
    package let isPublic: Bool
    package let adoption: Adoption
    package let leadSlug: String
    package let leadName: String
    package let createdAt: Date
    package let updatedAt: Date

    package var lead: GroupRef { GroupRef(slug: leadSlug, name: leadName) }
}

/// One group of a campaign as a viewer is shown it: a group the viewer may not see has an empty slug and the
/// name "a private group", and no statement.
package struct Participant: Sendable, Codable, Equatable {
    package let groupID: Int
    package let slug: String
    package let name: String
    package let status: ParticipantStatus
    package let decidedAt: Date?
    package let withdrawnAt: Date?
    package let withdrawalNote: String
    package let statementVersion: Int

    package var group: GroupRef { GroupRef(slug: slug, name: name) }
    /// False for a group the viewer may not see.
    package var isShown: Bool { !slug.isEmpty }
}

/// One version of a group's own statement in a campaign.
package struct Statement: Sendable, Codable, Equatable {
    package let groupID: Int
    package let version: Int
    package let position: String
    package let reservations: String
    package let slogans: String
    package let positionHTML: String
    package let reservationsHTML: String
    package let createdAt: Date
    /// The author's name, only for members of the group that wrote it; nil for anyone else.
    package var author: String?

    package var sloganLines: [String] {
        slogans.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// A campaign in a list.
package struct CampaignCard: Sendable, Codable, Equatable {
    package let id: Int
    package let title: String
    package let isPublic: Bool
    package let leadSlug: String
    package let leadName: String
    /// Groups taking part now (lead and accepted), whoever may see them.
    package let groups: Int
}
