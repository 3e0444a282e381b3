import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A campaign's inquiries, an inquiry with its answer (or record) form, and its results.
enum InquiryPages {
    /// Where the viewer stands with an open inquiry.
    enum State { case open, answered, notTakingPart }

    /// What the viewer may do with the inquiry besides answering.
    struct Powers {
        var close = false
        var draft = false
    }

    static let anonymity =
        "Answers are stored without your name and without a time; only that you took part, and on which day, is kept, so you answer once."
    static let recordNote =
        "Fill this in after each conversation: for each question, the theme the answer was mostly about and how strongly it was felt. Write down no names and nothing in words; the record is stored without your name."

    static func list(
        _ context: AppContext,
        _ campaign: Campaign,
        inquiries: [Inquiries.Inquiry],
        groups: [GroupRef],
        fields: FieldSet,
        now: Date
    ) -> HTML {
        let items = inquiries.map {
            """
            <li><a href="\(InquiryPaths.inquiry($0.id))">\($0.title)</a> · \($0.kind.label) · \
            \($0.isClosed(at: now) ? "closed \($0.closingDay)" : "open to the end of \($0.closingDay) (UTC)")</li>
            """ as HTML
        }
        let list: HTML =
            items.isEmpty
            ? "<p class=\"empty\">No inquiry has been started in this campaign yet.</p>" : "<ul>\(items)</ul>"
        let hints = InquiryMethod.allCases.map { "\($0.label): \($0.topicsHint)" }.joined(separator: "; ")
        let form: HTML = .when(!groups.isEmpty) {
            """
            <section aria-labelledby="start"><h2 id="start">Start an inquiry</h2>
            \(fields.summary)
            \(FormParts.postForm(context, to: InquiryPaths.inquiries(campaign.id), novalidate: true))
            \(fields.text("title", label: "Title", required: true))
            \(fields.select("method", label: "Method", options: InquiryMethod.allCases.map { ($0.rawValue, $0.label) }))
            \(fields.textarea("topics", label: "Topics or questions, one a line", rows: 5, hint: "\(hints)."))
            \(fields.text("closesOn", label: "Last day answers are taken (UTC)", type: "date", required: true, hint: "Results are shown only after this day ends, or when your group’s organizers close the inquiry early."))
            \(fields.select("group", label: "Run by your group", options: groups.map { ($0.slug, $0.name) }))
            <p>\(anonymity)</p>
            <button type="submit">Start the inquiry</button></form></section>
            """
        }
        return Layout.page(
            title: "Inquiries of \(campaign.title)",
            context: context,
            main: """
                <h1>Workers’ inquiries of “\(campaign.title)”</h1>
                \(list)
                \(form)
                <p><a href="\(CampaignPaths.campaign(campaign.id))">Back to the campaign</a></p>
                """
        )
    }

    static func inquiry(
        _ context: AppContext,
        _ inquiry: Inquiries.Inquiry,
        _ campaign: Campaign,
        state: State,
        results: Inquiries.Results,
        powers: Powers,
        fields: FieldSet
    ) -> HTML {
        let interview = inquiry.kind.recordsConversations
        let guide: HTML = .when(interview) {
            "<p><a href=\"\(InquiryPaths.guide(inquiry.id))\">The interview guide, to print</a></p>"
        }
        let note = interview ? recordNote : anonymity
        let send = interview ? "Record the conversation" : "Send my answers"
        let body: HTML =
            if results.closed {
                """
                <p>This inquiry closed at the end of \(inquiry.closingDay) (UTC); answers are no longer taken.</p>
                """
            } else {
                switch state {
                case .answered: "<p>You have answered this inquiry. Thank you.</p>"
                case .notTakingPart:
                    "<p>Only members of the groups taking part in the campaign answer this inquiry.</p>"
                case .open:
                    """
                    \(guide)
                    <p>\(note)</p>
                    \(FormParts.postForm(context, to: InquiryPaths.answer(inquiry.id), novalidate: true))
                    \(inquiry.questions.enumerated().map { question($0.offset, $0.element, fields) })
                    <button type="submit">\(send)</button></form>
                    """
                }
            }
        return Layout.page(
            title: inquiry.title,
            context: context,
            main: """
                <h1>\(inquiry.title)</h1>
                <p class="meta">\(inquiry.kind.label) · run by \(inquiry.group.link) · an inquiry of \
                <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                \(progress(inquiry, results))
                \(fields.summary)
                \(body)
                \(actions(context, inquiry, results: results, powers: powers))
                """
        )
    }

