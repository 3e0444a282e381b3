import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A proposal as a page or the API shows it. Under blind review, until the proposal is accepted or rejected,
/// the committee's and organizers' view has no proposer, group or co-speakers at all (`anonymous` is true).
/// `coSpeakers` lists only those who accepted, except to the proposer (everyone asked, with their answers) and
/// to a person asked who has not answered yet (themselves too).
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
    package var coSpeakers: [CoSpeaker]?
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
        ).rows(ProposalRow.self)
        let found = Page(probed: rows.map(\.view), request: page)
        let speakers = try await coSpeakers(found.items.map(\.id))
        return found.map { shown($0, speakers[$0.id] ?? [], in: conference, to: viewer, reviews: []) }
    }

    /// The person's own proposals (as proposer or co-speaker, asked or accepted), newest first.
    package func mine(_ conference: ConferenceView, person: CurrentPerson) async throws -> [ProposalView] {
        let rows = try await sql.raw(
            """
            \(Self.select(viewer: person.id)) WHERE p.event_id = \(bind: conference.id) AND p.id IN
            (SELECT proposal_id FROM proposal_speakers WHERE person_id = \(bind: person.id)
              AND status <> \(bind: SpeakerStatus.declined.rawValue)) ORDER BY p.id DESC
            LIMIT 100
            """
        ).rows(ProposalRow.self)
        let found = rows.map(\.view)
        let speakers = try await coSpeakers(found.map(\.id))
        return found.map { shown($0, speakers[$0.id] ?? [], in: conference, to: person, reviews: []) }
    }

    /// One proposal with its reviews, for its speakers (asked or accepted), the committee and the organizers; not
    /// found for others, a co-speaker who declined among them.
    package func proposal(_ id: Int, in conference: ConferenceView, viewer: CurrentPerson) async throws -> ProposalView
    {
        guard
            let proposal = try await sql.raw(
                "\(Self.select(viewer: viewer.id)) WHERE p.id = \(bind: id) AND p.event_id = \(bind: conference.id)"
            ).row(ProposalRow.self)?.view
        else { throw AppError.notFound }
        let speakers = try await coSpeakers([id])[id] ?? []
        let isSpeaker = Self.speaks(proposal, speakers, viewer)
        guard isSpeaker || conference.roles.seesProposals else { throw AppError.notFound }
        let reviews = try await sql.raw(
            """
            SELECT r.score, r.comment, r.updated_at, a.handle AS a_handle, a.display_name AS a_name
            FROM proposal_reviews r JOIN people a ON a.id = r.reviewer_id
            WHERE r.proposal_id = \(bind: id) ORDER BY r.id
            """
        ).rows(ReviewRow.self).map { row in
            ReviewView(
                reviewer: isSpeaker ? nil : PersonRef.joined(handle: row.aHandle, name: row.aName),
                score: row.score,
                comment: row.comment,
                updatedAt: row.updatedAt
            )
        }
        return shown(proposal, speakers, in: conference, to: viewer, reviews: reviews)
    }

    /// The blind-review rule: speakers always see who they propose with; under blind review nobody else sees
    /// the proposer, group or co-speakers of an undecided proposal. Co-speakers are shown as `visible` allows.
    func shown(
        _ proposal: ProposalView,
        _ speakers: [CoSpeaker],
        in conference: ConferenceView,
        to viewer: CurrentPerson,
        reviews: [ReviewView]
    ) -> ProposalView {
        var shown = proposal
        shown.reviews = reviews
        let isSpeaker = Self.speaks(proposal, speakers, viewer)
        if conference.settings.blindReview && !proposal.status.isDecided && !isSpeaker {
            shown.proposer = nil
            shown.group = nil
            shown.coSpeakers = nil
            shown.anonymous = true
        } else {
            shown.coSpeakers = Self.visible(speakers, proposer: proposal.proposer, to: viewer)
        }
        return shown
    }

    /// Whether the viewer proposed the proposal or is a co-speaker who has not declined.
    static func speaks(_ proposal: ProposalView, _ speakers: [CoSpeaker], _ viewer: CurrentPerson) -> Bool {
        proposal.proposer?.handle == viewer.handle
            || speakers.contains { $0.handle == viewer.handle && $0.status != .declined }
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

    /// One row of `select(viewer:)`.
    private struct ProposalRow: Decodable {
        let id: Int
        let kind: ProposalKind
        let title: String
        let abstract: String
        let abstractHtml: String
        let status: ProposalStatus
        let createdAt: Date
        let trackId: Int?
        let trackName: String?
        let oHandle: String?
        let oName: String?
        let gSlug: String?
        let gName: String?
        let reviewCount: Int
        let averageScore: Double?
        let myScore: Int?

        /// The proposal with its proposer and group, before the blind-review rule (`shown`) and its co-speakers.
        var view: ProposalView {
            ProposalView(
                id: id,
                kind: kind,
                title: title,
                abstract: abstract,
                abstractHTML: abstractHtml,
                track: trackId.map { NamedItem(id: $0, name: trackName ?? "") },
                status: status,
                createdAt: createdAt,
                proposer: PersonRef.joined(handle: oHandle, name: oName),
                group: GroupRef.joined(slug: gSlug, name: gName),
                coSpeakers: nil,
                anonymous: false,
                reviewCount: reviewCount,
                averageScore: averageScore.map { ($0 * 10).rounded() / 10 },
                myScore: myScore,
                reviews: []
            )
        }
    }

    private struct ReviewRow: Decodable {
        let score: Int
        let comment: String
        let updatedAt: Date
        let aHandle: String?
        let aName: String?
    }
}
