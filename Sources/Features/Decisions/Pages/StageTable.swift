import FreshgroundCore
import FreshgroundWeb

/// The stage-by-stage table of a ranked count (votes to 5 decimals, each stage's transfers, non-transferable votes
/// and the loss from fractions) and a chart of the final stage against the quota. The table is the chart's text.
enum StageTable {
    static func section(_ count: CountResult) -> HTML {
        let names = count.candidates
        let head = count.stages.enumerated().map { index, stage -> HTML in
            "<th scope=\"col\">Stage \(index + 1)<br><span class=\"hint\">\(action(stage.action, names))</span></th>"
        }.joined()
        let rows = names.indices.map { candidate -> HTML in
            let cells = count.stages.map { stage -> HTML in
                let transfer = stage.transfers[candidate]
                let change: HTML = .when(transfer != 0 && stage.action != .firstPreferences) {
                    "<br><span class=\"hint\">\(transfer > 0 ? "+" : "")\(formatVotes(transfer))</span>"
                }
                let elected: HTML = .when(stage.elected.contains(candidate)) { " <strong>elected</strong>" }
                return "<td>\(formatVotes(stage.votes[candidate]))\(change)\(elected)</td>"
            }.joined()
            return "<tr><th scope=\"row\">\(names[candidate])</th>\(cells)</tr>"
        }.joined()
        let nonTransferable = count.stages.map { "<td>\(formatVotes($0.nonTransferable))</td>" as HTML }.joined()
        let loss = count.stages.map { "<td>\(formatVotes($0.lossFromFractions))</td>" as HTML }.joined()
        return """
            <h3 id="stages-title">The count, stage by stage</h3>
            <p>Valid votes \(formatVotes(count.valid)); quota \(formatVotes(count.quota)); \
            \(count.seats) seat\(count.seats == 1 ? "" : "s").</p>
            <div class="table-scroll" role="region" aria-labelledby="stages-title" tabindex="0"><table class="stages"><thead><tr><th scope="col">Candidate</th>\(head)</tr></thead>
            <tbody>\(rows)<tr><th scope="row">Non-transferable</th>\(nonTransferable)</tr>
            <tr><th scope="row">Loss from fractions</th>\(loss)</tr></tbody></table></div>
            \(chart(count))
            """
    }

    static func action(_ action: CountResult.Action, _ names: [String]) -> String {
        switch action {
        case .firstPreferences: "First preferences"
        case .surplus(let candidate): "Surplus of \(names[candidate])"
        case .exclusion(let candidate): "Exclusion of \(names[candidate])"
        case .iteration(let iterations, let quota):
            "Surpluses shared (\(iterations) round\(iterations == 1 ? "" : "s")); quota \(formatVotes(quota))"
        }
    }

    /// Horizontal bars of each candidate's votes at the last stage, with the quota marked; drawn in the page's own
    /// SVG, so nothing is fetched from elsewhere.
    static func chart(_ count: CountResult) -> HTML {
        guard let last = count.stages.last, !count.candidates.isEmpty else { return .empty }
        let width = 600
        let barHeight = 24
        let labelWidth = 160
        let top = max(count.quota, last.votes.max() ?? 0, 1)
        let scale = { (votes: Votes) -> Int in votes * (width - labelWidth - 10) / top }
        let bars = count.candidates.indices.map { index -> HTML in
            let y = index * (barHeight + 6)
            let elected = count.elected.contains(index)
            return """
                <text x="0" y="\(y + 17)" font-size="14">\(count.candidates[index])</text>\
                <rect x="\(labelWidth)" y="\(y)" width="\(scale(last.votes[index]))" height="\(barHeight)" \
                class="\(elected ? "bar-elected" : "bar")"></rect>
                """
        }.joined()
        let height = count.candidates.count * (barHeight + 6)
        let quotaX = labelWidth + scale(count.quota)
        return """
            <figure><svg role="img" aria-labelledby="chart-title" viewBox="0 0 \(width) \(height + 20)" width="100%" \
            preserveAspectRatio="xMinYMin meet"><title id="chart-title">Votes at the last stage against the quota \
            (\(formatVotes(count.quota))); the table above gives the same numbers.</title>\(bars)\
            <line x1="\(quotaX)" y1="0" x2="\(quotaX)" y2="\(height)" class="quota"></line>\
            <text x="\(quotaX + 4)" y="\(height + 16)" font-size="12">quota</text></svg>
            <figcaption>Votes at the last stage; the line is the quota.</figcaption></figure>
            """
    }
}
