import Foundation
import FreshgroundWeb
import Groups

/// A group's elected bodies: who holds each seat, since when, until when and by which election; the forms that
/// create and change a body and start its election.
enum BodyPages {
    static func list(_ context: AppContext, group: Group, standing: Standing, bodies: [BodyView], now: Date) -> HTML {
        let manage = BodyRules.canManage(standing)
        let add: HTML = .when(manage) {
            "<p class=\"actions\"><a href=\"\(BodyPaths.new(group.slug))\">Add an elected body</a></p>"
        }
        let audience =
            group.visibility == .public
            ? "Everyone can see who holds these seats." : "Only the members of \(group.name) see this page."
        let sections: HTML =
            bodies.isEmpty
            ? "<p class=\"empty\">\(group.name) has no elected bodies yet.\(manage ? " Add one, such as an editorial board or the officers." : "")</p>"
            : bodies.map { section($0, context: context, group: group, standing: standing, now: now) }.joined()
        return Layout.page(
            title: "Elected bodies of \(group.name)",
            context: context,
            main: """
                <h1>Elected bodies of <a href="\(GroupPaths.group(group.slug))">\(group.name)</a></h1>
                <p>The members of \(group.name) elect these bodies and can recall anyone on them. \(audience)</p>
                \(add)
                \(sections)
                """
        )
    }

    /// A decision of the group, linked for its members, who may open it; for others only named, since its page is
    /// not theirs to read.
    private static func decisionLink(_ id: Int, _ title: String, _ standing: Standing) -> HTML {
        standing.isActiveMember ? "<a href=\"\(DecisionPaths.decision(id))\">\(title)</a>" : "\(title)"
    }

