import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The outcome tracker of an adopted action, and the list of a group's adopted actions.
enum TrackerParts {
    static func section(_ context: AppContext, _ model: ActionPageModel, fields: FieldSet) -> HTML {
        guard let tracker = model.tracker else { return .empty }
        let groups = tracker.responsible.map { group -> HTML in
            """
            <li><a href="\(GroupPaths.group(group.slug))">\(group.name)</a> \
            (<a href="\(ConferencePaths.groupActions(group.slug))">its adopted actions</a>)</li>
            """
        }
        let updates = tracker.updates.map { update -> HTML in
            """
            <li><p class="meta"><time datetime="\(ZonedTime.iso(update.createdAt))">\(ZonedTime.display(update.createdAt, zone: model.conference.zone))</time> \
            · \(update.status.label) · \(update.progress) % · \(update.author.map { "\($0.name) (@\($0.handle))" } ?? "someone")</p>
            <div class="post-body">\(HTML(raw: Markdown.html(update.text)))</div></li>
            """
        }
        let responsibleForm: HTML = .when(model.isOrganizer) {
            """
            \(FormParts.postForm(context, to: ConferencePaths.responsible(model.id, model.action.id), novalidate: true))
            \(fields.named("groups", label: "Responsible groups", choices: model.groups, hint: "By name, separated by commas; leave empty for none."))
            <button type="submit">Save the responsible groups</button></form>
            """
        }
        let updateForm: HTML = .when(model.canUpdate) {
            """
            <h3>Post an update</h3>
            \(FormParts.postForm(context, to: ConferencePaths.updates(model.id, model.action.id), novalidate: true))
            \(fields.select("status", label: "Status", options: TrackerStatus.allCases.map { ($0.rawValue, $0.label) }, selected: tracker.status.rawValue))
            \(fields.text("progress", label: "Progress (percent, 0 to 100)", type: "number", required: true))
            \(fields.textarea("update", label: "What happened", rows: 4))
            <button type="submit">Post the update</button></form>
            """
        }
        return """
            <section aria-labelledby="tracker-title"><h2 id="tracker-title">What became of it</h2>
            <p class="tracker-status"><strong>\(tracker.status.label)</strong> · \(tracker.progress) % done</p>
            <h3>Responsible groups</h3>
            \(groups.isEmpty ? "<p class=\"empty\">No group is responsible yet.</p>" : "<ul>\(groups)</ul>" as HTML)
            \(responsibleForm)
            <h3>Updates</h3>
            \(updates.isEmpty ? "<p class=\"empty\">No update yet.</p>" : "<ol class=\"updates\">\(updates)</ol>" as HTML)
            \(updateForm)</section>
            """
    }

    /// The adopted actions a group is responsible for, with their status: linked from each action's tracker.
    static func groupActions(_ context: AppContext, group: Group, _ actions: [ResponsibleAction]) -> HTML {
        let items = actions.map { action -> HTML in
            let status = action.status?.label ?? TrackerStatus.planned.label
            return """
                <li><a href="\(ConferencePaths.action(action.eventId, action.id))">\(action.title)</a> \
                <span class="meta">· \(action.conference) · \(status) · \(action.progress ?? 0) %</span></li>
                """
        }
        return Layout.page(
            title: "Actions \(group.name) is responsible for",
            context: context,
            main: """
                <h1>Actions <a href="\(GroupPaths.group(group.slug))">\(group.name)</a> is responsible for</h1>
                <p>Actions adopted by conference plenaries that name this group as responsible, newest first.</p>
                \(items.isEmpty ? "<p class=\"empty\">No adopted action names this group yet.</p>" : "<ul class=\"tracked-actions\">\(items)</ul>" as HTML)
                """
        )
    }
}
