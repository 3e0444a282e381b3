import ArgumentParser
import Foundation
import Freshground

extension Bench {
    /// `freshground bench cast`: many members voting at the same moment (run by scripts/bench-decisions).
    struct CastCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cast",
            abstract: "Time members of one group casting secret ballots on a motion all at once.",
            discussion: "Writes a throwaway database (an SQLite file in --directory, or a new database on the "
                + "PostgreSQL server of --database), a group of --voters members and a secret motion, then casts "
                + "every member's ballot at once. Prints the total time, ballots per second, the latency of a vote "
                + "(p50, p95, max), the time of the count, and checks of the ballots and the electorate."
        )
        @Option(help: "Members who vote at once.") var voters = 1_000
        @Option(help: "At most this many votes in flight, each next one starting as one ends (default: all at once).")
        var atOnce: Int?
        @Option(help: "A PostgreSQL server, postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: SQLite).")
        var database: String?
        @Option(help: "Where the throwaway SQLite database goes.") var directory = NSTemporaryDirectory()

        func validate() throws {
            guard (1...100_000).contains(voters), (atOnce ?? 1) >= 1 else {
                throw ValidationError("Give 1 to 100,000 voters and at least one vote at once.")
            }
        }

        func run() async throws {
            do {
                for line in try await CastBench.cast(
                    voters: voters,
                    atOnce: atOnce,
                    server: database,
                    directory: directory
                ) {
                    print(line)
                }
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
    }
}
