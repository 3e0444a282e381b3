import FreshgroundCore
import FreshgroundWeb
import Groups

/// The results of a decision: which rule decided it, the totals, and for a ranked vote the stage-by-stage table with
/// a chart; the named votes of an open vote; the ballot board of a secret one.
enum ResultPages {
    static func results(_ context: AppContext, _ model: DecisionPageModel, outcome: DecisionOutcome) -> HTML {
        let rules = model.rules
        let decision = model.decision
        let provisional: HTML = .when(model.status != .closed) {
            "<p class=\"hint\">Voting is still open: these results may change.</p>"
        }
        let winners: HTML = .when(!outcome.winners.isEmpty) {
            let names = outcome.winners.map { index -> HTML in "<li>\(rules.options[index])</li>" }.joined()
            return
                "<h3>\(rules.kind == .ranked || rules.kind == .election ? "Elected" : "Chosen"), in order</h3><ol>\(names)</ol>"
        }
        let lots: HTML = .when(!outcome.lots.isEmpty) {
            let items = outcome.lots.map { lot -> HTML in
                let among = lot.among.map { rules.options.isEmpty ? String($0) : rules.options[$0] }
                let chosen = rules.options.isEmpty ? String(lot.chosen) : rules.options[lot.chosen]
                return "<li>A tie between \(among.joined(separator: ", ")) was settled by lot: \(chosen).</li>"
            }.joined()
            return "<h3>Ties settled by lot</h3><ul>\(items)</ul>"
        }
        // The ballots and the board are for the electorate; a reader of a published result gets the count only.
        let links: HTML = .when(model.status == .closed && !model.standing.publicReader) {
            var items: [HTML] = []
            if rules.kind.isRanked {
                items.append("<a href=\"\(DecisionPaths.blt(decision.id))\">Download the ballots (BLT)</a>")
            }
            if model.hasBoard { items.append("<a href=\"\(DecisionPaths.board(decision.id))\">Ballot board</a>") }
            return items.isEmpty ? .empty : "<p class=\"actions\">\(items.map { "\($0) " as HTML })</p>"
        }
        let stages: HTML = outcome.count.map { StageTable.section($0) } ?? .empty
        let named: HTML = .when(!decision.secret && !model.named.isEmpty) {
            let rows = model.named.map { vote -> HTML in
                "<tr><th scope=\"row\">\(vote.shownName)</th><td>\(describe(vote.marks, rules))</td><td>\(vote.reason)</td></tr>"
            }.joined()
            return """
                <h3>Who voted what</h3><table><thead><tr><th scope="col">Voter</th><th scope="col">Vote</th>\
                <th scope="col">Reason</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        let units: HTML = .when(!model.unitVotes.isEmpty) {
            let ownGroups = Set(model.standing.units.map(\.id))
            let rows = model.unitVotes.map { vote -> HTML in
                let delegate =
                    ownGroups.contains(vote.groupID) && !vote.delegateHandle.isEmpty
                    ? " (cast by \(vote.delegateName.isEmpty ? "@\(vote.delegateHandle)" : vote.delegateName))" : ""
                return """
                    <tr><th scope="row">\(GroupRef(slug: vote.slug, name: vote.name).link)\(delegate)</th><td>\(vote.voices)</td>\
                    <td>\(describe(vote.marks, rules))</td><td>\(vote.reason)</td></tr>
                    """
            }.joined()
            return """
                <h3>Each group's position</h3><table><thead><tr><th scope="col">Group</th><th scope="col">Voices</th>\
                <th scope="col">Position</th><th scope="col">Delegate's reason</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        return """
            <section aria-labelledby="results-title"><h2 id="results-title">Results</h2>
            \(provisional)
            <p class="outcome"><strong>\(outcome.explanation)</strong></p>
            \(totals(outcome, rules))
            \(winners)
            \(lots)
            \(stages)
            \(named)
            \(units)
            \(links)
            </section>
            """
    }

    /// The totals by kind, with a heading per column (see `DecisionOutcome.totals`).
    static func totals(_ outcome: DecisionOutcome, _ rules: DecisionSpec) -> HTML {
        let columns: [String]
        var labels = rules.options
        switch rules.kind {
        case .consent:
            columns = ["Agree", "Stand aside", "Abstain", "Disagree", "Block"]
            labels = ["Positions"]
        case .motion:
            columns = ["Yes", "No", "Abstain"]
            labels = ["Votes"]
        case .approval: columns = ["Chosen", "Not chosen"]
        case .score: columns = ["Total"] + (0...rules.scoreMax).map { "Gave \($0)" }
        case .dots: columns = ["Dots", "Voters who gave any"]
        case .ranked, .schulze: columns = rules.options.indices.map { "Ranked \($0 + 1)" }
        case .meetingTime: columns = ["Yes", "If need be", "No"]
        case .election: columns = ["Yes", "No", "Abstain"]
        }
        guard !outcome.totals.isEmpty else { return .empty }
        let head = columns.map { column -> HTML in "<th scope=\"col\">\(column)</th>" }.joined()
        let rows = zip(labels, outcome.totals).map { label, counts -> HTML in
            "<tr><th scope=\"row\">\(label)</th>\(counts.map { count -> HTML in "<td>\(count)</td>" }.joined())</tr>"
        }.joined()
        return """
            <table class="totals"><caption>Totals (\(outcome.voters) voter\(outcome.voters == 1 ? "" : "s"))</caption>\
            <thead><tr><td></td>\(head)</tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// A ballot's marks in words.
    static func describe(_ encoded: String, _ rules: DecisionSpec) -> String {
        guard let ballot = DecisionBallot(encoded: encoded, weight: 1) else { return "" }
        let marks = ballot.marks
        func each(_ names: [(Int, String, String)]) -> String {
            zip(rules.options, marks).map { option, mark in
                "\(option): \(names.first { $0.0 == mark }?.2 ?? String(mark))"
            }.joined(separator: "; ")
        }
        switch rules.kind {
        case .consent:
            let label = BallotForm.consentNames.first { $0.0.rawValue == marks.first }?.2 ?? ""
            return String(label.prefix { $0 != "(" }).trimmingWhitespace()
        case .motion: return BallotForm.motionNames.first { $0.0.rawValue == marks.first }?.2 ?? ""
        case .approval:
            let chosen = zip(rules.options, marks).filter { $0.1 > 0 }.map(\.0)
            return chosen.isEmpty ? "none chosen" : chosen.joined(separator: ", ")
        case .score, .dots:
            return zip(rules.options, marks).map { "\($0): \($1)" }.joined(separator: "; ")
        case .ranked, .schulze:
            let ranked = zip(rules.options, marks).filter { $0.1 > 0 }.sorted { $0.1 < $1.1 }
            return ranked.isEmpty ? "no preference" : ranked.map { "\($0.1). \($0.0)" }.joined(separator: ", ")
        case .meetingTime: return each(BallotForm.meetingNames)
        case .election: return each(BallotForm.electionNames)
        }
    }

    /// Every ballot of a closed secret vote by its tracker, so each voter can find theirs.
    static func board(_ context: AppContext, _ model: DecisionPageModel, ballots: [StoredBallot]) -> HTML {
        let rows = ballots.map { ballot -> HTML in
            """
            <tr><th scope="row"><code>\(ballot.id)</code></th><td>\(describe(ballot.marks, model.rules))</td>\
            <td>\(ballot.reason)</td></tr>
            """
        }.joined()
        return Layout.page(
            title: "Ballot board: \(model.decision.title)",
            context: context,
            main: """
                <h1>Ballot board: \(model.decision.title)</h1>
                <p>Every ballot counted, by its tracker, in the order of the trackers. Find yours with the tracker you \
                were shown when you voted.</p>
                \(ballots.isEmpty ? "<p class=\"empty\">No ballots were cast.</p>" as HTML : """
                <table><thead><tr><th scope="col">Tracker</th><th scope="col">Vote</th><th scope="col">Reason</th></tr></thead>\
                <tbody>\(rows)</tbody></table>
                """)
                <p><a href="\(DecisionPaths.decision(model.decision.id))">Back to “\(model.decision.title)”</a></p>
                """
        )
    }
}
