import ArgumentParser
import Foundation
import FreshgroundCore

/// `freshground count`: counts ballot files as an election officer's tool does, with no server and no database.
struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count ranked ballots in BLT files (Scottish STV, Meek STV, IRV or Schulze), with no server.",
        discussion: """
            Reads each BLT file (the ballot format of election officers' counting tools), counts it and prints \
            the stage-by-stage table: each candidate's votes to 5 decimals after every stage (* marks the stage \
            at which a candidate was elected), the non-transferable votes and the loss from fractions, what \
            each stage did, any lots drawn, then "Elected: …" in order of election. No server is started and \
            no database is opened.

            Rules: scottish-stv (the default) counts as the Scottish local government election rules do \
            (SSI 2007/42, rules 45–52); meek is Meek STV; irv is Scottish STV for one seat; schulze ranks the \
            candidates by the Schulze method and elects the first --seats of its order. --seats overrides the \
            number of seats in the file.

            A tie that no rule breaks is settled by lot, drawn at random here and printed with the result.

            With --json each file gives one JSON object (one a line when several files are given): file, rule, \
            title, seats, valid, quota, elected (names in order of election), stages (each with action \
            "first-preferences", "surplus", "exclusion" or, for meek, "iteration" (a round of iterations, with \
            iterations and the quota after it), candidate (a name or null), votes and transfers (name: \
            "12.34567"), non_transferable, loss and elected) and lots (after_stage, the stage number from 1, \
            among and chosen). For schulze, stages is empty, valid counts ballots, and ranking (tiers of names, \
            best first) and pairwise (how many ballots rank each name above each other name) are added; its \
            lots (tier, among, chosen) order candidates within a tier. A file that cannot be counted gives \
            {"file": …, "error": …}.

            Exit status: 0 when every file was counted, 1 when a file is missing, is not a valid BLT file \
            (the message names the line) or has fewer candidates than seats, 64 for wrong options.
            """
    )

    enum Rule: String, ExpressibleByArgument, CaseIterable, Sendable {
        case scottishSTV = "scottish-stv"
        case meek
        case irv
        case schulze
    }

    @Option(help: "scottish-stv (SSI 2007/42), meek, irv (one seat) or schulze.") var rule: Rule = .scottishSTV
    @Option(help: "Seats to fill, instead of the number the file gives.") var seats: Int?
    @Flag(help: "Print a JSON object for each file instead of the stage table.") var json = false
    @Argument(help: ArgumentHelp("The ballot files.", valueName: "file.blt")) var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one BLT file.") }
        if let seats, seats < 1 { throw ValidationError("--seats must be at least 1.") }
        if rule == .irv, let seats, seats != 1 {
            throw ValidationError("IRV fills one seat: leave out --seats, or use --rule scottish-stv for \(seats).")
        }
    }

    func run() throws {
        var failed = false
        for (index, path) in files.enumerated() {
            do {
                let report = try count(try Count.load(path), path: path)
                if json {
                    say(report.json(compact: files.count > 1))
                } else {
                    if index > 0 { say("") }
                    say(report.text().joined(separator: "\n"))
                }
            } catch {
                failed = true
                FileHandle.standardError.write(Data("freshground count: \(path)\(error.message)\n".utf8))
                if json { say(CountReport.errorJSON(file: path, message: error.message)) }
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Reads and parses a BLT file; bytes that are not UTF-8 are replaced rather than refused.
    static func load(_ path: String) throws(CountFailure) -> BallotFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CountFailure(": no such file.")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CountFailure(": cannot be read (is it a directory, or unreadable?).")
        }
        do {
            return try BallotFile.parse(blt: String(decoding: data, as: UTF8.self))
        } catch {
            throw CountFailure(":\(error.line): \(error.message)")
        }
    }

    /// More ballots than this could overflow the counts' exact arithmetic; no real election comes near it.
    static let maximumBallots = 100_000_000

    func count(_ file: BallotFile, path: String) throws(CountFailure) -> CountReport {
        var ballots = 0
        for ballot in file.ballots {
            let (sum, overflow) = ballots.addingReportingOverflow(ballot.weight)
            guard !overflow, sum <= Count.maximumBallots else {
                throw CountFailure(": more than 100,000,000 ballots, too many to count.")
            }
            ballots = sum
        }
        let standing = file.candidates.indices.filter { !file.withdrawn.contains($0) }.count
        let wanted = rule == .irv ? 1 : (seats ?? file.seats)
        guard wanted <= standing else {
            throw CountFailure(
                ": \(wanted) seat\(wanted == 1 ? "" : "s") to fill but only \(standing) candidate"
                    + "\(standing == 1 ? " stands" : "s stand")."
            )
        }
        let outcome: CountReport.Outcome
        switch rule {
        case .scottishSTV: outcome = .stv(ScottishSTV.count(file, seats: wanted, lot: Count.drawLot))
        case .irv: outcome = .stv(ScottishSTV.irv(file, lot: Count.drawLot))
        case .meek: outcome = .stv(MeekSTV.count(file, seats: wanted, lot: Count.drawLot))
        case .schulze:
            let valid = file.ballots.filter { $0.ranking.contains { !file.withdrawn.contains($0) } }.map(\.weight)
            outcome = .schulze(Schulze.rank(file, lot: Count.drawLot), seats: wanted, valid: valid.reduce(0, +))
        }
        return CountReport(file: path, rule: rule, title: file.title, withdrawn: file.withdrawn, outcome: outcome)
    }

    /// A real count draws its lots at random; the draw is recorded in the result and printed.
    static func drawLot(_ tied: [Int]) -> Int {
        var generator = SystemRandomNumberGenerator()
        return tied.randomElement(using: &generator) ?? tied[0]
    }
}

/// Why a file could not be counted: the text after the file's path (": no such file.", ":12: …").
struct CountFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