    /// How many took part, and when results appear.
    static func progress(_ inquiry: Inquiries.Inquiry, _ results: Inquiries.Results) -> HTML {
        let taken =
            inquiry.kind.recordsConversations
            ? "\(results.takenPart) conversation\(results.takenPart == 1 ? "" : "s") recorded"
            : "\(results.takenPart) \(results.takenPart == 1 ? "person has" : "people have") taken part"
        if results.closed {
            return "<p>\(taken). <a href=\"\(InquiryPaths.results(inquiry.id))\">The results</a></p>"
        }
        return """
            <p>\(taken) so far. Results are shown after the close, at the end of \(inquiry.closingDay) (UTC), \
            if at least \(SmallCells.threshold) have answered; nothing is shown before, so no answer can be read off \
            the counts.</p>
            """
    }

    private static func actions(
        _ context: AppContext,
        _ inquiry: Inquiries.Inquiry,
        results: Inquiries.Results,
        powers: Powers
    ) -> HTML {
        let close: HTML = .when(powers.close && !results.closed) {
            "<p><a href=\"\(InquiryPaths.close(inquiry.id))\">Close the inquiry now</a></p>"
        }
        let draft: HTML = .when(powers.draft && results.closed) {
            """
            \(FormParts.postForm(context, to: InquiryPaths.report(inquiry.id)))
            <button type="submit">Draft a report from below</button></form>
            """
        }
        return "\(close)\(draft)"
    }

    private static func question(_ position: Int, _ question: InquiryQuestion, _ fields: FieldSet) -> HTML {
        let name = "q\(position)"
        if question.number {
            return fields.text(name, label: question.prompt, type: "number", required: true)
        }
        let chosen = fields.values.raw(name)
        let error: HTML =
            fields.errors[name].map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" } ?? .empty
        let radios = question.choices.enumerated().map { index, choice in
            """
            <label><input type="radio" name="\(name)" value="\(index)"\(chosen == String(index) ? " checked" : "")> \
            \(choice)</label>
            """ as HTML
        }
        return """
            <fieldset class="field"><legend>\(question.prompt)</legend>\(radios)\(error)</fieldset>
            """
    }

    static func results(
        _ context: AppContext,
        _ inquiry: Inquiries.Inquiry,
        _ campaign: Campaign,
        results: Inquiries.Results,
        powers: Powers
    ) -> HTML {
        let shown: HTML =
            if !results.closed {
                progress(inquiry, results)
            } else if let tables = results.tables {
                sections(
                    inquiry.questions,
                    tables,
                    counted: inquiry.kind.recordsConversations ? "Conversations" : "People"
                )
            } else {
                """
                <p class="empty">Fewer than \(SmallCells.threshold) answered before the close: nothing is shown, so \
                no answer can be traced to anyone.</p>
                """
            }
        return Layout.page(
            title: "Results: \(inquiry.title)",
            context: context,
            main: """
                <h1>Results: “\(inquiry.title)”</h1>
                <p>Counts under \(SmallCells.threshold) are shown as “fewer than \(SmallCells.threshold)”, and so is \
                one more when a single hidden count could be worked out from the total.</p>
                \(shown)
                \(actions(context, inquiry, results: results, powers: powers))
                <p><a href="\(InquiryPaths.inquiry(inquiry.id))">Back to the inquiry</a> · \
                <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                """
        )
    }

    private static func sections(_ questions: [InquiryQuestion], _ tables: [SmallCells.Table], counted: String) -> HTML
    {
        let parts = zip(questions, tables).map { question, table in
            let rows = zip(question.choices, table.cells).map { choice, cell in
                "<tr><th scope=\"row\">\(choice)</th><td>\(cell.map(String.init) ?? "fewer than \(SmallCells.threshold)")</td></tr>"
                    as HTML
            }
            return """
                <section><h2>\(question.prompt)</h2><div class="table-wrap"><table><thead><tr><th scope="col">Answer</th>\
                <th scope="col">\(counted)</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
                """ as HTML
        }
        return "\(parts)"
    }
}