    private static func section(
        _ view: BodyView,
        context: AppContext,
        group: Group,
        standing: Standing,
        now: Date
    ) -> HTML {
        let body = view.body
        let holding = view.holders.filter { $0.holds(at: now) }
        let ended = view.holders.filter { !$0.holds(at: now) }
        let rows = holding.map { holder -> HTML in
            """
            <tr><th scope="row">\(holder.shownName)</th><td>\(DecisionPages.time(holder.since, "UTC"))</td>\
            <td>\(DecisionPages.time(holder.until, "UTC"))</td>\
            <td>\(decisionLink(holder.electionID, holder.electionTitle, standing))</td></tr>
            """
        }.joined()
        let seats: HTML =
            holding.isEmpty
            ? "<p class=\"empty\">Nobody holds a seat on \(body.name) now\(view.holders.isEmpty ? ": no election of it has closed yet" : ": the terms have ended")</p>"
            : """
            <table><caption>Seats on \(body.name) held now</caption><thead><tr><th scope="col">Holder</th>\
            <th scope="col">Since</th><th scope="col">Until</th><th scope="col">Elected by</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let endedList: HTML = .when(!ended.isEmpty) {
            let items = ended.map { holder -> HTML in
                if let recall = holder.recall {
                    return """
                        <li>\(holder.shownName): recalled \(DecisionPages.time(recall.endedAt, "UTC")) by \
                        \(decisionLink(recall.decisionID, "a recall vote", standing))</li>
                        """
                }
                return "<li>\(holder.shownName): term ended \(DecisionPages.time(holder.until, "UTC"))</li>"
            }.joined()
            return "<h3>Terms that ended</h3><ul class=\"ended\">\(items)</ul>"
        }
        let pending: HTML = .when(!view.pending.isEmpty) {
            let items = view.pending.map { election -> HTML in
                "<li>Election under way: \(decisionLink(election.id, election.title, standing))</li>"
            }.joined()
            return "<ul class=\"elections\">\(items)</ul>"
        }
        return """
            <section id="body-\(body.id)" aria-labelledby="body-\(body.id)-title">
            <h2 id="body-\(body.id)-title">\(body.name)</h2>
            <p class="meta">\(body.seats) seat\(body.seats == 1 ? "" : "s") · terms of \(body.termMonths) \
            month\(body.termMonths == 1 ? "" : "s") from the close of the election</p>
            \(DecisionPages.paragraphs(body.description))
            \(seats)
            \(endedList)
            \(pending)
            \(recalls(view, holding: holding, standing: standing))
            \(actions(body, standing: standing))
            </section>
            """
    }

    private static func recalls(_ view: BodyView, holding: [SeatHolder], standing: Standing) -> HTML {
        guard BodyRules.canPetition(standing) else { return .empty }
        let items = view.recalls.map { recall -> HTML in
            let state: HTML =
                recall.decisionID.map { "the recall vote is open: <a href=\"\(DecisionPaths.decision($0))\">vote</a>" }
                ?? "\(recall.signatures) co-signer\(recall.signatures == 1 ? "" : "s") so far"
            return """
                <li><a href="\(BodyPaths.recall(recall.id))">Recall of \(recall.holderShown)</a>: \(state)</li>
                """
        }.joined()
        let list: HTML =
            view.recalls.isEmpty ? "<p class=\"empty\">No recall petitions.</p>" : "<ul class=\"recalls\">\(items)</ul>"
        let start: HTML = .when(!holding.isEmpty) {
            "<p><a href=\"\(BodyPaths.startRecall(view.body.id))\">Start a recall of someone on \(view.body.name)</a></p>"
        }
        return "<h3>Recalls</h3>\(list)\(start)"
    }

    private static func actions(_ body: Body, standing: Standing) -> HTML {
        .when(BodyRules.canManage(standing)) {
            """
            <p class="actions"><a href="\(BodyPaths.election(body.id))">Start an election of \(body.name)</a> · \
            <a href="\(BodyPaths.edit(body.id))">Change \(body.name)</a> · \
            <a href="\(BodyPaths.delete(body.id))">Delete \(body.name)</a></p>
            """
        }
    }

    /// The form to create (`body` nil) or change a body.
    static func form(_ context: AppContext, group: Group, body: Body?, fields: FieldSet) -> HTML {
        let title = body.map { "Change \($0.name)" } ?? "Add an elected body to \(group.name)"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: body.map { BodyPaths.edit($0.id) } ?? BodyPaths.new(group.slug), novalidate: true))
                \(fields.text("name", label: "Name", required: true, hint: "Such as “Editorial board” or “Officers”."))
                \(fields.text("seats", label: "Seats", type: "number", required: true))
                \(fields.text("termMonths", label: "Term in months", type: "number", required: true, hint: "A term runs from the close of the election."))
                \(fields.textarea("description", label: "What the body does", rows: 5, hint: "Plain text."))
                <button type="submit">\(body == nil ? "Add the body" : "Save the changes")</button>
                </form>
                <p><a href="\(BodyPaths.bodies(group.slug))">Back to the elected bodies of \(group.name)</a></p>
                """
        )
    }

    static func formValues(_ body: Body?) -> FieldSet {
        let input = BodyInput()
        var values = FormData()
        values.set("name", body?.name ?? "")
        values.set("seats", body.map { String($0.seats) } ?? input.seats)
        values.set("termMonths", body.map { String($0.termMonths) } ?? input.termMonths)
        values.set("description", body?.description ?? "")
        return FieldSet(values: values)
    }

    /// The form that starts an election of `body`.
    static func election(
        _ context: AppContext,
        group: Group,
        body: Body,
        choices: NamedChoices,
        fields: FieldSet
    ) -> HTML {
        let kinds: [(value: String, label: String)] = [
            ("ranked", "Ranked choice, counted by Scottish STV for \(body.seats) seat\(body.seats == 1 ? "" : "s")"),
            ("election", "Yes or no for each candidate, the \(body.seats) with most support elected"),
        ]
        return Layout.page(
            title: "Start an election of \(body.name)",
            context: context,
            main: """
                <h1>Start an election of \(body.name)</h1>
                <p>Every active member of \(group.name) at this moment may vote. Those elected hold the seats for \
                \(body.termMonths) month\(body.termMonths == 1 ? "" : "s") from the close of the vote.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: BodyPaths.election(body.id), novalidate: true))
                \(fields.named("candidates", label: "Candidates", choices: choices, required: true, hint: "Members of \(group.name), separated by commas."))
                \(fields.select("kind", label: "How the vote is counted", options: kinds))
                \(fields.checkbox("secret", label: "Secret ballot (results only after the close)", checked: true))
                \(fields.text("zone", label: "Time zone", hint: "Such as Europe/Berlin or UTC."))
                \(fields.text("opensAt", label: "Voting opens", type: "datetime-local", hint: "Leave empty to open now."))
                \(fields.text("closesAt", label: "Voting closes", type: "datetime-local", required: true))
                <input type="hidden" name="_submitted" value="1">
                <button type="submit">Start the election</button>
                </form>
                <p><a href="\(BodyPaths.bodies(group.slug))">Back to the elected bodies of \(group.name)</a></p>
                """
        )
    }

    static var electionDefaults: FieldSet {
        var values = FormData()
        for (key, value) in [("kind", "ranked"), ("secret", "on"), ("zone", "UTC")] { values.set(key, value) }
        return FieldSet(values: values)
    }
}
