import FreshgroundCore
import FreshgroundWeb

/// Counting a ballot file on the site, as election officers do with a desktop counter: paste a BLT file (from paper
/// ballots entered by hand, or another tool), choose the rule, and read the stage table and chart. Nothing is kept.
enum CountFilePage {
    static func page(_ context: AppContext, fields: FieldSet, result: HTML = .empty) -> HTML {
        Layout.page(
            title: "Count a ballot file",
            context: context,
            main: """
                <h1>Count a ballot file</h1>
                <p>Paste a ballot file in the BLT format (the first line gives the number of candidates and seats, \
                then one line per ballot ending in 0, a 0 line, the candidates' names in quotes and the title). It \
                is counted here and kept nowhere.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: DecisionPaths.countFile(), novalidate: true))
                \(fields.textarea("blt", label: "Ballot file (BLT)", rows: 12, hint: "Up to \(CountFile.maxLength.formatted()) characters."))
                \(fields.select("rule", label: "Counting rule", options: CountFile.rules))
                \(fields.text("seats", label: "Seats", type: "number", hint: "Leave empty to use the file's."))
                <button type="submit">Count</button>
                </form>
                \(result)
                """
        )
    }

    /// Counts the posted file; a refusal names the field at fault (the line of the file that could not be read).
    static func count(_ form: FormData) throws -> HTML {
        var seats: Int?
        if !form["seats"].isEmpty {
            guard let given = Int(form["seats"]) else {
                throw AppError.validation(["seats": "Give fewer seats than there are candidates."])
            }
            seats = given
        }
        let counted = try CountFile(blt: form.raw("blt"), rule: form["rule"], seats: seats)
        let names = counted.file.candidates
        let result: HTML =
            if let schulze = counted.schulze {
                "<h3>The Schulze ranking</h3><ol>\(schulze.order.map { "<li>\(names[$0])</li>" as HTML }.joined())</ol>"
            } else if let count = counted.count {
                StageTable.section(count)
            } else {
                .empty
            }
        let drawn: HTML = .when(!counted.drawn.isEmpty) {
            "<p>Ties no rule could break were settled by lot, drawn at random now: \(counted.drawn.map { names[$0] }.joined(separator: ", ")).</p>"
        }
        return """
            <section aria-labelledby="count-title"><h2 id="count-title">\(counted.file.title.isEmpty ? "The count" : counted.file.title)</h2>
            \(result)\(drawn)</section>
            """
    }
}
