import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Library

/// The campaign's actions: on its page (events and posts, and each group's part), on their own page with the form
/// to link one, and the confirmation before one is removed.
enum ActionSection {
    /// The actions' section of the campaign's page; `canLink` when the viewer speaks for a group taking part.
    static func render(_ board: ActionBoard, campaign: Campaign, canLink: Bool) -> HTML {
        let id = campaign.id
        let link: HTML = .when(canLink) {
            " · <a href=\"\(CampaignPaths.actions(id))\">Link an event or post of your group</a>"
        }
        return """
            <section aria-labelledby="actions"><h2 id="actions">Actions</h2>
            \(list(board.actions.prefix(20), lead: campaign.leadSlug))
            \(contributions(board.contributions, lead: campaign.leadSlug))
            <p><a href="\(CampaignPaths.actions(id))">All actions</a> · \
            <a href="\(CampaignPaths.calendar(id))">Calendar of the public events (iCalendar)</a>\(link)</p></section>
            """
    }

    /// Events and posts, each with the group it is an action of.
    static func list(
        _ actions: some Collection<CampaignAction>,
        lead: String,
        remove: (CampaignAction) -> HTML = { _ in .empty }
    )
        -> HTML
    {
        guard !actions.isEmpty else { return "<p class=\"empty\">No actions linked yet.</p>" }
        let items = actions.map { action -> HTML in
            "<li>\(kindLabel(action)) \(item(action)) <span class=\"meta\">\(whose(action, lead: lead))</span>\(remove(action))</li>"
        }
        return "<ul class=\"actions-list\">\(items)</ul>"
    }

    private static func kindLabel(_ action: CampaignAction) -> HTML {
        action.kind == .event ? "<span class=\"badge\">event</span>" : "<span class=\"badge\">post</span>"
    }

    private static func item(_ action: CampaignAction) -> HTML {
        switch action.kind {
        case .event:
            let when: HTML =
                both(action.startsAt, action.timeZone).map { start, zone in
                    ", <time datetime=\"\(ZonedTime.day(start, zone: zone))\">\(ZonedTime.display(start, zone: zone))</time>"
                } ?? .empty
            return "<a href=\"\(EventPaths.event(action.eventID ?? 0))\">\(action.title)</a>\(when)"
        case .post:
            let path =
                action.postKind == "post"
                ? GroupPaths.post(action.groupSlug, action.postID ?? 0) : LibraryPaths.publication(action.postID ?? 0)
            return "<a href=\"\(path)\">\(action.title)</a>"
        }
    }

    private static func whose(_ action: CampaignAction, lead: String) -> HTML {
        action.groupSlug == lead
            ? "the campaign's own, by \(action.groupName)"
            : "by <a href=\"\(GroupPaths.group(action.groupSlug))\">\(action.groupName)</a>"
    }

    /// What each group contributed (what the viewer may see): events, posts, petitions and signatures.
    private static func contributions(_ rows: [Contribution], lead: String) -> HTML {
        guard !rows.isEmpty else { return .empty }
        let body = rows.map { row -> HTML in
            """
            <tr><th scope="row"><a href="\(GroupPaths.group(row.groupSlug))">\(row.groupName)</a>\
            \(HTML.when(row.groupSlug == lead) { " (lead)" })</th><td>\(row.events)</td><td>\(row.posts)</td>\
            <td>\(row.petitions)</td><td>\(row.signatures)</td></tr>
            """
        }
        return """
            <table><caption>Each group's part</caption>
            <thead><tr><th scope="col">Group</th><th scope="col">Events</th><th scope="col">Posts</th>\
            <th scope="col">Petitions and pledges</th><th scope="col">Signatures through its page</th></tr></thead>
            <tbody>\(body)</tbody></table>
            """
    }
}

/// Both values, when neither is missing.
private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}

/// What the actions' parts show one viewer.
struct ActionBoard: Sendable {
    let actions: [CampaignAction]
    let contributions: [Contribution]

    static func load(_ campaign: Int, viewer: CurrentPerson?, services: AppServices) async throws -> ActionBoard {
        let queries = ActionQueries(services: services)
        return ActionBoard(
            actions: try await queries.actions(campaign, viewer: viewer),
            contributions: try await queries.contributions(campaign, viewer: viewer)
        )
    }
}

enum ActionPages {
    /// Every action the viewer may see, a remove link on those of groups they speak for, and the form to link one.
    static func page(
        _ context: AppContext,
        campaign: Campaign,
        board: ActionBoard,
        speaksFor: Set<Int>,
        candidates: [ActionCandidate],
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let remove: (CampaignAction) -> HTML = { action in
            .when(speaksFor.contains(action.groupID)) {
                " <a href=\"\(CampaignPaths.removeAction(campaign.id, action.id))\">Remove</a>"
            }
        }
        return Layout.page(
            title: "Actions: \(campaign.title)",
            context: context,
            main: """
                <h1>Actions of <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></h1>
                <p>Events and posts the groups taking part link to the campaign: an action of the lead is the \
                campaign's own. <a href="\(CampaignPaths.calendar(campaign.id))">Calendar of the public events (iCalendar)</a></p>
                \(ActionSection.list(board.actions, lead: campaign.leadSlug, remove: remove))
                \(HTML.when(!speaksFor.isEmpty) { linkForm(context, campaign: campaign, candidates: candidates, fields: fields) })
                """
        )
    }

    private static func linkForm(
        _ context: AppContext,
        campaign: Campaign,
        candidates: [ActionCandidate],
        fields: FieldSet
    ) -> HTML {
        guard !candidates.isEmpty else {
            let refused = fields.errors.values.sorted().map { message -> HTML in "<p>\(message)</p>" }
            return """
                <section aria-labelledby="link"><h2 id="link">Link an action</h2>
                \(HTML.when(!refused.isEmpty) { "<div class=\"form-error\" role=\"alert\">\(refused)</div>" })
                <p class="empty">Your groups have no events (from the last 90 days on) or published posts left to link.</p></section>
                """
        }
        let options = candidates.map { candidate in
            (value: candidate.value, label: label(candidate))
        }
        return """
            <section aria-labelledby="link"><h2 id="link">Link an action</h2>
            \(fields.summary)
            \(FormParts.postForm(context, to: CampaignPaths.actions(campaign.id), novalidate: true))
            \(fields.select("action", label: "Event or post of your group", options: options))
            <button type="submit">Link to the campaign</button></form></section>
            """
    }

    private static func label(_ candidate: ActionCandidate) -> String {
        switch candidate.kind {
        case .event:
            let when = both(candidate.startsAt, candidate.timeZone).map { ZonedTime.dateLabel($0, zone: $1) } ?? ""
            return "\(candidate.groupName): event “\(candidate.title)”, \(when)"
        case .post: return "\(candidate.groupName): post “\(candidate.title)”"
        }
    }

    static func confirmRemove(_ context: AppContext, campaign: Campaign, action: CampaignAction) -> HTML {
        ConfirmPage.page(
            context,
            title: "Remove “\(action.title)” from the campaign?",
            explanation: "The \(action.kind.rawValue) stays as it is; it is no longer listed among the actions of "
                + "“\(campaign.title)” nor counted as \(action.groupName)’s part.",
            action: CampaignPaths.removeAction(campaign.id, action.id),
            button: "Remove from the campaign",
            back: CampaignPaths.actions(campaign.id)
        )
    }
}
