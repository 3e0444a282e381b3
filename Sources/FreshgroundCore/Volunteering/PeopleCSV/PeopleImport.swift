/// Reading a list of people exported from another tool (Action Network, CiviCRM) or from Freshground itself, before
/// anyone is invited: each row is taken or refused with its line number and a reason. A row is taken only when its
/// consent column says yes, it names a usable address (or, in Freshground's own files, a handle), the source did
/// not mark it "do not email", and it is not the same person as a row taken before (by email, or by name and
/// email). Nothing here touches a database; the caller decides what a taken row becomes.
public enum PeopleImport {
    /// Where the file comes from, which decides the column names.
    public enum Preset: String, CaseIterable, Sendable {
        case actionNetwork = "action_network"
        case civicrm
        case freshground

        public var label: String {
            switch self {
            case .actionNetwork: "Action Network"
            case .civicrm: "CiviCRM"
            case .freshground: "Freshground (a member list exported here)"
            }
        }

        /// The consent column read when the organizer names none.
        public var consentColumn: String {
            switch self {
            case .actionNetwork: "can2_subscription_status"
            case .civicrm: "Consent"
            case .freshground: "consent"
            }
        }

        /// The columns read, as their headers are written (matched ignoring case, spaces, `_` and `-`).
        public var columnsRead: [String] {
            switch self {
            case .actionNetwork: ["first_name", "last_name", "email", consentColumn]
            case .civicrm: ["First Name", "Last Name", "Display Name", "Email", "Do Not Email", consentColumn]
            case .freshground: ["handle", "name", "email", consentColumn]
            }
        }
    }

    /// What makes two rows the same person.
    public enum Dedupe: String, CaseIterable, Sendable {
        /// The same address (ignoring case).
        case email
        /// The same address and the same name (ignoring case and spacing): two people sharing an address stay two.
        case nameAndEmail = "name_email"

        public var label: String { self == .email ? "Same email address" : "Same name and email address" }
    }

    /// A row taken: the person's name as the file gives it, their address (lowercased, may be empty in a
    /// Freshground file) and their handle (Freshground files only, without `@`).
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let name: String
        public let email: String
        public let handle: String

        public init(line: Int, name: String, email: String, handle: String = "") {
            self.line = line
            self.name = name
            self.email = email
            self.handle = handle
        }
    }

    /// A row refused, with why.
    public struct Refusal: Error, Sendable, Equatable {
        public let line: Int
        public let reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    /// Every data row of the file, taken or refused, in file order.
    public struct Plan: Sendable, Equatable {
        public var rows: [Row] = []
        public var refused: [Refusal] = []
    }

    /// Why the whole file is refused.
    public enum FileProblem: Error, Sendable, Equatable {
        case notCSV(CSV.Problem)
        case noRows
        case missingColumns([String])
        case noConsentColumn(String)
        case tooManyRows(Int)

        public var message: String {
            switch self {
            case .notCSV(let problem): "This is not CSV that can be read: line \(problem.line): \(problem.message)"
            case .noRows: "The file has a header but no people."
            case .missingColumns(let names):
                "The file has no column \(names.map { "“\($0)”" }.joined(separator: " or ")); is the right source chosen?"
            case .noConsentColumn(let name):
                "The file has no consent column “\(name)”. Every row needs a column saying the person agreed to hear from the group."
            case .tooManyRows(let most): "Import at most \(most) people at a time; split the file."
            }
        }
    }

    /// Consent answers read as yes; anything else (empty, no, unsubscribed, bouncing…) refuses the row.
    public static let yes: Set<String> = [
        "yes", "y", "true", "1", "x", "subscribed", "opted in", "opt in", "consented", "agreed",
    ]

    /// The plan for `text`, or the reason the whole file is refused. `consentColumn` defaults to the preset's.
    public static func plan(
        _ text: String,
        preset: Preset,
        dedupe: Dedupe,
        consentColumn: String? = nil,
        maximumRows: Int = 5_000
    ) throws(FileProblem) -> Plan {
        let records: [CSV.Record]
        do { records = try CSV.read(text) } catch { throw .notCSV(error) }
        guard let header = records.first else { throw .noRows }
        let columns = Columns(header.fields)
        let consentName = consentColumn.map(trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? preset.consentColumn
        guard let consent = columns[consentName] else { throw .noConsentColumn(consentName) }
        let data = records.dropFirst().filter { record in !record.fields.allSatisfy { trimmed($0).isEmpty } }
        if data.isEmpty { throw .noRows }
        if data.count > maximumRows { throw .tooManyRows(maximumRows) }
        let reader = try RowReader(preset: preset, columns: columns, consent: consent)
        var plan = Plan()
        var seen: [String: Int] = [:]
        for record in data {
            switch reader.read(record) {
            case .failure(let refusal): plan.refused.append(refusal)
            case .success(let row):
                let key = identity(row, dedupe)
                if let first = seen[key] {
                    plan.refused.append(Refusal(line: row.line, reason: "The same person as line \(first)."))
                } else {
                    seen[key] = row.line
                    plan.rows.append(row)
                }
            }
        }
        return plan
    }

    /// The key two rows share when they are the same person.
    static func identity(_ row: Row, _ dedupe: Dedupe) -> String {
        let who = row.email.isEmpty ? "@" + row.handle : row.email
        guard dedupe == .nameAndEmail else { return who }
        return who + "\u{0}" + row.name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A plausible address: one `@` with something before it, a dotted domain after it, no spaces, at most 254
    /// characters. Whether it reaches anyone is for the invitation to find out.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else {
            return false
        }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// The header's columns by normalised name: lowercased, with `_`, `-` and runs of spaces read as one space.
struct Columns {
    let count: Int
    private let index: [String: Int]

    init(_ header: [String]) {
        count = header.count
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[Self.key(name)] == nil {
            index[Self.key(name)] = position
        }
        self.index = index
    }

    subscript(name: String) -> Int? { index[Self.key(name)] }

    static func key(_ name: String) -> String {
        let spaced = name.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 }
        return String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
