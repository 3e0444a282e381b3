import Foundation
import FreshgroundWeb
import Groups

/// A recall petition for the group's members, and the form that starts one.
enum BodyRecallPages {
    static func page(
        _ context: AppContext,
        group: Group,
        body: Body,
        recall: RecallSummary,
        signers: [Signer],
        needed: Int,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let viewer = context.person
        let signed = signers.contains { $0.personID == viewer?.id }
        let mayAct = viewer.map { $0.id != recall.holderID && $0.handle != recall.starterHandle } ?? false
        let state: HTML =
            if let vote = recall.decisionID {
                """
                <p><strong>The recall vote is open</strong> (a secret ballot; it passes with at least two-thirds of \
                the votes cast): <a href="\(DecisionPaths.decision(vote))">vote on the recall</a>.</p>
                """
            } else {
                """
                <p>\(recall.signatures) of the \(needed) co-signers needed. When \(needed) members have co-signed, a \
                secret recall vote of all members opens at once; it passes with at least two-thirds of the votes cast.\
                </p>
                """
            }
        let action: HTML =
            if recall.decisionID != nil || !mayAct {
                .empty
            } else if signed {
                "<p><a href=\"\(BodyPaths.unsign(recall.id))\">Take my name off this petition</a></p>"
            } else {
                FormParts.button(context, BodyPaths.sign(recall.id), "Co-sign this recall")
            }
        let list: HTML =
            signers.isEmpty
            ? "<p class=\"empty\">Nobody has co-signed yet.</p>"
            : "<ul class=\"signers\">\(signers.map { signer -> HTML in "<li>\(signer.shownName)</li>" }.joined())</ul>"
        return Layout.page(
            title: "Recall of \(recall.holderShown) from \(body.name)",
            context: context,
            main: """
                <h1>Recall of \(recall.holderShown) from \(body.name)</h1>
                <p class="meta">Started by \(recall.starterShown) on \(DecisionPages.time(recall.startedAt, "UTC")) \
                in <a href="\(GroupPaths.group(group.slug))">\(group.name)</a>. Only members of \(group.name) see \
                this petition.</p>
                \(fields.summary)
                <section aria-labelledby="reason-title"><h2 id="reason-title">The reason</h2>\
                \(DecisionPages.paragraphs(recall.reason))</section>
                \(state)
                \(action)
                <section aria-labelledby="signers-title"><h2 id="signers-title">Co-signers</h2>\(list)</section>
                <p><a href="\(BodyPaths.bodies(group.slug))#body-\(body.id)">Back to \(body.name)</a></p>
                """
        )
    }

    /// The form to start a recall: which holder, and why.
    static func form(_ context: AppContext, group: Group, body: Body, holders: [SeatHolder], fields: FieldSet) -> HTML {
        let options = [(value: "", label: "Choose a holder")] + holders.map { (value: $0.handle, label: $0.shownName) }
        return Layout.page(
            title: "Start a recall from \(body.name)",
            context: context,
            main: """
                <h1>Start a recall from \(body.name)</h1>
                <p>Members of \(group.name) co-sign your petition. When enough have, a secret vote of all members \
                opens; the recall passes with at least two-thirds of the votes cast, and the term ends when that \
                vote closes. The holder and the organizers are told when the vote opens.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: BodyPaths.startRecall(body.id), novalidate: true))
                \(fields.select("holder", label: "Whom to recall", options: options))
                \(fields.textarea("reason", label: "The reason (shown to members, with your name)", rows: 6))
                <button type="submit">Start the recall petition</button>
                </form>
                <p><a href="\(BodyPaths.bodies(group.slug))#body-\(body.id)">Back to \(body.name)</a></p>
                """
        )
    }
}
