import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import SQLKit

/// A proposal as a page or the API shows it. Under blind review, until the proposal is accepted or rejected,
/// the committee's and organizers' view has no proposer, group or co-speakers at all (`anonymous` is true).
package struct ProposalView: Sendable, Encodable {
    package let id: Int
    package let kind: ProposalKind
    package let title: String
    package let abstract: String
    package let abstractHTML: String
    package let track: NamedItem?
    package let status: ProposalStatus
    package let createdAt: Date
    package var proposer: PersonRef?
    package var group: GroupRef?
    package var coSpeakers: [PersonRef]?
    package var anonymous: Bool
    package let reviewCount: Int
    package let averageScore: Double?
    /// The viewer's own score, for committee members.
    package let myScore: Int?
    package var reviews: [ReviewView]
}

/// One review. The proposer sees scores and comments but never who wrote them (`reviewer` is absent).
package struct ReviewView: Sendable, Encodable {
    package let reviewer: PersonRef?
    package let score: Int
    package let comment: String
    package let updatedAt: Date
}

/// Reading proposals with the blind-review rule applied in one place (`shown(_:to:)`).
package struct ProposalQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Every proposal to the conference, for its committee and organizers; others are refused.
    package func forReview(
        _ conference: ConferenceView,
        viewer: CurrentPerson,
        page: PageRequest
    ) async throws
        -> Page<ProposalView>
    {
        guard conference.roles.seesProposals else {
            throw AppError.forbidden("Only the program committee and the organizers see the proposals.")
        }
        let rows = try await sql.raw(
            """
            \(Self.select(viewer: viewer.id)) WHERE p.event_id = \(bind: conference.id)
            ORDER BY CASE p.status WHEN 'submitted' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END, p.id
            LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).all()
        let found = Page(probed: try rows.map(Self.proposal(row:)), request: page)
        let speakers = try await coSpeakers(found.items.map(\.id))
        return found.map { shown($0, speakers[$0.id] ?? [], in: conference, to: viewer, reviews: []) }
    }

    /// The person's own proposals (as proposer or co-speaker), newest first.
    package func mine(_ conference: ConferenceView, person: CurrentPerson) async throws -> [ProposalView] {
        let rows = try await sql.raw(
            """
            \(Self.select(viewer: person.id)) WHERE p.event_id = \(bind: conference.id) AND p.id IN
            (SELECT proposal_id FROM proposal_speakers WHERE person_id = \(bind: person.id)) ORDER BY p.id DESC
            LIMIT 100
            """
        ).all()
        let found = try rows.map(Self.proposal(row:))
        let speakers = try await coSpeakers(found.map(\.id))
        return found.map { shown($0, speakers[$0.id] ?? [], in: conference, to: person, reviews: []) }
    }

    /// One proposal with its reviews, for its speakers, the committee and the organizers; not found for others.
    package func proposal(_ id: Int, in conference: ConferenceView, viewer: CurrentPerson) async throws -> ProposalView
    {
        guard
            let row = try await sql.raw(
                "\(Self.select(viewer: viewer.id)) WHERE p.id = \(bind: id) AND p.event_id = \(bind: conference.id)"
            ).first()
        else { throw AppError.notFound }
        let proposal = try Self.proposal(row: row)
        let speakers = try await coSpeakers([id])[id] ?? []
        let isSpeaker = proposal.proposer?.handle == viewer.handle || speakers.contains { $0.handle == viewer.handle }
        guard isSpeaker || conference.roles.seesProposals else { throw AppError.notFound }
        let reviews = try await sql.raw(
            """
            SELECT r.score, r.comment, r.updated_at, a.handle AS a_handle, a.display_name AS a_name
            FROM proposal_reviews r JOIN people a ON a.id = r.reviewer_id
            WHERE r.proposal_id = \(bind: id) ORDER BY r.id
            """
        ).all().map { row in
            ReviewView(
                reviewer: isSpeaker ? nil : try row.conferencePerson("a"),
                score: try row.decode(column: "score", as: Int.self),
                comment: try row.decode(column: "comment", as: String.self),
                updatedAt: try row.decode(column: "updated_at", as: Date.self)
            )
        }
        return shown(proposal, speakers, in: conference, to: viewer, reviews: reviews)
    }

    /// The blind-review rule: speakers always see who they propose with; under blind review nobody else sees
    /// the proposer, group or co-speakers of an undecided proposal.
    func shown(
        _ proposal: ProposalView,
        _ speakers: [PersonRef],
        in conference: ConferenceView,
        to viewer: CurrentPerson,
        reviews: [ReviewView]
    ) -> ProposalView {
        var shown = proposal
        shown.reviews = reviews
        let isSpeaker = proposal.proposer?.handle == viewer.handle || speakers.contains { $0.handle == viewer.handle }
        if conference.settings.blindReview && !proposal.status.isDecided && !isSpeaker {
            shown.proposer = nil
            shown.group = nil
            shown.coSpeakers = nil
            shown.anonymous = true
        } else {
            shown.coSpeakers = speakers
        }
        return shown
    }

    static func select(viewer: Int) -> SQLQueryString {
        """
        SELECT p.id, p.kind, p.title, p.abstract, p.abstract_html, p.status, p.created_at, t.id AS track_id,
          t.name AS track_name, o.handle AS o_handle, o.display_name AS o_name, g.slug AS g_slug, g.name AS g_name,
          (SELECT COUNT(*) FROM proposal_reviews r WHERE r.proposal_id = p.id) AS review_count,
          (SELECT CAST(AVG(r.score * 1.0) AS DOUBLE PRECISION) FROM proposal_reviews r WHERE r.proposal_id = p.id)
            AS average_score,
          (SELECT r.score FROM proposal_reviews r WHERE r.proposal_id = p.id AND r.reviewer_id = \(bind: viewer))
            AS my_score
        FROM proposals p LEFT JOIN conference_tracks t ON t.id = p.track_id
        LEFT JOIN people o ON o.id = p.person_id
        LEFT JOIN groups g ON g.id = p.group_id AND \(GroupAccess.visible("g", to: nil))
        """
    }

    static func proposal(row: any SQLRow) throws -> ProposalView {
        let trackID = try row.decode(column: "track_id", as: Int?.self)
        let slug = try row.decode(column: "g_slug", as: String?.self)
        return ProposalView(
            id: try row.decode(column: "id", as: Int.self),
            kind: try row.decode(column: "kind", as: ProposalKind.self),
            title: try row.decode(column: "title", as: String.self),
            abstract: try row.decode(column: "abstract", as: String.self),
            abstractHTML: try row.decode(column: "abstract_html", as: String.self),
            track: try trackID.map { NamedItem(id: $0, name: try row.decode(column: "track_name", as: String.self)) },
            status: try row.decode(column: "status", as: ProposalStatus.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            proposer: try row.conferencePerson("o"),
            group: try slug.map { GroupRef(slug: $0, name: try row.decode(column: "g_name", as: String.self)) },
            coSpeakers: nil,
            anonymous: false,
            reviewCount: try row.decode(column: "review_count", as: Int.self),
            averageScore: try row.decode(column: "average_score", as: Double?.self).map { ($0 * 10).rounded() / 10 },
            myScore: try row.decode(column: "my_score", as: Int?.self),
            reviews: []
        )
    }

    /// The co-speakers (everyone but the proposer) of each proposal, in the order named.
    func coSpeakers(_ ids: [Int]) async throws -> [Int: [PersonRef]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT s.proposal_id, a.handle AS a_handle, a.display_name AS a_name FROM proposal_speakers s
            JOIN people a ON a.id = s.person_id WHERE s.proposal_id IN (\(binds: ids)) AND s.position > 0
            ORDER BY s.proposal_id, s.position
            """
        ).all()
        var found: [Int: [PersonRef]] = [:]
        for row in rows {
            guard let person = try row.conferencePerson("a") else { continue }
            found[try row.decode(column: "proposal_id", as: Int.self), default: []].append(person)
        }
        return found
    }
}
