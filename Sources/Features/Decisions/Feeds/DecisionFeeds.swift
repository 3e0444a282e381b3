import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// The Atom feed of a public group's published results: each closed decision its organizers chose to publish,
/// newest close first, with the rule that decided it. A private group, and any decision not published, is in no
/// feed: the group is looked up as for nobody in particular.
struct DecisionFeeds {
    static let size = 50
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(DecisionPaths.groupFeed) { request, context in
            let (group, _) = try await GroupQueries(services: services).visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: nil
            )
            let now = services.clock()
            let decisions = try await services.store.sql.raw(
                """
                SELECT \(unsafeRaw: Decision.columns.joined(separator: ", ")) FROM decisions \
                WHERE group_id = \(bind: group.id) AND public_results \
                AND (closes_at <= \(bind: now) OR closed_at <= \(bind: now)) \
                ORDER BY closes_at DESC, id DESC LIMIT \(bind: Self.size)
                """
            ).rows(Decision.self)
            let count = DecisionCount(services: services)
            var entries: [AtomEntry] = []
            for decision in decisions where DecisionRules.isPublished(decision, group: group, now: now) {
                guard let (_, outcome) = try await count.finalOutcome(of: decision.id) else { continue }
                entries.append(
                    AtomEntry(
                        id: AtomFeed.tagURI(siteURL: services.site.base, specific: "decision:\(decision.id)"),
                        title: "Result: \(decision.title)",
                        link: services.site.base + DecisionPaths.decision(decision.id),
                        updated: decision.endedAt,
                        published: decision.endedAt,
                        summary: outcome.explanation
                    )
                )
            }
            entries.sort { ($0.updated, $0.id) > ($1.updated, $1.id) }
            let base = services.site.base
            let feed = AtomFeed(
                id: AtomFeed.tagURI(siteURL: base, specific: "feed:decisions:\(group.slug)"),
                title: "Decisions of \(group.name) · \(services.site.name)",
                selfLink: base + DecisionPaths.groupFeed(group.slug),
                alternateLink: base + GroupPaths.group(group.slug),
                updated: entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0),
                entries: entries
            )
            return FeedResponse.atom(feed.xml(), to: request, headers: [.cacheControl: "public, max-age=60"])
        }
    }
}
