import FreshgroundCore
import FreshgroundWeb

/// Counting a ballot file on the site, as election officers do with a desktop counter: paste a BLT file (from paper
/// ballots entered by hand, or another tool), choose the rule, and read the stage table and chart. Nothing is kept.
enum CountFilePage {
    static let rules: [(value: String, label: String)] = [
        ("scottish-stv", "Scottish STV"), ("meek", "Meek STV"), ("irv", "Instant runoff (one seat)"),
        ("schulze", "Schulze ranking"),
    ]
    /// The largest file taken, in characters.
    static let maxLength = 2_000_000

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
                \(fields.textarea("blt", label: "Ballot file (BLT)", rows: 12, hint: "Up to \(maxLength.formatted()) characters."))
                \(fields.select("rule", label: "Counting rule", options: rules))
                \(fields.text("seats", label: "Seats", type: "number", hint: "Leave empty to use the file's."))
                <button type="submit">Count</button>
                </form>
                \(result)
                """
        )
    }

    /// Counts the posted file; a refusal names the field at fault (the line of the file that could not be read).
    static func count(_ form: FormData) throws -> HTML {
        let text = form.raw("blt")
        guard !text.trimmingWhitespace().isEmpty else { throw AppError.validation(["blt": "Paste a ballot file."]) }
        guard text.count <= maxLength else {
            throw AppError.validation(["blt": "Keep the file under \(maxLength.formatted()) characters."])
        }
        let file: BallotFile
        do {
            file = try BallotFile.parse(blt: text)
        } catch {
            throw AppError.validation(["blt": "Line \(error.line): \(error.message)"])
        }
        var seats = file.seats
        if !form["seats"].isEmpty {
            guard let given = Int(form["seats"]), (1..<max(2, file.candidates.count)).contains(given) else {
                throw AppError.validation(["seats": "Give fewer seats than there are candidates."])
            }
            seats = given
        }
        let lot = LotReplay(draws: [])
        let result: HTML
        switch form["rule"] {
        case "schulze":
            let ranking = Schulze.rank(file, lot: lot.choose)
            let order = ranking.order.map { "<li>\(file.candidates[$0])</li>" as HTML }.joined()
            result = "<h3>The Schulze ranking</h3><ol>\(order)</ol>"
        case "meek": result = StageTable.section(MeekSTV.count(file, seats: seats, lot: lot.choose))
        case "irv": result = StageTable.section(ScottishSTV.irv(file, lot: lot.choose))
        default: result = StageTable.section(ScottishSTV.count(file, seats: seats, lot: lot.choose))
        }
        let drawn: HTML = .when(!lot.drawn.isEmpty) {
            "<p>Ties no rule could break were settled by lot, drawn at random now: \(lot.drawn.map { file.candidates[$0] }.joined(separator: ", ")).</p>"
        }
        return """
            <section aria-labelledby="count-title"><h2 id="count-title">\(file.title.isEmpty ? "The count" : file.title)</h2>
            \(result)\(drawn)</section>
            """
    }
}
