import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The forms of a debate's page, holding what a person sent and the messages when it was refused, so the page
/// can be shown again with their text in place.
struct DebateForms {
    /// A refused reply: the position and reply it answered, and its fields.
    struct RefusedReply {
        let position: Int
        let parent: Int?
        let fields: FieldSet
    }

    /// A refused hiding (or showing again) of a reply: which reply, and the reason as sent.
    struct RefusedModeration {
        let reply: Int
        let fields: FieldSet
    }

    var position = FieldSet()
    var reply: RefusedReply?
    var moderator = FieldSet()
    /// The people a moderator may name, by name (`PersonChoices`: those the moderator may already see).
    var people = PersonChoices.named([])
    /// A refused running summary, as typed.
    var summary: FieldSet?
    var moderation: RefusedModeration?
}

/// The debates: the list, the form to open one, and a debate with its positions, threads and log.
enum DebatePages {
    /// Debates as list items: the question, how many positions and replies, when it was opened.
    static func items(_ debates: [DebateCard]) -> [HTML] {
        debates.map { debate -> HTML in
            """
            <li><a href="\(debate.url)">\(debate.question)</a> <span class="meta">\(debate.positions) positions, \
            \(debate.replies) replies · \(LibraryParts.time(debate.createdAt))</span></li>
            """
        }
    }

    static func list(_ context: AppContext, page: Page<DebateCard>) -> HTML {
        let items = items(page.items)
        return Layout.page(
            title: "Debates",
            context: context,
            main: """
                <h1>Debates</h1>
                <p>Open questions argued across groups. <a href="\(LibraryPaths.newDebate())">Open a debate</a></p>
                \(items.isEmpty ? "<p class=\"empty\">No debate has been opened yet.</p>" : "<ul class=\"debate-list\">\(items)</ul>" as HTML)
                \(paginationNav(page, base: LibraryPaths.debates()))
                """
        )
    }

    /// `pieces` are the published pieces everyone may read, offered by title.
    static func new(_ context: AppContext, fields: FieldSet, pieces: NamedChoices) -> HTML {
        Layout.page(
            title: "Open a debate",
            context: context,
            main: """
                <h1>Open a debate</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: LibraryPaths.debates(), novalidate: true))
                \(fields.text("question", label: "The question", required: true))
                \(fields.textarea("description", label: "What it is about", rows: 6))
                \(fields.named("publication", label: "About a piece in the library (optional)", choices: pieces, hint: "Its title; the list suggests published pieces as you type."))
                <button type="submit">Open the debate</button></form>
                """
        )
    }

    static func show(
        _ context: AppContext,
        debate: DebateView,
        replies: Page<ReplyView>,
        log: [ModerationEntry],
        isModerator: Bool,
        speakFor: [GroupRef],
        forms: DebateForms = DebateForms()
    ) -> HTML {
        let threads = Dictionary(grouping: replies.items, by: \.positionID)
        let positions = debate.positions.map { position in
            self.position(
                context,
                debate: debate,
                position,
                threads[position.id] ?? [],
                isModerator: isModerator,
                refused: forms.reply,
                moderation: forms.moderation
            )
        }
        let groupOptions = [("", "Myself")] + speakFor.map { ($0.slug, $0.name) }
        let fields = forms.position
        let statePosition: HTML = .when(context.person != nil && !debate.closed) {
            """
            \(FormParts.postForm(context, to: LibraryPaths.positions(debate.id), class: "position-form"))
            <fieldset><legend>State a position</legend>\(fields.summary)
            \(fields.text("statement", label: "Position (one sentence)"))
            \(fields.textarea("argument", label: "The argument", rows: 5))
            \(fields.select("group", label: "Stated for", options: groupOptions))
            <button type="submit">State the position</button></fieldset></form>
            """
        }
        return Layout.page(
            title: debate.question,
            context: context,
            main: """
                <h1>\(debate.question)</h1>
                <p class="meta">Opened by \(debate.opener) · \(LibraryParts.time(debate.createdAt))\
                \(HTML.when(debate.closed) { " · <strong>closed</strong>" })</p>
                \(debate.publication.map { piece -> HTML in "<p>About <a href=\"\(piece.url)\">\(piece.title)</a> by \(piece.byline)</p>" })
                \(HTML.when(!debate.descriptionHTML.isEmpty) {
                    "<h2>About the debate</h2><div class=\"post-body\">\(HTML(raw: debate.descriptionHTML))</div>"
                })
                \(summary(context, debate, isModerator: isModerator, refused: forms.summary))
                <h2>Positions</h2>
                \(positions.isEmpty ? "<p class=\"empty\">No position has been stated yet.</p>" : HTML(raw: positions.map(\.raw).joined()))
                \(paginationNav(replies, base: LibraryPaths.debate(debate.id)))
                \(statePosition)
                \(moderation(context, debate, log, isModerator: isModerator, forms: forms))
                """
        )
    }

