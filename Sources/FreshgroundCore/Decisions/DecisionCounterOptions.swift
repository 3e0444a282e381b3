/// Counting the kinds that choose among options: by totals, by election, by ranked count and by Schulze ranking.
extension DecisionCounter {
    /// Approval, score, dots and meeting time: the options with the highest totals win, up to `seats`; an option
    /// nobody supported never wins. Meeting time orders by yes, then by yes and if-need-be together. A tie at the last
    /// seat is settled by lot.
    static func decideByTotals(_ spec: DecisionSpec, _ outcome: inout DecisionOutcome, lot: LotChooser) {
        let keys: [[Int]] = outcome.totals.map { row in
            switch spec.kind {
            case .approval, .score, .dots: [row[0]]
            default: [row[0], row[0] + row[1]]
            }
        }
        let supported = keys.indices.filter { keys[$0].last! > 0 }
        let (winners, lots) = choose(supported, keys: keys, seats: spec.seats, lot: lot)
        outcome.winners = winners
        outcome.lots = lots
        let (rule, unit): (String, String) =
            switch spec.kind {
            case .approval: ("most approvals", "")
            case .score: ("highest total score", "")
            case .dots: ("most dots", "")
            default: ("most yes, then most yes or if need be", " yes")
            }
        let named = winners.map { option in
            var text = "\(spec.options[option]) (\(outcome.totals[option][0])\(unit)"
            if spec.kind == .meetingTime { text += ", \(outcome.totals[option][1]) if need be" }
            return text + ")"
        }
        outcome.explanation =
            winners.isEmpty
            ? "Nothing chosen: no \(spec.noun) had any support."
            : "Chosen by \(rule): \(list(named))." + lotSentences(spec, lots)
    }

    /// Election: each candidate whose yes votes make the majority of its base (its own yes and no votes, the ballots
    /// cast, or the entitled) is elected, most yes first, up to `seats`; a tie at the last seat is settled by lot.
    static func decideElection(_ spec: DecisionSpec, _ outcome: inout DecisionOutcome, lot: LotChooser) {
        let rule = spec.majority
        let bases = outcome.totals.map {
            rule.base(yes: $0[0], no: $0[1], cast: outcome.voters, entitled: outcome.entitled)
        }
        let reached = outcome.totals.indices.filter { rule.passes(yes: outcome.totals[$0][0], base: bases[$0]) }
        let (winners, lots) = choose(reached, keys: outcome.totals.map { [$0[0]] }, seats: spec.seats, lot: lot)
        outcome.winners = winners
        outcome.lots = lots
        func named(_ option: Int) -> String {
            "\(spec.options[option]) (\(outcome.totals[option][0]) yes of \(bases[option]))"
        }
        var text =
            winners.isEmpty
            ? "Nobody elected: no candidate had \(rule.summary)."
            : "Elected with \(rule.summary): \(list(winners.map(named)))."
        let unseated = reached.filter { !winners.contains($0) }
        if !unseated.isEmpty {
            text += " Reached it too, but the \(spec.seats) \(spec.seats == 1 ? "seat was" : "seats were") filled: "
            text += list(unseated.map(named)) + "."
        }
        let short = outcome.totals.indices.filter { !reached.contains($0) }
        if !short.isEmpty, !winners.isEmpty { text += " Not elected: \(list(short.map(named)))." }
        outcome.explanation = text + lotSentences(spec, lots)
    }

