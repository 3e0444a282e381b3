import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The published list of action proposals, with the form to propose one and, for organizers, to add their
/// groups' support.
enum ActionPages {
    static func list(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ actions: [ActionProposalView],
        organized: [GroupRef],
        plenary: [Int: (PlenaryState, ActionTracker?)] = [:],
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let id = conference.id
        let items = actions.map { action -> HTML in
            let supporters = action.supporters.map { group -> HTML in
                "<a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>"
            }
            let support: HTML = .when(!organized.isEmpty) {
                let options = organized.map { group -> HTML in "<option value=\"\(group.slug)\">\(group.name)</option>"
                }
                return """
                    \(FormParts.postForm(context, to: ConferencePaths.supportAction(id, action.id), class: "inline"))\
                    <label for="support-\(action.id)">Support for</label> <select id="support-\(action.id)" name="group">\(options)</select> \
                    <button type="submit" name="support" value="on">Add our support</button> \
                    <button type="submit" name="support" value="off" class="secondary">Withdraw our support</button></form>
                    """
            }
            let withdraw: HTML = .when(action.author?.handle == context.person?.handle && context.person != nil) {
                ConferenceParts.button(context, ConferencePaths.withdrawAction(id, action.id), "Withdraw this proposal")
            }
            let (state, tracker) = plenary[action.id] ?? (.none, nil)
            let outcome: HTML =
                tracker.map { tracker -> HTML in
                    let groups = tracker.responsible.map { group -> HTML in
                        "<a href=\"\(ConferencePaths.groupActions(group.slug))\">\(group.name)</a>"
                    }
                    return """
                        <p class="tracker-status">\(tracker.status.label) · \(tracker.progress) % · responsible: \
                        \(groups.isEmpty ? "no group yet" : HTML(raw: groups.map(\.raw).joined(separator: ", ")))</p>
                        """
                } ?? .empty
            return """
                <li class="action-proposal" id="action-\(action.id)"><h3><a href="\(ConferencePaths.action(id, action.id))">\(action.title)</a></h3>
                <p class="meta">Proposed by \(action.author.map { "\($0.name) (@\($0.handle))" } ?? "someone") · \
                \(PlenaryParts.stateLine(state, adoptedWord: "Adopted"))</p>\(outcome)
                <p><a href="\(ConferencePaths.action(id, action.id))">The text\(state.decision == nil ? ", amendments and the vote" : " and the vote")</a></p>
                <p>Supported by: \(supporters.isEmpty ? "no group yet" : HTML(raw: supporters.map(\.raw).joined(separator: ", ")))</p>
                \(support)\(withdraw)</li>
                """
        }
        let propose: HTML = .when(context.person != nil) {
            """
            <h2>Propose joint action</h2>
            \(fields.summary)
            \(FormParts.postForm(context, to: ConferencePaths.actions(id), novalidate: true))
            \(fields.text("title", label: "The action", required: true))
            \(fields.textarea("text", label: "What the groups would do together, and why", rows: 6, hint: "Markdown."))
            <button type="submit">Propose the action</button></form>
            """
        }
        return Layout.page(
            title: "Action proposals",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Action proposals"))
                <p>Proposals for joint action from this conference, and the groups that support them.</p>
                <h2 class="visually-hidden">The proposals</h2>
                \(items.isEmpty ? "<p class=\"empty\">No action has been proposed yet.</p>" : "<ol class=\"action-list\">\(items)</ol>" as HTML)
                \(propose)
                """
        )
    }
}