    private static func position(
        _ context: AppContext,
        debate: DebateView,
        _ position: PositionView,
        _ replies: [ReplyView],
        isModerator: Bool,
        refused: DebateForms.RefusedReply?,
        moderation: DebateForms.RefusedModeration?
    ) -> HTML {
        // A refused reply goes back under what it answered, or under the position when that reply is not shown.
        let refused = refused?.position == position.id ? refused : nil
        let underPosition = refused.flatMap { refused in
            refused.parent.map { parent in replies.contains { $0.id == parent } } == true ? nil : refused
        }
        let items = replies.map { reply -> HTML in
            let body: HTML =
                reply.hiddenReason.map { "<p class=\"hidden-reply\">Hidden by a moderator: \($0)</p>" }
                ?? HTML(raw: reply.bodyHTML ?? "")
            let hide: HTML = .when(isModerator) {
                let hiding = reply.hiddenReason == nil
                // A refused reason comes back in this reply's form, with its message.
                let refused = moderation?.reply == reply.id ? moderation?.fields : nil
                let id = "reason-\(reply.id)"
                let error = refused?.errors["reason"]
                let invalid: HTML = .when(error != nil) { " aria-describedby=\"\(id)-error\" aria-invalid=\"true\"" }
                let message: HTML =
                    error.map { "<p class=\"field-error\" id=\"\(id)-error\">\($0)</p>" } ?? .empty
                return """
                    \(FormParts.postForm(context, to: (hiding ? LibraryPaths.hideReply : LibraryPaths.showReply)(debate.id, reply.id), class: "inline"))\
                    <label for="\(id)">Reason</label> <input id="\(id)" name="reason" type="text" value="\(refused?.values.raw("reason") ?? "")" required\(invalid)>\(message) \
                    <button type="submit" class="secondary">\(hiding ? "Hide" : "Show again")</button></form>
                    """
            }
            return """
                <li id="reply-\(reply.id)" class="reply stance-\(reply.stance.rawValue) depth-\(min(reply.depth, 6))">
                <p class="meta"><strong>\(reply.stance.label)</strong> · \(reply.author) · \(LibraryParts.time(reply.createdAt))</p>
                \(body)\(replyForm(context, debate, position.id, parent: reply.id, refused: refused))\(hide)</li>
                """
        }
        return """
            <section class="position" id="position-\(position.id)" aria-labelledby="position-\(position.id)-title">
            <h3 id="position-\(position.id)-title">\(position.statement)</h3>
            <p class="meta">\(position.author)\(position.group.map { group -> HTML in " for <a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>" })</p>
            <div class="post-body">\(HTML(raw: position.argumentHTML))</div>
            <ol class="replies">\(items)</ol>
            \(replyForm(context, debate, position.id, parent: underPosition?.parent, refused: underPosition))
            </section>
            """
    }

