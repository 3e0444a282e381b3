import Foundation
import Testing

@testable import FreshgroundCore

/// Meek STV against Droop's reference counts (`jklundell/droop`, rule `meek` with its defaults: guarded arithmetic,
/// 18 + 9 decimals, ω = 10⁻⁹). The ballot files are copied from its `test/blt`, the expected figures are its
/// `test/ref/dump/<name>-meek-o9-guarded-p18-g9-d18.txt` tables, both unchanged in `Fixtures/Meek`.
///
/// A dump has a row whenever Droop elects or defeats someone, showing the votes at that moment. The first such row
/// of each round is the state when the round's iterations stopped: it must equal our `.iteration` stage for that
/// round (the `begin` row our first preferences), every candidate's votes and the quota to 5 decimals. The later
/// rows of a batch show Droop's one-by-one defeats in ballot order (we exclude lowest first), so they are not
/// compared, but the set of candidates excluded after each round is, and so is the final state.
@Suite("Decisions: Meek STV matches Droop's reference counts")
struct MeekGoldenTests {
    /// One numeric row of a Droop dump.
    struct Row {
        var round: String
        var action: String
        var quota: String
        var residual: String
        /// Votes and state letter (H, E, D) by candidate number (from 0); withdrawn candidates have no column.
        var votes: [Int: String]
        var states: [Int: String]
    }

    /// Droop prints 18 decimals; we compare to 5, cut as `formatVotes` cuts.
    static func fiveDecimals(_ text: String) -> String {
        let parts = text.split(separator: ".")
        return parts[0] + "." + parts[1].prefix(5)
    }

