import Foundation
import FreshgroundWeb
import Groups

/// A person named on a body, a petition or a statement, as Groups' `PersonRef` schema.
struct PersonBody: Encodable, Sendable {
    let handle: String
    /// Empty when the person gave none.
    let displayName: String

    init(_ signer: Signer) {
        handle = signer.handle
        displayName = signer.displayName
    }

    init(handle: String, displayName: String) {
        self.handle = handle
        self.displayName = displayName
    }
}

/// A decision named by its id and title (the election that filled a seat, an election under way).
struct DecisionRefBody: Encodable, Sendable {
    let id: Int
    let title: String
}

/// A group's elected bodies as its page lists them, with what the caller may do.
struct BodyListBody: Encodable, Sendable {
    let group: GroupRef
    /// The caller organizes the group: may create, change and delete bodies and start their elections.
    let canManage: Bool
    /// The caller is an active member: may read recall petitions, start and co-sign them.
    let canPetition: Bool
    let items: [ElectedBody]
}

/// An elected body as its group's page shows it: who holds each seat, since and until when, the terms that ended,
/// the elections under way and, for the group's members, the open recall petitions.
struct ElectedBody: Encodable, Sendable {
    /// A seat held by a person, from the close of the election that gave it.
    struct Seat: Encodable, Sendable {
        /// The recall vote that ended a term early, and when it closed.
        struct Recalled: Encodable, Sendable {
            let decision: Int
            let endedAt: Date
        }

        let person: PersonBody
        let since: Date
        /// When the term ends (or ended), by the body's term as it is now.
        let until: Date
        let election: DecisionRefBody
        @Nullable var recalled: Recalled?

        init(_ holder: SeatHolder) {
            person = PersonBody(handle: holder.handle, displayName: holder.displayName)
            since = holder.since
            until = holder.until
            election = DecisionRefBody(id: holder.electionID, title: holder.electionTitle)
            recalled = holder.recall.map { Recalled(decision: $0.decisionID, endedAt: $0.endedAt) }
        }
    }

    let id: Int
    let group: GroupRef
    let name: String
    let seats: Int
    let termMonths: Int
    let description: String
    let holders: [Seat]
    let ended: [Seat]
    let elections: [DecisionRefBody]
    @Nullable var recalls: [RecallBody]?

    init(_ view: BodyView, group: Group, now: Date, recalls: [RecallBody]?) {
        id = view.body.id
        self.group = GroupRef(slug: group.slug, name: group.name)
        name = view.body.name
        seats = view.body.seats
        termMonths = view.body.termMonths
        description = view.body.description
        holders = view.holders.filter { $0.holds(at: now) }.map(Seat.init)
        ended = view.holders.filter { !$0.holds(at: now) }.map(Seat.init)
        elections = view.pending.map { DecisionRefBody(id: $0.id, title: $0.title) }
        self.recalls = recalls
    }
}

/// A recall petition as its page shows it to the group's members.
struct RecallBody: Encodable, Sendable {
    struct BodyRef: Encodable, Sendable {
        let id: Int
        let name: String
    }

    let id: Int
    let body: BodyRef
    let group: GroupRef
    let holder: PersonBody
    let reason: String
    let startedAt: Date
    /// Null when the member who started it has deleted their account.
    @Nullable var startedBy: PersonBody?
    let signatures: Int
    /// Co-signers needed before the recall vote opens.
    let needed: Int
    let signers: [PersonBody]
    /// The recall vote, once enough members co-signed; null before.
    @Nullable var decision: Int?
    /// Whether the caller's name is on the petition.
    let signed: Bool

    init(_ recall: RecallSummary, body: Body, group: Group, signers: [Signer], needed: Int, viewer: CurrentPerson) {
        id = recall.id
        self.body = BodyRef(id: body.id, name: body.name)
        self.group = GroupRef(slug: group.slug, name: group.name)
        holder = PersonBody(handle: recall.holderHandle, displayName: recall.holderName)
        reason = recall.reason
        startedAt = recall.startedAt
        startedBy =
            recall.starterHandle.isEmpty
            ? nil : PersonBody(handle: recall.starterHandle, displayName: recall.starterName)
        signatures = recall.signatures
        self.needed = needed
        self.signers = signers.map(PersonBody.init)
        decision = recall.decisionID
        signed = signers.contains { $0.personID == viewer.id }
    }
}

/// The dissent statements on a decision, as its page shows them.
struct DissentListBody: Encodable, Sendable {
    /// Whether the caller may attach and co-sign statements (those who could vote, once the decision has closed).
    let canDissent: Bool
    let items: [DissentBody]
}

/// A dissent statement with its author and co-signers.
struct DissentBody: Encodable, Sendable {
    let id: Int
    let decision: Int
    let author: PersonBody
    let statement: String
    let createdAt: Date
    let cosigners: [PersonBody]

    init(_ statement: DissentStatement) {
        id = statement.id
        decision = statement.decisionID
        author = PersonBody(statement.author)
        self.statement = statement.body
        createdAt = statement.createdAt
        cosigners = statement.cosigners.map(PersonBody.init)
    }
}

/// The body form's fields; any left out keep what the body has (or the form's default for a new body).
struct BodyInputBody: Decodable, Sendable {
    var name: String?
    var seats: Int?
    var termMonths: Int?
    var description: String?

    func input(over base: BodyInput) -> BodyInput {
        var input = base
        input.name = name ?? input.name
        input.seats = seats.map(String.init) ?? input.seats
        input.termMonths = termMonths.map(String.init) ?? input.termMonths
        input.description = description ?? input.description
        return input
    }
}

/// The election form's fields: the candidates by handle or name, how the vote is counted, secrecy and its times.
struct ElectionInputBody: Decodable, Sendable {
    var candidates: [String]?
    var kind: String?
    var secret: Bool?
    var zone: String?
    var opensAt: String?
    var closesAt: String?

    var input: ElectionInput {
        var input = ElectionInput()
        input.candidates = candidates?.joined(separator: ", ") ?? input.candidates
        input.kind = kind ?? input.kind
        input.secret = secret ?? input.secret
        input.zone = zone ?? input.zone
        input.opensAt = opensAt ?? input.opensAt
        input.closesAt = closesAt ?? input.closesAt
        return input
    }
}

/// Starting a recall: whom (a holder's handle) and why.
struct RecallInputBody: Decodable, Sendable {
    var holder: String?
    var reason: String?
}

/// A dissent statement's text.
struct DissentInputBody: Decodable, Sendable {
    var statement: String?
}

extension BodyInput {
    /// The form as it shows `body`.
    init(_ body: Body) {
        self.init()
        name = body.name
        seats = String(body.seats)
        termMonths = String(body.termMonths)
        description = body.description
    }
}
