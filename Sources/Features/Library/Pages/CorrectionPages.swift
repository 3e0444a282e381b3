import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Correcting a published piece, and the public history of its corrections.
enum CorrectionPages {
    static func form(_ context: AppContext, _ piece: Publication, fields: FieldSet) -> HTML {
        let report: HTML = .when(piece.kind == .report) {
            """
            <fieldset><legend>The report's questions</legend>
            \(fields.textarea("happening", label: "What is happening", rows: 5))
            \(fields.textarea("doing", label: "What people are doing about it", rows: 4))
            \(fields.textarea("worked", label: "What worked", rows: 3))
            \(fields.textarea("needs", label: "What they need", rows: 3))
            </fieldset>
            """
        }
        return Layout.page(
            title: "Correct “\(piece.title)”",
            context: context,
            main: """
                <h1>Correct “\(piece.title)”</h1>
                <p>The piece is published, so it is corrected rather than edited: the new text replaces the old at \
                once, and the earlier text and your note are kept in its \
                <a href="\(LibraryPaths.corrections(piece.id))">public history of corrections</a>.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: LibraryPaths.correct(piece.id), novalidate: true))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("summary", label: "Summary", rows: 3))
                \(fields.textarea("body", label: "Text", rows: 14, hint: "Markdown: **bold**, *italic*, [links](https://…), lists and quotes."))
                \(report)
                \(fields.textarea("note", label: "What was corrected (required; shown in the public history)", rows: 3))
                <button type="submit">Publish the correction</button>
                </form>
                <p><a href="\(LibraryPaths.publication(piece.id))">Back to the piece</a></p>
                """
        )
    }

    static func history(_ context: AppContext, _ piece: Publication, _ corrections: [Correction]) -> HTML {
        let items = corrections.map { correction -> HTML in
            let who: HTML =
                correction.byEditor ? "by an editor of \(piece.journal.name)" : "by the author"
            return """
                <li class="correction" id="correction-\(correction.id)">
                <h2>Corrected \(LibraryParts.time(correction.createdAt)) \(who)</h2>
                <blockquote class="correction-note">\(correction.note)</blockquote>
                \(change("Title", correction.titleBefore, correction.titleAfter, markdown: false))
                \(change("Summary", correction.summaryBefore, correction.summaryAfter, markdown: false))
                \(change("Text", correction.bodyBefore, correction.bodyAfter, markdown: true))
                </li>
                """
        }
        return Layout.page(
            title: "Corrections: \(piece.title)",
            context: context,
            main: """
                <p><a href="\(LibraryPaths.publication(piece.id))">\(piece.title)</a></p>
                <h1>Corrections</h1>
                <p>Every correction made after the piece was published, newest first, with the text before and after.</p>
                \(corrections.isEmpty ? "<p class=\"empty\">This piece has not been corrected.</p>" : "<ol class=\"history corrections\">\(items)</ol>" as HTML)
                """
        )
    }

    /// One field's text before and after, when the correction changed it.
    private static func change(_ label: String, _ before: String, _ after: String, markdown: Bool) -> HTML {
        guard before != after else { return .empty }
        func shown(_ text: String) -> HTML {
            if text.trimmingWhitespace().isEmpty { return "<p><em>(empty)</em></p>" }
            return markdown ? HTML.markdown(text) : "<p>\(text)</p>"
        }
        return """
            <div class="correction-change"><h3>\(label)</h3>
            <div class="before"><h4>Before</h4>\(shown(before))</div>
            <div class="after"><h4>After</h4>\(shown(after))</div></div>
            """
    }
}
