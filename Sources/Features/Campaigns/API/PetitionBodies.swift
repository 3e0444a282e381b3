import Foundation
import FreshgroundWeb
import Groups

/// The signatures counted through one group's page, as the `PetitionGroupCount` schema.
struct GroupCountBody: Encodable, Sendable {
    @Nullable var slug: String?
    let name: String
    let signatures: Int

    init(_ count: GroupCount) {
        slug = count.slug.isEmpty ? nil : count.slug
        name = count.name
        signatures = count.signatures
    }
}

/// A petition in the campaign's list, as the `PetitionItem` schema.
struct PetitionItemBody: Encodable, Sendable {
    let id: Int
    let kind: PetitionKind
    let title: String
    let signatures: Int
    let groups: [GroupCountBody]

    init(_ card: PetitionCard, counts: [GroupCount]) {
        id = card.id
        kind = card.kind
        title = card.title
        signatures = card.signatures
        groups = counts.map(GroupCountBody.init)
    }
}

/// The caller's own signature that counts, as the `PetitionOwnSignature` schema.
struct OwnSignatureBody: Encodable, Sendable {
    /// The name of the group it was given through.
    let through: String
    let signedAt: Date

    init(_ own: OwnSignature) {
        through = own.viaName
        signedAt = own.createdAt
    }
}

/// A petition or pledge as its page shows it to the caller, as the `Petition` schema.
struct PetitionBody: Encodable, Sendable {
    let id: Int
    let campaign: Int
    let kind: PetitionKind
    let title: String
    let text: String
    let createdAt: Date
    /// The group that started it (always one the caller may see).
    let group: GroupRef
    let signatures: Int
    let groups: [GroupCountBody]
    let signingGroups: [GroupRef]
    @Nullable var signature: OwnSignatureBody?

    init(_ petition: Petition, counts: [GroupCount], signingGroups: [TakingPart], own: OwnSignature?) {
        id = petition.id
        campaign = petition.campaignID
        kind = petition.kind
        title = petition.title
        text = petition.text
        createdAt = petition.createdAt
        group = petition.group
        signatures = counts.reduce(0) { $0 + $1.signatures }
        groups = counts.map(GroupCountBody.init)
        self.signingGroups = signingGroups.map { GroupRef(slug: $0.slug, name: $0.name) }
        signature = own.map(OwnSignatureBody.init)
    }
}

/// What signing answers, as the `PetitionSignatureReceipt` schema: the same for an address that had signed
/// before, so it tells nobody who signed.
struct SignatureReceiptBody: Encodable, Sendable {
    let through: GroupRef
    /// Signed in: counted at once. Anonymous: counted once the mailed link is followed.
    let counted: Bool
    let message: String
}

/// A person a group may write to, as the `CampaignContact` schema: one who signed through its page, or one who
/// ticked its box on another group's page (with the label ticked and the moment).
struct ContactBody: Encodable, Sendable {
    let name: String
    @Nullable var email: String?
    let petition: String
    /// When they signed through the group's page.
    @Nullable var signedAt: Date?
    /// For an opt-in: the page it was given on (as the caller may see that group), the label and the moment.
    @Nullable var through: String?
    @Nullable var wording: String?
    @Nullable var consentedAt: Date?

    init(_ contact: Contact, optedIn: Bool) {
        name = contact.name
        email = contact.email
        petition = contact.petition
        signedAt = optedIn ? nil : contact.since
        through = optedIn ? contact.viaName : nil
        wording = optedIn ? contact.wording : nil
        consentedAt = optedIn ? contact.since : nil
    }
}

/// A group's contacts in a campaign, for its organizers, as the `CampaignContacts` schema.
struct ContactsBody: Encodable, Sendable {
    let group: GroupRef
    let own: [ContactBody]
    let optedIn: [ContactBody]
    /// Other groups' signatures, counted only.
    let otherGroups: [GroupCountBody]
}

/// The campaign's list-sharing agreement in force, as the `CampaignSharing` schema; version 0 when none was
/// written (consent alone governs).
struct SharingBody: Encodable, Sendable {
    let version: Int
    @Nullable var mailingsPerYear: Int?
    /// Days of notice to the groups whose signers a mailing reaches; 0 without an agreement.
    let noticeDays: Int
    let notice: String
    @Nullable var setAt: Date?

    init(_ agreement: SharingAgreement?, noticeDays: Int?) {
        version = agreement?.version ?? 0
        mailingsPerYear = agreement?.mailingsPerYear
        self.noticeDays = noticeDays ?? 0
        notice = agreement?.notice ?? ""
        setAt = agreement?.setAt
    }
}

/// The petition form's fields.
struct PetitionInputBody: Decodable, Sendable {
    var group: String?
    var kind: PetitionKind?
    var title: String?
    var text: String?

    var input: PetitionInput {
        var input = PetitionInput()
        input.group = group ?? ""
        input.kind = kind ?? .petition
        input.title = title ?? ""
        input.text = text ?? ""
        return input
    }
}

/// The signing form's fields: the group signed through and the boxes ticked, by slug.
struct SignatureInputBody: Decodable, Sendable {
    var through: String?
    var name: String?
    var email: String?
    var optIns: [String]?
}

/// A mailing to the group's contacts.
struct MailingInputBody: Decodable, Sendable {
    var subject: String?
    var body: String?
    var audience: String?

    var input: Mailings.Input {
        var input = Mailings.Input()
        input.subject = subject ?? ""
        input.body = body ?? ""
        input.audience = audience.flatMap(Mailings.Audience.init(rawValue:)) ?? .all
        return input
    }
}

/// A new version of the sharing agreement.
struct SharingInputBody: Decodable, Sendable {
    var mailingsPerYear: Int?
    /// Days of notice to partners; 7 when not given.
    var noticeDays: Int?
    var notice: String?
}

/// A mailing announced to the groups whose signers it reaches, as the `CampaignMailingNotice` schema: for the
/// organizers of the announcing group and of those groups, with the caller's own groups' signers counted and
/// never a recipient.
struct MailingNoticeBody: Encodable, Sendable {
    let id: Int
    let announcedBy: ShownGroupBody
    let subject: String
    let body: String
    let audience: String
    let otherRecipients: Int
    let announcedAt: Date
    let sendFrom: Date
    let sent: Bool
    /// True for an organizer of the announcing group, who may send it once the notice has passed.
    let maySend: Bool
    let yourSigners: [PartnerCount]

    init(_ view: NoticeView) {
        id = view.mailing.id
        announcedBy = ShownGroupBody(view.announcer)
        subject = view.mailing.subject
        body = view.mailing.body
        audience = view.mailing.audience
        otherRecipients = view.mailing.otherRecipients
        announcedAt = view.mailing.announcedAt
        sendFrom = view.mailing.sendFrom
        sent = view.mailing.mailingId != nil
        maySend = view.sends
        yourSigners = view.yours
    }
}