    /// Ranked: the ballots counted by the spec's rule (Scottish STV, Meek STV, or IRV, which is Scottish STV for one
    /// seat); the winners are the candidates elected, in the order of election.
    static func decideRanked(
        _ spec: DecisionSpec,
        _ ballots: [DecisionBallot],
        _ outcome: inout DecisionOutcome,
        lot: @escaping LotChooser
    ) {
        let file = ballotFile(spec, ballots: ballots)
        let (result, rule): (CountResult, String) =
            switch spec.rankedRule {
            case .scottishSTV: (ScottishSTV.count(file, seats: spec.seats, lot: lot), "Scottish STV")
            case .meek: (MeekSTV.count(file, seats: spec.seats, lot: lot), "Meek STV")
            case .irv: (ScottishSTV.irv(file, lot: lot), "instant-runoff (Scottish STV for one seat)")
            }
        outcome.count = result
        outcome.winners = result.elected
        outcome.lots = result.lots
        let quota = spec.rankedRule == .meek ? "first quota" : "quota"
        var text = "Elected by \(rule), \(quota) \(formatVotes(result.quota)): \(list(result.electedNames))."
        for draw in result.lots {
            text += " A tie after stage \(draw.afterStage + 1) among \(list(draw.among.map { spec.options[$0] }))"
            text += " was settled by lot: \(spec.options[draw.chosen])."
        }
        outcome.explanation = text
    }

    /// Schulze: the ranking of the candidates; the winners are the first `seats` of it. Ties within a tier that
    /// reaches into the seats were settled by lot, and those draws are in `lots` (every draw is in `schulze.lots`).
    static func decideSchulze(
        _ spec: DecisionSpec,
        _ ballots: [DecisionBallot],
        _ outcome: inout DecisionOutcome,
        lot: @escaping LotChooser
    ) {
        let result = Schulze.rank(ballotFile(spec, ballots: ballots), lot: lot)
        outcome.schulze = result
        outcome.winners = result.winners(seats: spec.seats)
        var placed = 0
        let deciding = result.ranking.indices.filter { tier in
            defer { placed += result.ranking[tier].count }
            return placed < spec.seats
        }
        outcome.lots = result.lots.filter { deciding.contains($0.tier) }.map {
            CountResult.Lot(afterStage: 0, among: $0.among, chosen: $0.chosen)
        }
        let tiers = result.ranking.map { tier in
            list(tier.map { spec.options[$0] }) + (tier.count > 1 ? " (tied)" : "")
        }
        outcome.explanation =
            "Schulze ranking: \(tiers.joined(separator: ", then ")). Chosen: "
            + list(outcome.winners.map { spec.options[$0] }) + "." + lotSentences(spec, outcome.lots)
    }

    /// The best `seats` of `eligible` by `keys` (compared in order, highest first), with a tie across the last seat
    /// settled by lot, one recorded draw per place. Ties inside the seats are listed in option order.
    static func choose(
        _ eligible: [Int],
        keys: [[Int]],
        seats: Int,
        lot: LotChooser
    ) -> (winners: [Int], lots: [CountResult.Lot]) {
        let ordered = eligible.sorted { keys[$0] == keys[$1] ? $0 < $1 : keys[$1].lexicographicallyPrecedes(keys[$0]) }
        guard ordered.count > seats, seats > 0 else { return (Array(ordered.prefix(max(seats, 0))), []) }
        let cut = keys[ordered[seats - 1]]
        var winners = ordered.filter { cut.lexicographicallyPrecedes(keys[$0]) }
        var tied = ordered.filter { keys[$0] == cut }
        var lots: [CountResult.Lot] = []
        while winners.count < seats {
            guard tied.count > seats - winners.count else {
                winners += tied
                break
            }
            var chosen = lot(tied)
            if !tied.contains(chosen) { chosen = tied[0] }
            lots.append(CountResult.Lot(afterStage: 0, among: tied, chosen: chosen))
            winners.append(chosen)
            tied.removeAll { $0 == chosen }
        }
        return (winners, lots)
    }

    /// "Beta and Gamma tied for the last place; the lot chose Gamma."
    static func lotSentences(_ spec: DecisionSpec, _ lots: [CountResult.Lot]) -> String {
        lots.map {
            " \(list($0.among.map { spec.options[$0] })) tied for a place; the lot chose \(spec.options[$0.chosen])."
        }
        .joined()
    }
}
