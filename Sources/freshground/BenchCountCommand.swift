import ArgumentParser
import Foundation
import FreshgroundCore

extension Bench {
    /// `freshground bench count`: how long the counts of a large election take (run by scripts/bench-decisions).
    struct CountBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "Time Scottish STV, Meek STV and Schulze on 100,000 random ballots over 20 candidates.",
            discussion: "The ballots are drawn with a fixed seed: candidates have skewed popularity (a few "
                + "favourites, a long tail), each voter ranks a few candidates or all of them, most popular "
                + "first. Each count is timed five times and the median printed, with who was elected."
        )
        @Option(help: "Ballots in the election.") var ballots = 100_000
        @Option(help: "Candidates standing.") var candidates = 20
        @Option(help: "Seats to fill by STV.") var seats = 5
        @Option(help: "Seed of the ballots.") var seed: UInt64 = 13

        func validate() throws {
            guard (1...10_000_000).contains(ballots), (2...200).contains(candidates), (1..<candidates).contains(seats)
            else {
                throw ValidationError(
                    "Give 1 to 10,000,000 ballots, 2 to 200 candidates and fewer seats than candidates."
                )
            }
        }

        func run() throws {
            let clock = ContinuousClock()
            let started = clock.now
            let file = Self.election(ballots: ballots, candidates: candidates, seats: seats, seed: seed)
            let distinct = Set(file.ballots.map(\.ranking)).count
            print(
                "election: ballots=\(ballots) candidates=\(candidates) seats=\(seats) seed=\(seed) "
                    + "distinct_rankings=\(distinct) generated_ms=\(Self.format(clock.now - started))"
            )
            var stv = ScottishSTV.count(file, seats: seats)
            let stvTime = Self.median { stv = ScottishSTV.count(file, seats: seats) }
            print(
                "scottish-stv: time_ms=\(Self.format(stvTime)) (median of 5) seats=\(seats) stages=\(stv.stages.count) "
                    + "elected=\(stv.elected.map { $0 + 1 })"
            )
            var meek = MeekSTV.count(file, seats: seats)
            let meekTime = Self.median { meek = MeekSTV.count(file, seats: seats) }
            let iterations = meek.stages.reduce(0) {
                if case .iteration(let count, _) = $1.action { return $0 + count }
                return $0
            }
            print(
                "meek: time_ms=\(Self.format(meekTime)) (median of 5) seats=\(seats) stages=\(meek.stages.count) "
                    + "iterations=\(iterations) elected=\(meek.elected.map { $0 + 1 })"
            )
            var schulze = Schulze.rank(file)
            let schulzeTime = Self.median { schulze = Schulze.rank(file) }
            print(
                "schulze: time_ms=\(Self.format(schulzeTime)) (median of 5) candidates=\(candidates) "
                    + "first=\(schulze.winners(seats: seats).map { $0 + 1 }) tiers=\(schulze.ranking.count)"
            )
            // The lead adds here: casting 1,000 ballots concurrently (through the decisions feature and its store).
            let met = stvTime < .seconds(1) ? "met" : "NOT met"
            print(
                "target: Scottish STV of \(ballots) ballots x \(candidates) candidates, \(seats) seats, under 1 s: \(met)"
            )
        }

        /// Runs `body` five times and returns the median time.
        static func median(_ body: () -> Void) -> Duration {
            let clock = ContinuousClock()
            let times = (0..<5).map { _ in clock.measure(body) }
            return times.sorted()[2]
        }

        static func format(_ duration: Duration) -> String {
            let milliseconds =
                Double(duration.components.seconds) * 1_000
                + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.2f", milliseconds)
        }

        /// `ballots` voters over `candidates`: candidate k's popularity is 1 / k, each voter ranks 1 to all
        /// candidates (a third rank them all), each next choice drawn in proportion to popularity among those left.
        static func election(ballots: Int, candidates: Int, seats: Int, seed: UInt64) -> BallotFile {
            var random = FreshgroundCore.Breakouts.Random(seed: seed)
            let popularity = (0..<candidates).map { 1_000_000 / ($0 + 1) }
            var voters: [BallotFile.Ballot] = []
            voters.reserveCapacity(ballots)
            for _ in 0..<ballots {
                var length = candidates
                if random.next(3) != 0 {
                    length = 1
                    while length < candidates, random.next(100) < 55 { length += 1 }
                }
                var left = Array(0..<candidates)
                var ranking: [Int] = []
                for _ in 0..<length {
                    var pick = random.next(left.reduce(0) { $0 + popularity[$1] })
                    var position = 0
                    while pick >= popularity[left[position]] {
                        pick -= popularity[left[position]]
                        position += 1
                    }
                    ranking.append(left.remove(at: position))
                }
                voters.append(BallotFile.Ballot(ranking: ranking))
            }
            let names = (1...candidates).map { "Candidate \($0)" }
            return BallotFile(candidates: names, seats: seats, ballots: voters, title: "Benchmark election")
        }
    }
}
