import FreshgroundWeb
import Groups

/// The form to write or edit a piece. Every kind shares it; the fields of the other kinds are labelled as
/// such, so it works without script.
enum PublicationFormPage {
    /// The file field, with its error tied to it like the other fields'.
    private static func upload(_ fields: FieldSet) -> HTML {
        let error = fields.errors["media"]
        return """
            <div class="field"><label for="media">Or upload a file (audio or video, up to \(MediaStore.maxMegabytes) MB)</label>
            <input id="media" name="media" type="file" accept="audio/*,video/*"\(HTML.when(error != nil) {
                " aria-describedby=\"media-error\" aria-invalid=\"true\""
            })>
            \(error.map { message -> HTML in "<p class=\"field-error\" id=\"media-error\">\(message)</p>" })</div>
            """
    }

    /// `journals` are the groups whose journal the person may submit to, suggested by name.
    static func page(_ context: AppContext, fields: FieldSet, journals: NamedChoices, editing id: Int? = nil) -> HTML {
        let action = id.map { LibraryPaths.publication($0) } ?? LibraryPaths.library()
        let heading = id == nil ? "Write for a journal" : "Edit the piece"
        let report = ReportDetails.PlaceKind.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        return Layout.page(
            title: heading,
            context: context,
            main: """
                <h1>\(heading)</h1>
                <p>Any group's journal takes submissions, not only your own group's. The piece stays a draft, visible \
                only to you, until you submit it; then the journal's editors review it.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: action, novalidate: true, attributes: " enctype=\"multipart/form-data\""))
                \(fields.select("kind", label: "Kind", options: LibraryParts.kindOptions.filter { $0.value != PublicationKind.sessionReport.rawValue }))
                \(fields.named("journal", label: "Journal (any group's journal takes submissions)", choices: journals, required: true, hint: "The group's name; the field suggests groups as you type."))
                \(fields.text("title", label: "Title", required: true))
                \(fields.text("byline", label: "Signed by", hint: "Names separated by commas. Leave empty to sign with your name."))
                \(fields.checkbox("pseudonym", label: "These are pseudonyms: do not link the piece to my account", checked: fields.values["kind"] == "report"))
                \(fields.textarea("summary", label: "Summary", rows: 3))
                \(fields.textarea("body", label: "Text (for a link: why it matters)", rows: 14, hint: "Markdown: **bold**, *italic*, [links](https://…), lists and quotes."))
                \(fields.text("tags", label: "Tags", hint: "Separated by commas, for example: housing, rent strike"))
                <fieldset><legend>For a link</legend>
                \(fields.text("linkURL", label: "Address of the article", type: "url"))
                \(fields.text("linkSource", label: "Source (the paper or site)"))
                </fieldset>
                <fieldset><legend>For a recording</legend>
                \(fields.text("mediaURL", label: "Address of the audio or video", type: "url"))
                \(upload(fields))
                </fieldset>
                <fieldset><legend>For a report from below</legend>
                \(fields.select("placeKind", label: "Where", options: report))
                \(fields.text("sector", label: "Sector (for example: logistics, schools, care)"))
                \(fields.text("city", label: "City"))
                \(fields.text("placeName", label: "The workplace, school or community"))
                \(fields.checkbox("hidePlace", label: "Hide the exact place: only the editors see it", checked: true))
                \(fields.textarea("happening", label: "What is happening", rows: 5))
                \(fields.textarea("doing", label: "What people are doing about it", rows: 4))
                \(fields.textarea("worked", label: "What worked", rows: 3))
                \(fields.textarea("needs", label: "What they need", rows: 3))
                </fieldset>
                <input type="hidden" name="_submitted" value="1">
                <button type="submit">Save the draft</button>
                </form>
                """
        )
    }
}
