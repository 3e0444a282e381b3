import Decisions
import FreshgroundWeb
import Groups

/// Accountability reviews: their list and forms on the official's page, a review's record, and the official's page
/// from the mailed link.
enum ReviewPages {
    /// The reviews (linked), the contact email for the recording organizers, and the form to open a review for the
    /// endorsing groups the viewer organizes.
    static func section(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let id = record.official.id
        let items = record.reviews.map { review -> HTML in
            """
            <li><a href="\(CampaignPaths.review(id, review.id))">Review by \(review.name), answer by \
            \(review.replyBy)</a>: \(state(review, today: record.today))</li>
            """
        }
        return """
            <section aria-labelledby="reviews"><h2 id="reviews">Accountability reviews</h2>
            \(items.isEmpty ? "<p class=\"empty\">No review has been opened.</p>" as HTML : "<ul>\(items)</ul>")
            \(record.manages ? contact(context, record, fields: fields) : .empty)
            \(record.reviewers.isEmpty ? .empty : open(context, record, fields: fields))
            </section>
            """
    }

    /// Where a review stands, in words.
    static func state(_ review: OfficialReview, today: String) -> String {
        if let outcome = review.outcome { return "decided: \(outcome)" }
        if review.decisionId != nil { return "the members are voting" }
        if review.answer != nil { return "answered" }
        return today <= review.replyBy ? "waiting for an answer" : "no answer by \(review.replyBy)"
    }

    private static func contact(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let shown =
            fields.values.has("contactEmail")
            ? fields.values : FormData([("contactEmail", record.official.contactEmail ?? "")])
        return """
            <h3>Contact email</h3>
            \(FormParts.postForm(context, to: CampaignPaths.officialContact(record.official.id), novalidate: true))
            \(FieldSet(values: shown, errors: fields.errors).text("contactEmail", label: "Contact email of \(record.official.name)", type: "email", hint: "Reviews are mailed here. Only the organizers of \(record.group.name) see it; empty removes it."))
            <button type="submit" class="secondary">Save the contact email</button></form>
            """
    }

    private static func open(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let groups = record.reviewers
        let choice: HTML =
            groups.count == 1
            ? FormParts.hidden("group", groups[0].slug)
            : fields.select("group", label: "Group opening the review", options: groups.map { ($0.slug, $0.name) })
        return """
            <h3>Open a review</h3>
            <p>\(record.official.name) is mailed the questions with a link to answer in writing by the day you give \
            (no account needed). Once they answer, or after that day, put the outcome to your members' vote. The \
            review is public when the official's record is.</p>
            \(FormParts.postForm(context, to: CampaignPaths.reviews(record.official.id), novalidate: true))
            \(choice)
            \(fields.textarea("questions", label: "Questions (required)", rows: 6, hint: "Markdown. Sent as written and published with the review."))
            \(fields.text("replyBy", label: "Answer by", type: "date", required: true, hint: "Today or later; they may answer until the end of that day (UTC)."))
            <button type="submit">Open the review and mail \(record.official.name)</button></form>
            """
    }

    /// A review's record: public wherever the official is.
    static func page(
        _ context: AppContext,
        _ record: OfficialRecord,
        _ review: OfficialReview,
        fields: FieldSet = FieldSet()
    )
        -> HTML
    {
        let official = record.official
        let title = "Accountability review of \(official.name)"
        let answer: HTML =
            review.answerHtml.map { "<div class=\"prose\">\(HTML(raw: $0))</div>" }
            ?? (record.today <= review.replyBy
                ? "<p class=\"empty\">No answer yet; they may answer until the end of \(review.replyBy).</p>"
                : "<p class=\"empty\">No answer by \(review.replyBy).</p>")
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Opened by \(review.group.link) on \(OfficialQueries.day(review.openedAt)); answer asked by \
                \(review.replyBy). <a href="\(CampaignPaths.official(official.id))">\(official.name)</a>, \
                \(official.office), \(official.jurisdiction).</p>
                <section aria-labelledby="questions"><h2 id="questions">Questions</h2>
                <div class="prose">\(HTML(raw: review.questionsHtml))</div></section>
                <section aria-labelledby="answer"><h2 id="answer">Answer</h2>\(answer)</section>
                <section aria-labelledby="decision"><h2 id="decision">The members' decision</h2>
                \(decision(context, record, review, fields: fields))</section>
                """
        )
    }

    private static func decision(
        _ context: AppContext,
        _ record: OfficialRecord,
        _ review: OfficialReview,
        fields: FieldSet
    ) -> HTML {
        if let decision = review.decisionId {
            let link: HTML = "<a href=\"\(DecisionPaths.decision(decision))\">the members' vote</a>"
            return review.outcome.map { "<p>Decided by \(link): <strong>\($0)</strong>.</p>" }
                ?? "<p>Put to \(link); the outcome is shown here once it closes.</p>"
        }
        guard review.organizes, review.ready(on: record.today) else {
            return "<p class=\"empty\">Not put to the vote yet.</p>"
        }
        return """
            <p class="empty">Not put to the vote yet.</p>
            \(fields.summary)
            \(FormParts.postForm(context, to: CampaignPaths.reviewVote(record.official.id, review.id), novalidate: true))
            <p>The members of \(review.name) choose one of: \(Reviews.outcomes.joined(separator: ", ")).</p>
            \(fields.text("closesAt", label: "Voting closes (UTC)", type: "datetime-local", required: true))
            <button type="submit">Put the outcome to the vote</button></form>
            """
    }

    /// The official's page from the mailed link: the questions, and the form while they may answer.
    static func reply(
        _ context: AppContext,
        token: String,
        review: OfficialReview,
        official: String,
        today: String,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let form: HTML =
            if let answer = review.answerHtml {
                "<h2>Your answer</h2><div class=\"prose\">\(HTML(raw: answer))</div><p>It is stored and published; it cannot be changed.</p>"
            } else if today > review.replyBy {
                "<p class=\"empty\">The day to answer by, \(review.replyBy), has passed.</p>"
            } else {
                """
                \(fields.summary)
                \(FormParts.postForm(context, to: CampaignPaths.reviewReply(token), novalidate: true))
                \(fields.textarea("answer", label: "Your answer (required)", rows: 12, hint: "Markdown. Stored once and published with the questions: it cannot be changed afterwards."))
                <button type="submit">Send the answer</button></form>
                """
            }
        return Layout.page(
            title: "Questions from \(review.name)",
            context: context,
            main: """
                <h1>Questions from \(review.name) for \(official)</h1>
                <p>Answer in writing by the end of \(review.replyBy) (UTC).</p>
                <div class="prose">\(HTML(raw: review.questionsHtml))</div>
                \(form)
                """
        )
    }
}
