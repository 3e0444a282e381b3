import FreshgroundWeb

/// The interview guide as a page to print for the interviewer: the open questions with room for notes on paper
/// (never typed in), and how a conversation is recorded afterwards.
enum InquiryGuidePage {
    static func page(_ context: AppContext, _ inquiry: Inquiries.Inquiry, _ campaign: Campaign) -> HTML {
        let questions = inquiry.guide.map {
            "<li><p>\($0)</p></li>" as HTML
        }
        let themes = InquiryMethod.themes.joined(separator: ", ")
        let strengths = InquiryMethod.strengths.joined(separator: ", ").lowercased()
        return Layout.page(
            title: "Interview guide: \(inquiry.title)",
            context: context,
            main: """
                <h1>Interview guide: “\(inquiry.title)”</h1>
                <p class="meta">An inquiry of “\(campaign.title)”, run by \(inquiry.group.link), open to the end of \
                \(inquiry.closingDay) (UTC).</p>
                <h2>Before the conversation</h2>
                <ul><li>Talk one to one, at work or at school, somewhere the person can speak freely.</li>
                <li>Say what the inquiry is for, that nobody’s name is written down, and that they may stop at any \
                time.</li>
                <li>Ask the questions in your own words and let the conversation go where it goes.</li></ul>
                <h2>The questions</h2>
                <ol class="guide">\(questions)</ol>
                <h2>After the conversation</h2>
                <p>On the inquiry’s page, record the conversation: for each question the theme the answer was mostly \
                about (\(themes)) and how strongly it was felt (\(strengths)). Write down no names and nothing in \
                words; then throw your paper notes away.</p>
                <p><a href="\(InquiryPaths.inquiry(inquiry.id))">Back to the inquiry</a></p>
                """
        )
    }

    /// The page that confirms closing the inquiry before its day.
    static func close(_ context: AppContext, _ inquiry: Inquiries.Inquiry, fields: FieldSet) -> HTML {
        ConfirmPage.page(
            context,
            title: "Close “\(inquiry.title)” now?",
            explanation:
                "Answers will no longer be taken, and the results will be shown at once (if at least 5 answered). This cannot be undone.",
            action: InquiryPaths.close(inquiry.id),
            button: "Close the inquiry",
            back: InquiryPaths.inquiry(inquiry.id),
            status: fields.summary
        )
    }
}