    static func fixture(_ name: String, _ ext: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/Meek")
        )
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The `begin`, `elect`, `defeat` and `end` rows (a `tie` row repeats the `defeat` row after it).
    static func rows(_ dump: String) -> [Row] {
        let lines = dump.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false)
        }
        let header = lines[0].map(String.init)
        var columns: [Int: (vote: Int, state: Int)] = [:]
        for (index, name) in header.enumerated() where name.hasSuffix(".vote") {
            let number = Int(name.dropLast(5))! - 1
            columns[number] = (index, header.firstIndex(of: "\(number + 1).state")!)
        }
        return lines.dropFirst().filter { ["begin", "elect", "defeat", "end"].contains($0[1]) }.map {
            fields in
            Row(
                round: String(fields[0]),
                action: String(fields[1]),
                quota: fiveDecimals(String(fields[2])),
                residual: fiveDecimals(String(fields[5])),
                votes: columns.mapValues { fiveDecimals(String(fields[$0.vote])) },
                states: columns.mapValues { String(fields[$0.state]) }
            )
        }
    }

    static let references = ["42", "513", "SC", "SC-Vm-12", "SCw", "M135"]

    @Test(
        "each round's votes, quota, winners and exclusions match Droop to 5 decimals",
        arguments: references
    )
    func matchesDroop(name: String) throws {
        // setup
        let file = try BallotFile.parse(blt: try Self.fixture(name, "blt"))
        let rows = Self.rows(try Self.fixture("\(name)-meek-o9-guarded-p18-g9-d18", "txt"))

        // act: Droop breaks ties by ballot order, as the pinned lot does.
        let result = MeekSTV.count(file, lot: { $0[0] })

        // check: the state when each round's iterations stopped.
        var firstOfRound: [Row] = []
        for row in rows where row.round != "X" && firstOfRound.last?.round != row.round {
            firstOfRound.append(row)
        }
        let rounds = result.stages.enumerated().filter {
            if case .exclusion = $0.element.action { return false }
            return true
        }
        #expect(rounds.count == firstOfRound.count)
        for ((index, stage), row) in zip(rounds, firstOfRound) {
            for (candidate, votes) in row.votes {
                #expect(
                    formatVotes(stage.votes[candidate]) == votes,
                    "round \(row.round), candidate \(candidate + 1)"
                )
            }
            if case .iteration(_, let quota) = stage.action {
                #expect(formatVotes(quota) == row.quota, "round \(row.round)")
            } else {
                #expect(index == 0 && formatVotes(result.quota) == row.quota)
            }
            let residual = stage.nonTransferable + stage.lossFromFractions - Self.votes(row.residual)
            #expect((0...file.candidates.count).contains(residual), "round \(row.round): excess and loss")
        }

        // check: whom each stage elected, and whom each round excluded.
        var droopElected: [String: Set<Int>] = [:]
        var droopExcluded: [String: Set<Int>] = [:]
        for (before, row) in zip(rows, rows.dropFirst()) {
            droopElected[row.round, default: []].formUnion(
                row.states.keys.filter { row.states[$0] == "E" && before.states[$0] != "E" }
            )
            droopExcluded[row.round, default: []].formUnion(
                row.states.keys.filter { row.states[$0] == "D" && before.states[$0] != "D" }
            )
        }
        let stillHopeful = Set(file.candidates.indices).subtracting(result.elected).subtracting(
            file.withdrawn
        )
        .filter { candidate in !result.stages.contains { $0.action == .exclusion(candidate) } }
        var elected: [String: Set<Int>] = [:]
        var excluded: [String: Set<Int>] = [:]
        var round = 0
        for stage in result.stages {
            switch stage.action {
            case .iteration: round += 1
            case .exclusion(let candidate): excluded["\(round)", default: []].insert(candidate)
            default: break
            }
            elected["\(round)", default: []].formUnion(stage.elected)
        }
        #expect(elected.filter { !$0.value.isEmpty } == droopElected.filter { !$0.value.isEmpty })
        #expect(result.elected == result.stages.flatMap(\.elected))
        #expect(
            excluded
                == droopExcluded.mapValues { $0.subtracting(stillHopeful) }.filter { !$0.value.isEmpty }
        )

        // check: the count ends where Droop's last election leaves it.
        let lastElection = try #require(rows.last { $0.action == "elect" })
        for (candidate, votes) in lastElection.votes {
            #expect(
                formatVotes(result.stages.last!.votes[candidate]) == votes,
                "last stage, candidate \(candidate + 1)"
            )
        }
        for stage in result.stages {
            #expect(
                stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions == result.valid
            )
        }
    }

    static func votes(_ text: String) -> Votes {
        let parts = text.split(separator: ".")
        return Int(parts[0])! * votesPerBallot + Int(parts[1])!
    }

    @Test(
        "Pollux and Helen tie after Castor's surplus; Droop's tie order and the pinned lot exclude Pollux"
    )
    func castorPolluxHelen() throws {
        // setup: Droop's 513.blt
        let file = try BallotFile.parse(blt: try Self.fixture("513", "blt"))

        // act
        let first = MeekSTV.count(file, lot: { $0[0] })
        let last = MeekSTV.count(file, lot: { $0[$0.count - 1] })

        // check: Castor keeps 3/5 of each vote (quota 3 of 9 for 2 seats), so Pollux rises to 3, level with Helen.
        #expect(
            first.stages.map(\.action) == [
                .firstPreferences, .iteration(iterations: 1, quota: 300_000),
                .iteration(iterations: 2, quota: 300_000), .exclusion(1),
            ]
        )
        #expect(first.stages[2].votes == [300_000, 300_000, 300_000])
        #expect(first.stages[3].votes == [300_000, 0, 300_000])
        #expect(formatVotes(first.stages[3].nonTransferable) == "3.00000")
        #expect(first.lots == [CountResult.Lot(afterStage: 2, among: [1, 2], chosen: 1)])
        #expect(first.electedNames == ["Castor", "Helen"])
        #expect(last.lots == [CountResult.Lot(afterStage: 2, among: [1, 2], chosen: 2)])
        #expect(last.electedNames == ["Castor", "Pollux"])
    }
}
