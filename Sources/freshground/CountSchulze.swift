import FreshgroundCore

/// `freshground count --rule schulze`: the ranking, the pairwise counts and the first seats of the order.
extension CountReport {
    func schulzeJSON(_ result: SchulzeResult, seats: Int, valid: Int) -> CountJSON {
        let names = Self.uniqueNames(result.candidates)
        let standing = result.candidates.indices.filter { !withdrawn.contains($0) }
        var pairwise: [String: [String: Int]] = [:]
        for i in standing {
            pairwise[names[i]] = Dictionary(
                uniqueKeysWithValues: standing.filter { $0 != i }.map { (names[$0], result.pairwise[i][$0]) }
            )
        }
        return CountJSON(
            file: file,
            rule: rule.rawValue,
            title: title,
            seats: seats,
            valid: String(valid),
            quota: nil,
            elected: result.winners(seats: seats).map { names[$0] },
            stages: [],
            lots: result.lots.map {
                LotJSON(tier: $0.tier + 1, among: $0.among.map { names[$0] }, chosen: names[$0.chosen])
            },
            ranking: result.ranking.map { $0.map { names[$0] } },
            pairwise: pairwise
        )
    }

    /// The pairwise table (the row's candidate over the column's), the ranking by tiers, the lots, then Elected.
    func schulzeText(_ result: SchulzeResult, seats: Int, valid: Int) -> [String] {
        let names = result.candidates
        let standing = names.indices.filter { !withdrawn.contains($0) }
        var lines = [heading(seats: seats, candidates: standing.count), "Ballots counted \(valid)", ""]
        let short = TextTable.ShortNames(names)
        let columns = standing.map { j in
            TextTable.Column(
                header: [short.headers[j]],
                cells: standing.map { i in i == j ? "-" : String(result.pairwise[i][j]) }
            )
        }
        let table = TextTable(corner: "Ranked above", labels: standing.map { short.labels[$0] }, columns: columns)
        for (index, page) in table.pages(fitting: TextTable.pageWidth).enumerated() {
            if index > 0 { lines.append("") }
            lines += page.lines()
        }
        lines += ["", "Ranking (by strongest paths):"]
        for (index, tier) in result.ranking.enumerated() {
            let tied = tier.count > 1 ? " (tied)" : ""
            lines.append("  \(index + 1). " + tier.map { names[$0] }.joined(separator: ", ") + tied)
        }
        for lot in result.lots {
            lines.append(
                "Lot in tier \(lot.tier + 1), among \(lot.among.map { names[$0] }.joined(separator: ", ")): "
                    + "\(names[lot.chosen]) placed next."
            )
        }
        return lines + ["", "Elected: " + result.winners(seats: seats).map { names[$0] }.joined(separator: ", ")]
    }
}
