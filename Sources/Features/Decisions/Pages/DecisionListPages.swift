import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Lists of decisions: a group's, and a person's across their groups.
enum DecisionListPages {
    static func group(
        _ context: AppContext,
        group: Group,
        standing: Standing,
        page: Page<DecisionSummary>,
        now: Date
    ) -> HTML {
        let new: HTML = .when(GroupRules.canManage(standing)) {
            "<p class=\"actions\"><a href=\"\(DecisionPaths.new(group.slug))\">Put a question to the vote</a></p>"
        }
        return Layout.page(
            title: "Decisions of \(group.name)",
            context: context,
            main: """
                <h1>Decisions of <a href="\(GroupPaths.group(group.slug))">\(group.name)</a></h1>
                <p>The members of \(group.name) vote here. Only members see these decisions.</p>
                <p><a href="\(BodyPaths.bodies(group.slug))">Elected bodies of \(group.name)</a>: who holds which seat.</p>
                \(new)
                \(list(page, now: now, showGroup: false, empty: "No decisions yet. The organizers can put a question to the vote."))
                \(paginationNav(page, base: DecisionPaths.group(group.slug)))
                """
        )
    }

    static func mine(_ context: AppContext, page: Page<DecisionSummary>, now: Date) -> HTML {
        Layout.page(
            title: "Decisions",
            context: context,
            main: """
                <h1>Decisions in your groups</h1>
                <p><a href="\(DecisionPaths.countFile())">Count a ballot file</a> (BLT, by Scottish STV, Meek STV, \
                instant runoff or Schulze).</p>
                \(list(page, now: now, showGroup: true, empty: "No decisions in your groups yet. When one of them puts a question to the vote, it shows up here."))
                \(paginationNav(page, base: DecisionPaths.mine()))
                """
        )
    }

    /// The decisions part of a person's home page: votes open to them and recent results; nothing when there are
    /// neither.
    static func home(open: [DecisionSummary], closed: [DecisionSummary], now: Date) -> HTML {
        guard !open.isEmpty || !closed.isEmpty else { return "" }
        let openPart: HTML = .when(!open.isEmpty) {
            "<h3>Open now</h3>\(items(open, now: now, showGroup: true))"
        }
        let closedPart: HTML = .when(!closed.isEmpty) {
            "<h3>Results of the last two weeks</h3>\(items(closed, now: now, showGroup: true))"
        }
        return """
            <section class="home-decisions" aria-labelledby="home-decisions">
            <h2 id="home-decisions">Votes in your groups</h2>
            \(openPart)\(closedPart)
            <p><a href="\(DecisionPaths.mine())">All decisions in your groups</a></p>
            </section>
            """
    }

    private static func list(_ page: Page<DecisionSummary>, now: Date, showGroup: Bool, empty: String) -> HTML {
        guard !page.items.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        return items(page.items, now: now, showGroup: showGroup)
    }

    private static func items(_ summaries: [DecisionSummary], now: Date, showGroup: Bool) -> HTML {
        let items = summaries.map { item -> HTML in
            let status: HTML =
                switch item.status(at: now) {
                case .scheduled: "opens \(DecisionPages.time(item.opensAt, item.zone))"
                case .open:
                    item.awaitsViewer
                        ? "<strong>waiting for your vote</strong>, closes \(DecisionPages.time(item.closesAt, item.zone))"
                        : "open until \(DecisionPages.time(item.closesAt, item.zone))"
                case .closed:
                    "closed \(DecisionPages.time(min(item.closedAt ?? item.closesAt, item.closesAt), item.zone))"
                }
            let group: HTML = .when(showGroup) {
                " · <a href=\"\(GroupPaths.group(item.groupSlug))\">\(item.groupName)</a>"
            }
            return """
                <li><a href="\(DecisionPaths.decision(item.id))">\(item.title)</a>\(group) · \(status)\(
                    item.secret ? " · secret ballot" : "")</li>
                """
        }.joined()
        return "<ul class=\"decisions\">\(items)</ul>"
    }
}
