/// A ranked-ballot election in the BLT format that election officers' counting tools read and write.
///
/// Candidates are numbered from 0 here (the file numbers them from 1). A withdrawn candidate stays in the list and is
/// skipped on every ballot, as if never ranked.
public struct BallotFile: Equatable, Sendable {
    /// One ballot, or `weight` identical ballots: candidate numbers, most preferred first.
    public struct Ballot: Equatable, Sendable {
        public var weight: Int
        public var ranking: [Int]

        public init(weight: Int = 1, ranking: [Int]) {
            self.weight = weight
            self.ranking = ranking
        }
    }

    public var candidates: [String]
    public var seats: Int
    public var withdrawn: Set<Int>
    public var ballots: [Ballot]
    public var title: String

    public init(candidates: [String], seats: Int, withdrawn: Set<Int> = [], ballots: [Ballot], title: String = "") {
        self.candidates = candidates
        self.seats = seats
        self.withdrawn = withdrawn
        self.ballots = ballots
        self.title = title
    }
}

/// Why a BLT file could not be read, with the line (from 1) where it went wrong.
public struct BLTError: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
}

extension BallotFile {
    /// Reads a BLT file leniently: `#` comments, blank lines, ballots with or without the closing `0`, an optional
    /// `(id)` before a ballot, names quoted or not, and a missing title are all accepted.
    public static func parse(blt text: String) throws(BLTError) -> BallotFile {
        var lines: [(number: Int, tokens: [BLTToken])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = BLTToken.split(line)
            if !tokens.isEmpty { lines.append((index + 1, tokens)) }
        }
        guard let header = lines.first else { throw BLTError(line: 1, message: "The file is empty.") }
        guard header.tokens.count >= 2, let count = header.tokens[0].integer, let seats = header.tokens[1].integer,
            count > 0, seats > 0
        else {
            throw BLTError(line: header.number, message: "The first line must give the number of candidates and seats.")
        }
        var file = BallotFile(candidates: [], seats: seats, ballots: [])
        var next = 1
        func candidate(_ token: BLTToken, line: Int) throws(BLTError) -> Int {
            guard let number = token.integer, (1...count).contains(abs(number)) else {
                throw BLTError(line: line, message: "“\(token.text)” is not a candidate number from 1 to \(count).")
            }
            return abs(number) - 1
        }
        while next < lines.count {
            let (number, tokens) = lines[next]
            next += 1
            if tokens.count == 1, tokens[0].integer == 0 { break }
            if tokens.allSatisfy({ ($0.integer ?? 0) < 0 }) {
                for token in tokens { file.withdrawn.insert(try candidate(token, line: number)) }
                continue
            }
            var rest = tokens[...]
            if let first = rest.first, first.text.hasPrefix("(") { rest = rest.dropFirst() }
            guard let weight = rest.first?.integer, weight >= 0 else {
                throw BLTError(line: number, message: "A ballot must start with its weight, a whole number.")
            }
            var ranking: [Int] = []
            for token in rest.dropFirst() {
                if token.integer == 0 { break }
                if token.text.contains("=") {
                    throw BLTError(line: number, message: "Equal rankings (“\(token.text)”) are not supported.")
                }
                let chosen = try candidate(token, line: number)
                if !ranking.contains(chosen) { ranking.append(chosen) }
            }
            file.ballots.append(Ballot(weight: weight, ranking: ranking))
        }
        var names: [String] = []
        for (_, tokens) in lines[next...] {
            if tokens.allSatisfy(\.quoted) {
                names += tokens.map(\.text)
            } else {
                names.append(tokens.map(\.text).joined(separator: " "))
            }
        }
        guard names.count >= count else {
            let line = lines.last?.number ?? 1
            throw BLTError(line: line, message: "The file names \(names.count) of its \(count) candidates.")
        }
        file.candidates = Array(names[..<count])
        file.title = names.dropFirst(count).joined(separator: " ")
        return file
    }

    /// Writes the canonical BLT form: header, withdrawn line if any, one ballot a line closed by `0`, the closing `0`,
    /// then every name and the title quoted, one a line. A `"` inside a name becomes `'`, a line break a space.
    public var blt: String {
        var out = "\(candidates.count) \(seats)\n"
        if !withdrawn.isEmpty { out += withdrawn.sorted().map { "-\($0 + 1)" }.joined(separator: " ") + "\n" }
        for ballot in ballots {
            out +=
                ([ballot.weight] + ballot.ranking.map { $0 + 1 } + [0]).map(String.init).joined(separator: " ") + "\n"
        }
        out += "0\n"
        for name in candidates + [title] { out += "\"" + Self.quotable(name) + "\"\n" }
        return out
    }

    private static func quotable(_ text: String) -> String {
        String(text.map { $0 == "\"" ? "'" : ($0.isNewline ? " " : $0) })
    }
}

/// One word of a BLT line: a number, a quoted name or a bare word.
struct BLTToken {
    var text: String
    var quoted: Bool

    var integer: Int? { quoted ? nil : Int(text) }

    /// The words of a line, stopping at a `#` outside quotes.
    static func split(_ line: Substring) -> [BLTToken] {
        var tokens: [BLTToken] = []
        var current = ""
        var inQuotes = false
        func flush() {
            if !current.isEmpty { tokens.append(BLTToken(text: current, quoted: false)) }
            current = ""
        }
        for character in line {
            if inQuotes {
                if character == "\"" {
                    tokens.append(BLTToken(text: current, quoted: true))
                    current = ""
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                flush()
                inQuotes = true
            } else if character == "#" {
                break
            } else if character.isWhitespace {
                flush()
            } else {
                current.append(character)
            }
        }
        if inQuotes {
            tokens.append(BLTToken(text: current, quoted: true))
        } else {
            flush()
        }
        return tokens
    }
}
