/// Comma-separated values as RFC 4180 describes them: fields in double quotes may hold commas, line breaks and
/// doubled quotes; records end in CRLF or a bare LF (or CR); a byte order mark at the start is dropped. Reading is
/// strict: a quote that cannot be read unambiguously refuses the text, naming the line, rather than guessing where
/// a field ends. Writing quotes only the fields that need it and ends every record in CRLF.
public enum CSV {
    /// One record and the line of the text it starts on (the first line is 1).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// Why the text is not CSV, with the line where the problem is.
    public struct Problem: Error, Sendable, Equatable {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// The records of `text`. Blank lines are skipped.
    public static func read(_ text: String) throws(Problem) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false  // inside a quoted field
        var closed = false  // just after the closing quote of a field
        var quoteLine = 1
        var started = false  // the record has at least begun (a character or a separator was read)
        var characters = text.unicodeScalars.makeIterator()
        if text.unicodeScalars.first == "\u{FEFF}" { _ = characters.next() }
        var pending: Unicode.Scalar?

        func endRecord() {
            fields.append(field)
            if started { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            started = false
            closed = false
        }

        while let scalar = pending ?? characters.next() {
            pending = nil
            let isBreak = scalar == "\n" || scalar == "\r"
            if scalar == "\r" {
                // CRLF is one line break.
                if let next = characters.next(), next != "\n" { pending = next }
            }
            if quoted {
                if scalar == "\"" {
                    if let next = characters.next() {
                        if next == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            closed = true
                            pending = next
                        }
                    } else {
                        quoted = false
                        closed = true
                    }
                } else if isBreak {
                    field.unicodeScalars.append("\n")  // a break inside a field is kept as LF
                    line += 1
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            if isBreak {
                line += 1
                endRecord()
                recordLine = line
                continue
            }
            started = true
            if scalar == "," {
                fields.append(field)
                field = ""
                closed = false
            } else if closed {
                throw Problem(line: line, message: "A field in quotes must end at its closing quote.")
            } else if scalar == "\"" {
                guard field.isEmpty else {
                    throw Problem(
                        line: line,
                        message:
                            "A quote appears inside a field that does not start with one; put the field in quotes and double the quote."
                    )
                }
                quoted = true
                quoteLine = line
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw Problem(line: quoteLine, message: "A quoted field starting here is never closed.") }
        if started || !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }

    /// One record as a line of CSV with its CRLF. Fields holding a comma, a quote, a line break or space at either
    /// end are quoted, and so is one starting with a byte order mark, which `read(_:)` would drop at the start.
    /// With `guardFormulas`, a field a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return) gets a leading `'`, which `unguarded(_:)` takes off again.
    public static func line(_ fields: [String], guardFormulas: Bool = false) -> String {
        fields.map { field -> String in
            var text = field
            if guardFormulas, let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
            let needsQuotes =
                text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
                || text.first == " " || text.last == " " || text.unicodeScalars.first == "\u{FEFF}"
            guard needsQuotes else { return text }
            return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    /// A whole document: the header, then the rows.
    public static func document(header: [String], rows: [[String]], guardFormulas: Bool = false) -> String {
        ([header] + rows).map { line($0, guardFormulas: guardFormulas) }.joined()
    }

    /// A field written with `guardFormulas` as it was before. A guarded carriage return comes back from `read(_:)`
    /// as a line feed (a break in a quoted field is read as LF), so `'` before LF is a guard too; like `'` before
    /// `=`, one typed there by hand is taken for a guard.
    public static func unguarded(_ field: String) -> String {
        let scalars = field.unicodeScalars
        guard scalars.first == "'", scalars.count > 1,
            formulaStarts.union(["\n"]).contains(scalars[scalars.index(after: scalars.startIndex)])
        else { return field }
        return String(field.dropFirst())
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}

extension String {
    /// Every `target` replaced by `replacement`, without Foundation.
    /// Scalar by scalar, as `CSV.read` reads: a quote followed by a combining mark is one `Character`, and compared
    /// as characters it was not a quote, so it was written undoubled and the field could not be read back.
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
