import Decisions
import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// How the groups' vote on a version of the joint demands came out, stored once the vote is over.
package enum DemandOutcome: String, Sendable, Codable {
    case adopted, rejected
}

/// One version of a campaign's joint demands. Versions are never changed: a new text is a new version. A version is
/// put to the vote of the groups at most once.
package struct DemandVersion: Sendable, Decodable {
    package let id: Int
    package let version: Int
    package let text: String
    package let textHTML: String
    /// When the lead's organizers put it to the vote; set just before the decision is opened.
    package let voteOpenedAt: Date?
    package let decisionID: Int?
    /// Nil until the first read after the vote closed.
    package var outcome: DemandOutcome?
    package let createdAt: Date

    /// Where the version stands, in the page's words.
    package var state: DemandState {
        switch outcome {
        case .adopted: .adopted
        case .rejected: .notAdopted
        case nil: voteOpenedAt == nil ? .draft : .voting
        }
    }
}

package enum DemandState: String, Sendable {
    case draft, voting, adopted, notAdopted

    var label: String {
        switch self {
        case .draft: "draft"
        case .voting: "being voted on"
        case .adopted: "adopted"
        case .notAdopted: "not adopted"
        }
    }
}

/// A campaign's joint demands as one viewer is shown them: every version, newest first, with its outcome settled,
/// and the votes the viewer may open (the Decisions feature's rules decide).
struct DemandBoard: Sendable {
    let versions: [DemandVersion]
    /// The decisions among the versions' votes that the viewer may see.
    let visibleDecisions: Set<Int>

    /// The newest adopted version, the campaign's joint demands now.
    var adopted: DemandVersion? { versions.first { $0.outcome == .adopted } }
    /// True while a version is being voted on: no other may be put to the vote.
    var voting: Bool { versions.contains { $0.state == .voting } }

    func decisionLink(_ version: DemandVersion) -> Int? {
        version.decisionID.flatMap { visibleDecisions.contains($0) ? $0 : nil }
    }

    static func load(_ campaign: Int, viewer: CurrentPerson?, services: AppServices) async throws -> DemandBoard {
        let versions = try await Demands(services: services).settled(
            try await DemandQueries(services: services).versions(campaign)
        )
        // Who may see each version's vote, asked of Decisions once for all the versions.
        let visible = try await DecisionQueries(services: services).visible(
            versions.compactMap(\.decisionID),
            viewer: viewer
        )
        return DemandBoard(versions: versions, visibleDecisions: visible)
    }
}

/// Reading a campaign's joint demands; the caller has checked that the viewer may see the campaign.
struct DemandQueries: Sendable {
    let services: AppServices

    static let columns = [
        "id", "version", "text", "text_html", "vote_opened_at", "decision_id", "outcome", "created_at",
    ]

    /// Every version, newest first, as stored.
    func versions(_ campaign: Int) async throws -> [DemandVersion] {
        try await services.store.sql.select().columns(Self.columns).from("campaign_demands")
            .where("campaign_id", .equal, campaign).orderBy("version", .descending).limit(200)
            .rows(DemandVersion.self)
    }

    /// One version, or not found.
    func version(_ campaign: Int, _ version: Int) async throws -> DemandVersion {
        guard
            let row = try await services.store.sql.select().columns(Self.columns).from("campaign_demands")
                .where("campaign_id", .equal, campaign).where("version", .equal, version).row(DemandVersion.self)
        else { throw AppError.notFound }
        return row
    }
}
