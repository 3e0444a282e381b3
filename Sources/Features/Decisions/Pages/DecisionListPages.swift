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

    private static func list(_ page: Page<DecisionSummary>, now: Date, showGroup: Bool, empty: String) -> HTML {
        guard !page.items.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        let items = page.items.map { item -> HTML in
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
