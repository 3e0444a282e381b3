import Foundation
import FreshgroundCore

/// The result of `freshground count` for one file, printed as a stage table or as JSON.
struct CountReport {
    enum Outcome {
        case stv(CountResult)
        case schulze(SchulzeResult, seats: Int, valid: Int)
    }

    var file: String
    var rule: Count.Rule
    var title: String
    var withdrawn: Set<Int>
    var outcome: Outcome

    /// Candidate names made unique (a second "A. Smith" becomes "A. Smith (2)"), so JSON objects keyed by name
    /// lose nobody.
    static func uniqueNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var unique = name
            var number = 1
            while used.contains(unique) {
                number += 1
                unique = "\(name) (\(number))"
            }
            used.insert(unique)
            return unique
        }
    }

    var ruleName: String {
        switch rule {
        case .scottishSTV: "Scottish STV"
        case .meek: "Meek STV"
        case .irv: "IRV (Scottish STV for one seat)"
        case .schulze: "Schulze"
        }
    }

    static func actionName(_ action: CountResult.Action) -> String {
        switch action {
        case .firstPreferences: "first-preferences"
        case .surplus: "surplus"
        case .exclusion: "exclusion"
        case .iteration: "iteration"
        }
    }

    static func actionCandidate(_ action: CountResult.Action) -> Int? {
        switch action {
        case .firstPreferences, .iteration: nil
        case .surplus(let candidate), .exclusion(let candidate): candidate
        }
    }

    static func iterations(_ action: CountResult.Action) -> (iterations: Int, quota: Votes)? {
        if case .iteration(let iterations, let quota) = action { return (iterations, quota) }
        return nil
    }

    // MARK: JSON

    func json(compact: Bool) -> String {
        switch outcome {
        case .stv(let result): Self.encode(stvJSON(result), compact: compact)
        case .schulze(let result, let seats, let valid):
            Self.encode(schulzeJSON(result, seats: seats, valid: valid), compact: compact)
        }
    }

    static func errorJSON(file: String, message: String) -> String {
        let text = message.hasPrefix(":") ? String(message.dropFirst()).trimmingCharacters(in: .whitespaces) : message
        return encode(["file": file, "error": text], compact: true)
    }

    static func encode(_ value: some Encodable, compact: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            compact ? [.sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    func stvJSON(_ result: CountResult) -> CountJSON {
        let names = Self.uniqueNames(result.candidates)
        func byName(_ votes: [Votes]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: zip(names, votes.map(formatVotes)))
        }
        return CountJSON(
            file: file,
            rule: rule.rawValue,
            title: title,
            seats: result.seats,
            valid: formatVotes(result.valid),
            quota: formatVotes(result.quota),
            elected: result.elected.map { names[$0] },
            stages: result.stages.map { stage in
                StageJSON(
                    action: Self.actionName(stage.action),
                    iterations: Self.iterations(stage.action)?.iterations,
                    quota: Self.iterations(stage.action).map { formatVotes($0.quota) },
                    candidate: Self.actionCandidate(stage.action).map { names[$0] },
                    votes: byName(stage.votes),
                    transfers: byName(stage.transfers),
                    nonTransferable: formatVotes(stage.nonTransferable),
                    loss: formatVotes(stage.lossFromFractions),
                    elected: stage.elected.map { names[$0] }
                )
            },
            lots: result.lots.map {
                LotJSON(afterStage: $0.afterStage + 1, among: $0.among.map { names[$0] }, chosen: names[$0.chosen])
            }
        )
    }

    // MARK: Text

    /// The printout: what was counted, the stage table, what each stage did, the lots, then "Elected: …".
    func text() -> [String] {
        switch outcome {
        case .stv(let result): stvText(result)
        case .schulze(let result, let seats, let valid): schulzeText(result, seats: seats, valid: valid)
        }
    }

    func heading(seats: Int, candidates: Int) -> String {
        let named = title.isEmpty ? file : "\(title) (\(file))"
        return "\(ruleName): \(named), \(seats) seat\(seats == 1 ? "" : "s"), \(candidates) candidates"
    }

    func stvText(_ result: CountResult) -> [String] {
        var lines = [
            heading(seats: result.seats, candidates: result.candidates.count),
            "Valid votes \(formatVotes(result.valid)), quota \(formatVotes(result.quota))", "",
        ]
        lines += TextTable.fitted(candidateTable(result), else: stageTable(result))
        lines += ["* elected at this stage", ""]
        let names = result.candidates
        for (index, stage) in result.stages.enumerated() {
            var line = "Stage \(index + 1): "
            switch stage.action {
            case .firstPreferences: line += "first preferences."
            case .surplus(let candidate): line += "surplus of \(names[candidate]) transferred."
            case .exclusion(let candidate): line += "\(names[candidate]) excluded."
            case .iteration(let iterations, let quota):
                line += "\(iterations) iteration\(iterations == 1 ? "" : "s"), quota \(formatVotes(quota))."
            }
            if !stage.elected.isEmpty { line += " Elected: " + stage.elected.map { names[$0] }.joined(separator: ", ") }
            lines.append(line)
        }
        for lot in result.lots {
            lines.append(
                "Lot after stage \(lot.afterStage + 1), among \(lot.among.map { names[$0] }.joined(separator: ", ")): "
                    + "\(names[lot.chosen]) drawn."
            )
        }
        return lines + ["", "Elected: " + result.electedNames.joined(separator: ", ")]
    }

    /// One row per candidate, one column per stage.
    func candidateTable(_ result: CountResult) -> TextTable {
        let stages = result.stages
        let short = TextTable.ShortNames(result.candidates)
        var labels = result.candidates.indices.map { short.labels[$0] + (withdrawn.contains($0) ? " (withdrawn)" : "") }
        labels += ["Non-transferable", "Loss from fractions", "Total"]
        let columns = stages.enumerated().map { index, stage in
            let who = Self.actionCandidate(stage.action).map { short.headers[$0] }
            let header = ["Stage \(index + 1)", Self.shortAction(stage.action), who ?? ""]
            return TextTable.Column(header: header, cells: Self.cells(stage, valid: result.valid))
        }
        return TextTable(corner: "Candidate", labels: labels, columns: columns)
    }

    /// One row per stage, one column per candidate: for counts with many stages and few candidates.
    func stageTable(_ result: CountResult) -> TextTable {
        let labels = result.stages.enumerated().map { index, stage in
            let who = Self.actionCandidate(stage.action).map { " " + result.candidates[$0] } ?? ""
            return "\(index + 1) \(Self.shortAction(stage.action))\(who)"
        }
        let cells = result.stages.map { Self.cells($0, valid: result.valid) }
        let headers = TextTable.ShortNames(result.candidates).headers + ["Non-transf.", "Loss", "Total"]
        let columns = headers.enumerated().map { column, header in
            TextTable.Column(header: [header], cells: cells.map { $0[column] })
        }
        return TextTable(corner: "Stage", labels: labels, columns: columns)
    }

    static func shortAction(_ action: CountResult.Action) -> String {
        switch action {
        case .firstPreferences: "first prefs"
        case .surplus: "surplus"
        case .exclusion: "exclusion"
        case .iteration: "iteration"
        }
    }

    /// A stage's figures: each candidate's votes (* when elected at that stage), non-transferable, loss, total.
    static func cells(_ stage: CountResult.Stage, valid: Votes) -> [String] {
        let total = stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions
        return stage.votes.enumerated().map { formatVotes($1) + (stage.elected.contains($0) ? "*" : " ") }
            + [stage.nonTransferable, stage.lossFromFractions, total].map { formatVotes($0) + " " }
    }
}

