import Foundation
import FreshgroundWeb
import Groups

/// A public text people sign (a petition) or commit to (a pledge), under a campaign.
package enum PetitionKind: String, Sendable, Codable, CaseIterable {
    case petition, pledge

    var label: String { self == .petition ? "Petition" : "Pledge" }
    var signLabel: String { self == .petition ? "Sign the petition" : "Take the pledge" }
}

/// Where a signature stands. Only `confirmed` and `erased` count: `erased` is a confirmed signature whose
/// signer deleted their account (name and email emptied, still counted); `withdrawn` was taken back by the
/// signer from their link (emptied, no longer counted).
package enum SignatureStatus: String, Sendable, Codable {
    case unconfirmed, confirmed, erased, withdrawn
}

/// A petition or pledge as its page shows it.
package struct Petition: Sendable, Codable, Equatable {
    package let id: Int
    package let campaignID: Int
    package let kind: PetitionKind
    package let title: String
    package let text: String
    package let textHTML: String
    package let createdAt: Date
    /// The group that started it, as the viewer may see it.
    package let slug: String
    package let name: String

    package var group: GroupRef { GroupRef(slug: slug, name: name) }
}

/// A petition in the campaign page's list, with its signatures counted.
package struct PetitionCard: Sendable, Codable, Equatable {
    package let id: Int
    package let kind: PetitionKind
    package let title: String
    package let signatures: Int
}

/// How many signatures came through one group's page; a group the viewer may not see is "a private group".
package struct GroupCount: Sendable, Codable, Equatable {
    package let groupID: Int
    package let slug: String
    package let name: String
    package let signatures: Int

    package var group: GroupRef { GroupRef(slug: slug, name: name) }
}

/// A group taking part, by id, address and name: one a signer may sign through, or be asked about.
package struct TakingPart: Sendable, Codable, Equatable {
    package let id: Int
    package let slug: String
    package let name: String
}

/// A person a group may write to: one who signed through its page, or who ticked its box when signing
/// through another group's page (`consentedAt` and `wording` are then that opt-in's).
package struct Contact: Sendable, Codable, Equatable {
    package let name: String
    package let email: String?
    package let petition: String
    package let since: Date
    /// For an opt-in: the page it was given on (as the viewer may see that group), and the label ticked.
    package let viaName: String?
    package let wording: String?
}

/// The campaign's list-sharing agreement, as the lead's organizers last wrote it.
package struct SharingAgreement: Sendable, Codable, Equatable {
    package let version: Int
    /// Mailings a year each group may send to contacts that came through another group's page; nil for none.
    package let mailingsPerYear: Int?
    package let notice: String
    package let setAt: Date
}

/// A mailing a group sent to its contacts in a campaign.
package struct CampaignMailing: Sendable, Codable, Equatable {
    package let id: Int
    package let subject: String
    package let reachesOthers: Bool
    package let ownRecipients: Int
    package let otherRecipients: Int
    package let sentAt: Date
}

/// A moment as the campaign pages show it: `Mon 21 Sep 2026, 14:13 UTC`.
func utcMoment(_ date: Date) -> HTML {
    """
    <time datetime="\(ZonedTime.iso(date))">\(ZonedTime.dateLabel(date, zone: "UTC")), \
    \(ZonedTime.time(date, zone: "UTC")) UTC</time>
    """
}
