import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The count, as the decision page shows it.
struct ResultsBody: Encodable, Sendable {
    /// One stage of a ranked count, as `freshground count --json` prints it: votes to 5 decimals by candidate.
    struct Stage: Encodable, Sendable {
        let action: String
        /// Meek STV: how many times the votes were distributed in this round, and the quota after it.
        @Nullable var iterations: Int? = nil
        @Nullable var quota: String? = nil
        @Nullable var candidate: String? = nil
        let votes: [String: String]
        let transfers: [String: String]
        let nonTransferable: String
        let loss: String
        let elected: [String]

        init(_ stage: CountResult.Stage, names: [String]) {
            func byName(_ votes: [Votes]) -> [String: String] {
                Dictionary(zip(names, votes.map(formatVotes)), uniquingKeysWith: { first, _ in first })
            }
            switch stage.action {
            case .firstPreferences: action = "first-preferences"
            case .surplus(let candidate):
                action = "surplus"
                self.candidate = names[candidate]
            case .exclusion(let candidate):
                action = "exclusion"
                self.candidate = names[candidate]
            case .iteration(let iterations, let quota):
                action = "iteration"
                self.iterations = iterations
                self.quota = formatVotes(quota)
            }
            votes = byName(stage.votes)
            transfers = byName(stage.transfers)
            nonTransferable = formatVotes(stage.nonTransferable)
            loss = formatVotes(stage.lossFromFractions)
            elected = stage.elected.map { names[$0] }
        }
    }

    struct Lot: Encodable, Sendable {
        /// The stage after which the lot was drawn, from 1; null outside a ranked count, which has no stages.
        @Nullable var afterStage: Int?
        let among: [String]
        let chosen: String
    }

    /// Whether voting has ended, so the count can no longer change.
    let `final`: Bool
    let explanation: String
    let voters: Int
    let quorumMet: Bool
    @Nullable var passed: Bool?
    let winners: [String]
    let totals: [[Int]]
    let stages: [Stage]
    @Nullable var quota: String?
    let lots: [Lot]
    /// A Schulze ranking's figures, so a client can check it; null for the other kinds.
    @Nullable var schulze: SchulzeBody?

    init(_ outcome: DecisionOutcome, rules: DecisionSpec, isFinal: Bool) {
        func name(_ option: Int) -> String {
            rules.options.indices.contains(option) ? rules.options[option] : String(option)
        }
        self.final = isFinal
        explanation = outcome.explanation
        voters = outcome.voters
        quorumMet = outcome.quorumMet
        passed = outcome.passed
        winners = outcome.winners.map(name)
        totals = outcome.totals
        quota = outcome.count.map { formatVotes($0.quota) }
        let count = outcome.count
        stages = count.map { count in count.stages.map { Stage($0, names: count.candidates) } } ?? []
        lots = outcome.lots.map { lot in
            Lot(
                afterStage: count == nil ? nil : lot.afterStage + 1,
                among: lot.among.map(name),
                chosen: name(lot.chosen)
            )
        }
        schulze = outcome.schulze.map(SchulzeBody.init)
    }
}

/// The figures of a Schulze ranking, by option name: `pairwise[x][y]` is how many ballots rank option x above option
/// y (d[x][y]), `strongest[x][y]` the strength of the strongest path from x to y (p[x][y]); x ranks above y when
/// `strongest[x][y] > strongest[y][x]`.
struct SchulzeBody: Encodable, Sendable {
    /// The options in the rows' and columns' order (the decision's).
    let options: [String]
    let pairwise: [[Int]]
    let strongest: [[Int]]
    /// The ranking in tiers, best first; options in one tier are tied (a lot placed them, see `lots`).
    let ranking: [[String]]

    init(_ result: SchulzeResult) {
        options = result.candidates
        pairwise = result.pairwise
        strongest = result.strongest
        ranking = result.ranking.map { tier in tier.map { result.candidates[$0] } }
    }
}
