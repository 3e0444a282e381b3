import ArgumentParser
import Foundation
import Freshground

/// `freshground bench …`: benchmarks printed as lines of figures (run by scripts/bench-study and scripts/bench-decisions).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Measure breakouts and list mail (scripts/bench-study), counting and casting ballots (scripts/bench-decisions).",
        subcommands: [Breakouts.self, Mail.self, CountBench.self, CastCommand.self]
    )

    struct Breakouts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Form breakouts for a large session, against a long randomized search.",
            discussion: "Prints the time of one forming (median of five), its cost and mixing score, and the best "
                + "found by annealing from other seeds for --search-seconds."
        )
        @Option(help: "People at the session.") var people = 1_000
        @Option(help: "Wished breakout size.") var size = 6
        @Option(help: "Groups the people come from.") var groups = 40
        @Option(help: "Seconds of randomized search to compare with.") var searchSeconds = 30.0
        @Option(help: "Seed of the session and the forming.") var seed: UInt64 = 1

        func validate() throws {
            guard (10...100_000).contains(people), (2...20).contains(size), groups >= 1 else {
                throw ValidationError("Give 10 to 100,000 people, a size of 2 to 20 and at least one group.")
            }
        }

        func run() async throws {
            for line in StudyBench.breakouts(
                people: people,
                size: size,
                groups: groups,
                searchSeconds: searchSeconds,
                seed: seed
            ) {
                print(line)
            }
        }
    }

    struct Mail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a session report to a large list through an SMTP server.",
            discussion: "Writes a throwaway SQLite database in --directory with one series and its participants, "
                + "writes the report (which queues a message for each) and sends the queue, timing both."
        )
        @Option(help: "Participants on the list.") var recipients = 10_000
        @Option(help: "The SMTP server, such as smtp://127.0.0.1:2525.") var smtp: String
        @Option(help: "Where the throwaway database goes.") var directory = NSTemporaryDirectory()

        func validate() throws {
            guard (1...1_000_000).contains(recipients) else { throw ValidationError("Give 1 to 1,000,000 recipients.") }
        }

        func run() async throws {
            do {
                for line in try await StudyBench.mail(recipients: recipients, smtp: smtp, directory: directory) {
                    print(line)
                }
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
    }
}
