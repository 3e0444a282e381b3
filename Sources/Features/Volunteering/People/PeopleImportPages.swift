import FreshgroundCore
import FreshgroundWeb
import Groups

/// The organizers' page for bringing people in from another tool's CSV (with a dry run listing every refused row
/// by line) and taking the member list out.
enum PeopleImportPages {
    static func page(
        _ context: AppContext,
        group: Group,
        fields: FieldSet = FieldSet(),
        report: PeopleImports.Report? = nil
    ) -> HTML {
        let presets = PeopleImport.Preset.allCases.map { (value: $0.rawValue, label: $0.label) }
        let dedupes = PeopleImport.Dedupe.allCases.map { (value: $0.rawValue, label: $0.label) }
        let columns = PeopleImport.Preset.allCases.map { preset -> HTML in
            "<li>\(preset.label): \(preset.columnsRead.map { "“\($0)”" }.joined(separator: ", "))</li>"
        }
        let fileError: HTML = .when(fields.errors["file"] != nil) {
            "<p class=\"error\" id=\"file-error\">\(fields.errors["file"] ?? "")</p>"
        }
        return Layout.page(
            title: "People in and out of \(group.name)",
            context: context,
            main: """
                <h1>People in and out of \(group.name)</h1>
                \(report.map(section) ?? .empty)
                <h2>Bring people in</h2>
                <p>Each person the file brings in gets <strong>an invitation link by email</strong>, valid once for \
                \(PeopleImports.inviteDays) days. Nobody joins and no account is made until they open their link \
                themselves. The links appear with the group's other invitations on its members page, where you can \
                revoke them.</p>
                <p>Every row needs a <strong>consent column</strong> saying yes (“yes”, “subscribed”, “true”…): \
                people who did not agree to hear from the group are refused. Check first: a dry run lists every \
                refused row by its line in the file and who would be invited, and changes nothing.</p>
                <p>Columns read:</p><ul>\(columns)</ul>
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.importPeople(group.slug), attributes: " enctype=\"multipart/form-data\""))
                \(fields.select("preset", label: "Where the file comes from", options: presets, selected: PeopleImport.Preset.actionNetwork.rawValue))
                \(fields.text("consent_column", label: "Consent column", hint: "Leave empty for the usual column of the source: can2_subscription_status (Action Network), Consent (CiviCRM), consent (Freshground)."))
                \(fields.select("dedupe", label: "The same person is", options: dedupes, selected: PeopleImport.Dedupe.email.rawValue))
                <div class="field"><label for="file">A CSV file</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv"\(HTML.when(fields.errors["file"] != nil) { " aria-invalid=\"true\" aria-describedby=\"file-error\"" })>
                \(fileError)</div>
                \(fields.textarea("text", label: "Or the CSV text", rows: 8, hint: "A dry run puts the file's text here, so the import can follow without choosing the file again."))
                <button type="submit" name="mode" value="dry">Check (dry run)</button>
                <button type="submit" name="mode" value="run">Import and send the invitations</button>
                </form>
                <h2>Take the member list out</h2>
                <p><a href="\(VolunteerPaths.exportPeople(group.slug))" download>Download the members as CSV</a>: \
                handle, name, role, join day and pledge, as the members page shows them, without email addresses. \
                Each member can see that their row was exported. The file reads back with the “Freshground” \
                choice above, once its consent column is filled in.</p>
                <p><a href="\(GroupPaths.members(group.slug))">The members page</a></p>
                """
        )
    }

    private static func section(_ report: PeopleImports.Report) -> HTML {
        let verb = report.dryRun ? "would be invited" : "invited"
        let heading = report.dryRun ? "Dry run: nothing was changed" : "Imported"
        let invited = report.invited.map { person -> HTML in
            "<tr><td>\(person.line)</td><td>\(person.name)</td><td>\(person.shown)</td></tr>"
        }
        let refused = report.refused.map { refusal -> HTML in
            "<tr><td>\(refusal.line)</td><td>\(refusal.reason)</td></tr>"
        }
        let lines: ([Int]) -> String = { $0.map(String.init).joined(separator: ", ") }
        let refusedTable: HTML =
            report.refused.isEmpty
            ? "<p class=\"empty\">No row was refused.</p>"
            : """
            <div class="table-wrap"><table id="refused"><thead><tr><th scope="col">Line</th>\
            <th scope="col">Why</th></tr></thead><tbody>\(refused)</tbody></table></div>
            """
        let invitedTable: HTML =
            report.invited.isEmpty
            ? "<p class=\"empty\">Nobody \(verb).</p>"
            : """
            <div class="table-wrap"><table id="invited"><thead><tr><th scope="col">Line</th>\
            <th scope="col">Name</th><th scope="col">Email or handle</th></tr></thead><tbody>\(invited)</tbody>\
            </table></div>
            """
        return """
            <section class="report" aria-labelledby="report-heading">
            <h2 id="report-heading">\(heading)</h2>
            <p>\(report.invited.count) \(report.invited.count == 1 ? "person" : "people") \(verb); \
            \(report.refused.count) \(report.refused.count == 1 ? "row" : "rows") refused; \
            \(report.members.count) already in the group; \(report.earlier.count) invited by an earlier import.</p>
            <h3>Refused rows</h3>
            \(refusedTable)
            <h3>People \(verb)</h3>
            \(invitedTable)
            \(HTML.when(!report.members.isEmpty) { "<p>Already in the group (lines \(lines(report.members))).</p>" })
            \(HTML.when(!report.earlier.isEmpty) { "<p>Invited by an earlier import (lines \(lines(report.earlier))).</p>" })
            </section>
            """
    }
}
