import Decisions
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// The Atom feed of a public campaign's news: each statement version a group published, each withdrawal and
/// each outcome of the groups' votes on the joint demands, newest first. It is read as by nobody in particular, so a private campaign is not found and a private
/// group's statements are left out.
struct CampaignFeeds {
    static let size = 50
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.news) { request, context in
            let id = try campaignParam(context)
            let queries = CampaignQueries(services: services)
            let campaign = try await queries.campaign(id, viewer: nil)
            let participants = try await queries.participants(id, viewer: nil).filter(\.isShown)
            let base = services.site.base
            let link = base + CampaignPaths.campaign(id)
            var entries: [AtomEntry] = []
            for group in participants {
                for statement in try await queries.history(id, group: group.groupID, viewer: nil) {
                    entries.append(
                        AtomEntry(
                            id: AtomFeed.tagURI(
                                siteURL: base,
                                specific: "campaign:\(id):\(group.slug):\(statement.version)"
                            ),
                            title: "\(group.name): statement, version \(statement.version)",
                            link: link,
                            updated: statement.createdAt,
                            published: statement.createdAt,
                            contentHTML: statement.positionHTML
                        )
                    )
                }
                if let withdrawn = group.withdrawnAt {
                    entries.append(
                        AtomEntry(
                            id: AtomFeed.tagURI(siteURL: base, specific: "campaign:\(id):\(group.slug):withdrawn"),
                            title: "\(group.name) withdrew from the campaign",
                            link: link,
                            updated: withdrawn,
                            published: withdrawn,
                            summary: group.withdrawalNote
                        )
                    )
                }
            }
            entries += try await demandEntries(id, link: link)
            entries.sort { ($0.updated, $0.id) > ($1.updated, $1.id) }
            let feed = AtomFeed(
                id: AtomFeed.tagURI(siteURL: base, specific: "feed:campaign:\(id)"),
                title: "\(campaign.title) · \(services.site.name)",
                selfLink: base + CampaignPaths.news(id),
                alternateLink: link,
                updated: entries.map(\.updated).max() ?? campaign.createdAt,
                entries: Array(entries.prefix(Self.size))
            )
            return FeedResponse.atom(feed.xml(), to: request, headers: [.cacheControl: "public, max-age=60"])
        }
    }

    /// The versions of the joint demands whose vote is over, dated by the vote's close.
    private func demandEntries(_ id: Int, link: String) async throws -> [AtomEntry] {
        let versions = try await Demands(services: services).settled(
            try await DemandQueries(services: services).versions(id)
        )
        var entries: [AtomEntry] = []
        for version in versions {
            guard let outcome = version.outcome, let decision = version.decisionID else { continue }
            let ended = try await DecisionCount(services: services).finalOutcome(of: decision)?.0.endedAt
            entries.append(
                AtomEntry(
                    id: AtomFeed.tagURI(
                        siteURL: services.site.base,
                        specific: "campaign:\(id):demands:\(version.version)"
                    ),
                    title:
                        "Joint demands, version \(version.version): \(outcome == .adopted ? "adopted" : "not adopted")",
                    link: link,
                    updated: ended ?? version.createdAt,
                    published: ended ?? version.createdAt,
                    contentHTML: version.textHTML
                )
            )
        }
        return entries
    }
}
