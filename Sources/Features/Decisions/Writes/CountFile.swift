import FreshgroundCore
import FreshgroundWeb

/// A ballot file counted by a rule on the site, as election officers do with a desktop counter; nothing is kept. The
/// count-a-file page and the API both count through here, so they accept, refuse and count alike.
struct CountFile: Sendable {
    /// The rules a file can be counted by, as the form and the API name them.
    static let rules: [(value: String, label: String)] = [
        ("scottish-stv", "Scottish STV"), ("meek", "Meek STV"), ("irv", "Instant runoff (one seat)"),
        ("schulze", "Schulze ranking"),
    ]
    /// The largest file taken, in characters.
    static let maxLength = 2_000_000
    /// The most candidates taken: Schulze's strongest paths take n³ steps, so a site counts files of real elections.
    static let maxCandidates = 500

    let file: BallotFile
    let rule: String
    let seats: Int
    /// The stage-by-stage count of a ranked rule; nil for Schulze.
    let count: CountResult?
    /// The ranking of the Schulze rule; nil for the others.
    let schulze: SchulzeResult?
    /// Candidates chosen by lot where no rule could break a tie, in the order drawn (drawn at random, now).
    let drawn: [Int]

    /// Those elected in order (the ranked rules), or the first `seats` of the ranking (Schulze).
    var elected: [Int] { count?.elected ?? schulze?.winners(seats: seats) ?? [] }

    /// Counts `text` by `rule` (empty: Scottish STV) for `seats` (nil: the file's); a refusal names the field at
    /// fault, with the line of the file that could not be read.
    init(blt text: String, rule given: String, seats wanted: Int?) throws {
        var errors: [String: String] = [:]
        let rule = given.isEmpty ? "scottish-stv" : given
        if !Self.rules.contains(where: { $0.value == rule }) {
            errors["rule"] = "Choose a rule: \(Self.rules.map(\.value).joined(separator: ", "))."
        }
        if text.trimmingWhitespace().isEmpty {
            errors["blt"] = "Paste a ballot file."
        } else if text.count > Self.maxLength {
            errors["blt"] = "Keep the file under \(Self.maxLength.formatted()) characters."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let file: BallotFile
        do {
            file = try BallotFile.parse(blt: text)
        } catch {
            throw AppError.validation(["blt": "Line \(error.line): \(error.message)"])
        }
        guard file.candidates.count <= Self.maxCandidates else {
            throw AppError.validation([
                "blt": "Count at most \(Self.maxCandidates) candidates here; use freshground count."
            ])
        }
        var seats = rule == "irv" ? 1 : file.seats
        if let wanted, rule != "irv" {
            guard (1..<max(2, file.candidates.count)).contains(wanted) else {
                throw AppError.validation(["seats": "Give fewer seats than there are candidates."])
            }
            seats = wanted
        }
        let lot = LotReplay(draws: [])
        switch rule {
        case "schulze":
            schulze = Schulze.rank(file, lot: lot.choose)
            count = nil
        case "meek":
            count = MeekSTV.count(file, seats: seats, lot: lot.choose)
            schulze = nil
        case "irv":
            count = ScottishSTV.irv(file, lot: lot.choose)
            schulze = nil
        default:
            count = ScottishSTV.count(file, seats: seats, lot: lot.choose)
            schulze = nil
        }
        self.file = file
        self.rule = rule
        self.seats = seats
        drawn = lot.drawn
    }
}