/// The JSON object of one counted file.
struct CountJSON: Encodable {
    var file: String
    var rule: String
    var title: String
    var seats: Int
    var valid: String
    var quota: String?
    var elected: [String]
    var stages: [StageJSON]
    var lots: [LotJSON]
    var ranking: [[String]]? = nil
    var pairwise: [String: [String: Int]]? = nil
}

struct StageJSON: Encodable {
    var action: String
    /// Meek STV: how many times the votes were distributed in this round, and the quota after it.
    var iterations: Int?
    var quota: String?
    var candidate: String?
    var votes: [String: String]
    var transfers: [String: String]
    var nonTransferable: String
    var loss: String
    var elected: [String]

    enum CodingKeys: String, CodingKey {
        case action, iterations, quota, candidate, votes, transfers, loss, elected
        case nonTransferable = "non_transferable"
    }

    /// Writes `candidate` as null for a stage that names nobody, rather than leaving the key out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(iterations, forKey: .iterations)
        try container.encodeIfPresent(quota, forKey: .quota)
        try container.encode(candidate, forKey: .candidate)
        try container.encode(votes, forKey: .votes)
        try container.encode(transfers, forKey: .transfers)
        try container.encode(nonTransferable, forKey: .nonTransferable)
        try container.encode(loss, forKey: .loss)
        try container.encode(elected, forKey: .elected)
    }
}

/// A lot: for STV after which stage (from 1), for Schulze in which tier of the ranking (from 1).
struct LotJSON: Encodable {
    var afterStage: Int?
    var tier: Int?
    var among: [String]
    var chosen: String

    enum CodingKeys: String, CodingKey {
        case tier, among, chosen
        case afterStage = "after_stage"
    }
}
