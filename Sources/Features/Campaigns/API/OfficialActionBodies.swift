import FreshgroundWeb
import Groups

/// What an organizer sends for a pledge's next version: every field optional, refused by the page's write as a 422
/// naming it.
struct PledgeInputBody: Decodable, Sendable {
    var topic: String?
    var question: String?
    var answer: String?
    var stance: String?
    var answeredOn: String?
    var sourceUrl: String?

    var form: FormData {
        FormData([
            ("topic", topic ?? ""), ("question", question ?? ""), ("answer", answer ?? ""), ("stance", stance ?? ""),
            ("answeredOn", answeredOn ?? ""), ("sourceURL", sourceUrl ?? ""),
        ])
    }
}

struct CriteriaInputBody: Decodable, Sendable {
    var absences: String?
    var abstentions: String?
    var text: String?

    var form: FormData {
        FormData([("absences", absences ?? ""), ("abstentions", abstentions ?? ""), ("criteriaText", text ?? "")])
    }
}

struct VoteLinkInputBody: Decodable, Sendable {
    var pledgeTopic: String?
    var position: String?

    var form: FormData { FormData([("voteTopic", pledgeTopic ?? ""), ("position", position ?? "none")]) }
}

struct ContactInputBody: Decodable, Sendable {
    var contactEmail: String?

    var form: FormData { FormData([("contactEmail", contactEmail ?? "")]) }
}

/// The group asked to co-endorse, by its name or its address.
struct EndorsementInputBody: Decodable, Sendable {
    var group: String?
}

struct ReviewVoteInputBody: Decodable, Sendable {
    var closesAt: String?
}

/// An invitation to co-endorse waiting for one of the caller's groups, as the `OfficialInvitation` schema.
struct EndorsementInvitationBody: Encodable, Sendable {
    let official: OfficialItemRef
    let by: ShownGroupBody
    let group: GroupRef

    struct OfficialItemRef: Encodable, Sendable {
        let id: Int
        let name: String
        let office: String
        let jurisdiction: String
    }

    init(_ invitation: EndorsementInvitation) {
        official = OfficialItemRef(
            id: invitation.officialId,
            name: invitation.officialName,
            office: invitation.office,
            jurisdiction: invitation.jurisdiction
        )
        by = ShownGroupBody(GroupRef(slug: invitation.bySlug, name: invitation.byName))
        group = GroupRef(slug: invitation.slug, name: invitation.name)
    }
}

struct EndorsementInvitationListBody: Encodable, Sendable {
    let items: [EndorsementInvitationBody]
}