    /// The form to reply to a position (`parent` nil) or to a reply; open, with the person's text and the
    /// messages, when it is the one `refused`.
    private static func replyForm(
        _ context: AppContext,
        _ debate: DebateView,
        _ position: Int,
        parent: Int?,
        refused: DebateForms.RefusedReply?
    ) -> HTML {
        guard context.person != nil, !debate.closed else { return .empty }
        let key = parent.map { "r\($0)" } ?? "p\(position)"
        let fields = refused.flatMap { $0.position == position && $0.parent == parent ? $0.fields : nil }
        let against = fields?.values["stance"] == "against"
        let body: HTML =
            fields.map { $0.textarea("body", label: "Your reply", rows: 4) }
                ?? """
                <div class="field"><label for="body-\(key)">Your reply</label><textarea id="body-\(key)" name="body" rows="4"></textarea></div>
                """
        let stanceError: HTML =
            fields?.errors["stance"].map { "<p class=\"field-error\" id=\"stance-error\">\($0)</p>" } ?? .empty
        return """
            <details\(HTML.when(fields != nil) { " open" })><summary>\(parent == nil ? "Reply to this position" : "Reply")</summary>
            \(FormParts.postForm(context, to: LibraryPaths.replies(debate.id)))\
            \(FormParts.hidden("position", String(position)))\(parent.map { FormParts.hidden("parent", String($0)) })
            \(fields?.summary ?? .empty)<fieldset><legend>Stance</legend>
            <label><input type="radio" name="stance" value="for"\(HTML.when(!against) { " checked" })> For</label>
            <label><input type="radio" name="stance" value="against"\(HTML.when(against) { " checked" })> Against</label>\
            \(stanceError)</fieldset>
            \(body)
            <button type="submit">Send the reply</button></form></details>
            """
    }

    private static func summary(
        _ context: AppContext,
        _ debate: DebateView,
        isModerator: Bool,
        refused: FieldSet?
    ) -> HTML {
        let text: HTML =
            debate.summary.isEmpty
            ? "<p class=\"empty\">No summary yet.</p>" : HTML(raw: debate.summaryHTML)
        // A refused summary comes back as typed, with its message.
        let fields = refused ?? FieldSet(values: FormData([("summary", debate.summary)]))
        let form: HTML = .when(isModerator) {
            """
            \(FormParts.postForm(context, to: LibraryPaths.summary(debate.id)))\(fields.summary)
            \(fields.textarea("summary", label: "Running summary (moderators)", rows: 5))
            <button type="submit">Save the summary</button></form>
            """
        }
        return """
            <section class="debate-summary" aria-labelledby="summary-heading"><h2 id="summary-heading">Summary so far</h2>
            \(text)\(form)</section>
            """
    }

    private static func moderation(
        _ context: AppContext,
        _ debate: DebateView,
        _ log: [ModerationEntry],
        isModerator: Bool,
        forms: DebateForms
    )
        -> HTML
    {
        let fields = forms.moderator
        let entries = log.map { entry -> HTML in
            """
            <li>\(entry.moderator) \(entry.action == "hide" ? "hid" : "showed again") \
            <a href="#reply-\(entry.replyID)">a reply</a>: \(entry.reason) · \(LibraryParts.time(entry.at))</li>
            """
        }
        let tools: HTML = .when(isModerator) {
            """
            \(FormParts.postForm(context, to: LibraryPaths.moderators(debate.id)))\(fields.summary)
            \(fields.named("handle", label: "Name a moderator", choices: forms.people, hint: "Their name or handle. The list offers you and the members of groups whose member list you may see."))
            <button type="submit" class="secondary">Add</button></form>
            \(FormParts.button(context, LibraryPaths.closeDebate(debate.id), "Close the debate", style: "secondary"))
            """
        }
        return """
            <section aria-labelledby="log-heading"><h2 id="log-heading">Moderation log</h2>
            <p class="meta">Moderators: \(([debate.opener] + debate.moderators).joined(separator: ", "))</p>
            \(entries.isEmpty ? "<p class=\"empty\">Nothing has been hidden.</p>" : "<ol class=\"moderation-log\">\(entries)</ol>" as HTML)
            \(tools)</section>
            """
    }
}
