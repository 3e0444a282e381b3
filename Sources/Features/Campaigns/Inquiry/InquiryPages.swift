import FreshgroundCore
import FreshgroundWeb
import Groups

/// A campaign's inquiries, an inquiry's answer form, and its results.
enum InquiryPages {
    enum State { case open, answered, closed }

    static let anonymity =
        "Answers are stored without your name and without a time; only that you took part, and on which day, is kept, so you answer once."

    static func list(
        _ context: AppContext,
        _ campaign: Campaign,
        inquiries: [Inquiries.Inquiry],
        groups: [GroupRef],
        fields: FieldSet
    ) -> HTML {
        let items = inquiries.map {
            "<li><a href=\"\(InquiryPaths.inquiry($0.id))\">\($0.title)</a> · \($0.kind.label)</li>" as HTML
        }
        let list: HTML =
            items.isEmpty
            ? "<p class=\"empty\">No inquiry has been started in this campaign yet.</p>" : "<ul>\(items)</ul>"
        let form: HTML = .when(!groups.isEmpty) {
            """
            <section aria-labelledby="start"><h2 id="start">Start an inquiry</h2>
            \(fields.summary)
            \(FormParts.postForm(context, to: InquiryPaths.inquiries(campaign.id), novalidate: true))
            \(fields.text("title", label: "Title", required: true))
            \(fields.select("method", label: "Method", options: InquiryMethod.allCases.map { ($0.rawValue, $0.label) }))
            \(fields.textarea("topics", label: "Topics (trend survey)", rows: 5, hint: "One a line: each is asked as better, the same or worse."))
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
        fields: FieldSet
    ) -> HTML {
        let body: HTML =
            switch state {
            case .answered: "<p>You have answered this inquiry. Thank you.</p>"
            case .closed: "<p>Only members of the groups taking part in the campaign answer this inquiry.</p>"
            case .open:
                """
                <p>\(anonymity)</p>
                \(FormParts.postForm(context, to: InquiryPaths.answer(inquiry.id), novalidate: true))
                \(inquiry.questions.enumerated().map { question($0.offset, $0.element, fields) })
                <button type="submit">Send my answers</button></form>
                """
            }
        return Layout.page(
            title: inquiry.title,
            context: context,
            main: """
                <h1>\(inquiry.title)</h1>
                <p class="meta">\(inquiry.kind.label) · an inquiry of <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                \(fields.summary)
                \(body)
                <p><a href="\(InquiryPaths.results(inquiry.id))">The results so far</a></p>
                """
        )
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
        tables: [SmallCells.Table]
    ) -> HTML {
        let questions = inquiry.questions
        let shown: HTML =
            if tables.allSatisfy({ $0.total == nil }) {
                """
                <p class="empty">Fewer than \(SmallCells.threshold) people have answered: nothing is shown until \
                then, so no answer can be traced to anyone.</p>
                """
            } else {
                sections(questions, tables)
            }
        return Layout.page(
            title: "Results: \(inquiry.title)",
            context: context,
            main: """
                <h1>Results: “\(inquiry.title)”</h1>
                <p>Counts under \(SmallCells.threshold) are shown as “fewer than \(SmallCells.threshold)”, and so is \
                one more when a single hidden count could be worked out from the total.</p>
                \(shown)
                <p><a href="\(InquiryPaths.inquiry(inquiry.id))">Back to the inquiry</a> · \
                <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></p>
                """
        )
    }

    private static func sections(_ questions: [InquiryQuestion], _ tables: [SmallCells.Table]) -> HTML {
        let parts = zip(questions, tables).map { question, table in
            let rows = zip(question.choices, table.cells).map { choice, cell in
                "<tr><th scope=\"row\">\(choice)</th><td>\(cell.map(String.init) ?? "fewer than \(SmallCells.threshold)")</td></tr>"
                    as HTML
            }
            return """
                <section><h2>\(question.prompt)</h2><div class="table-wrap"><table><thead><tr><th scope="col">Answer</th>\
                <th scope="col">People</th></tr></thead><tbody>\(rows)</tbody></table></div></section>
                """ as HTML
        }
        return "\(parts)"
    }
}
