import FuzzSupport
import PropertyBased
import Testing

@testable import FreshgroundCore

/// The CSV reader and writer, fuzzed: any text is read or refused without crashing, and whatever rows are written
/// are read back as they were.
@Suite("CSV fuzzing")
struct CSVFuzzTests {
    static let csvFragments = FuzzText.fragments + [",", ",,", "\"", "\"\"", "\",\"", "\r\n", "\n", "\r", " ", "'"]

    /// Rows of fields made of hostile text, quotes, commas and line breaks.
    static let rows = FuzzText.text(csvFragments, pieces: 0...6).array(of: 1...6).array(of: 0...12)

    @Test func anyTextIsReadOrRefusedWithoutCrashing() async {
        await propertyCheck(count: 500, input: FuzzText.text(Self.csvFragments, pieces: 0...60)) { text in
            do {
                let records = try CSV.read(text)
                var line = 0
                for record in records {
                    #expect(record.line > line, "lines go forward: \(text.debugDescription)")
                    line = record.line
                }
            } catch let problem as CSV.Problem {
                #expect(problem.line >= 1, "\(problem) for \(text.debugDescription)")
            } catch {
                Issue.record("\(error) for \(text.debugDescription)")
            }
        }
    }

    @Test func writtenRowsAreReadBackAsTheyWere() async {
        await propertyCheck(count: 300, input: Self.rows) { rows in
            let text = rows.map { CSV.line($0) }.joined()
            // A record of one empty field is a blank line, which the reader skips by design.
            let expected = rows.filter { $0 != [""] }.map { $0.map(Self.breaksAsLF) }
            do {
                let read = try CSV.read(text)
                #expect(read.map(\.fields) == expected, "written as \(text.debugDescription)")
            } catch {
                Issue.record("\(error) reading back \(text.debugDescription)")
            }
        }
    }

    @Test func guardedFieldsAreReadBackAsTheyWere() async {
        await propertyCheck(count: 300, input: Self.rows) { rows in
            // A field that already starts with `'` before a formula character (or a line break) is ambiguous by
            // design.
            let rows = rows.map { $0.filter { !$0.hasPrefix("'") } }
                .filter { !$0.isEmpty && $0 != [""] }
            let text = CSV.document(header: ["h"], rows: rows, guardFormulas: true)
            do {
                let read = try CSV.read(text).dropFirst().map { $0.fields.map(CSV.unguarded) }
                let expected = rows.filter { $0 != [""] }.map { $0.map(Self.breaksAsLF) }
                #expect(read == expected, "written as \(text.debugDescription)")
                for field in try CSV.read(text).flatMap(\.fields) {
                    let first = field.unicodeScalars.first
                    #expect(first == nil || !"=+-@\t\r".unicodeScalars.contains(first!), "unguarded \(field)")
                }
            } catch {
                Issue.record("\(error) reading back \(text.debugDescription)")
            }
        }
    }

    /// Found by `guardedFieldsAreReadBackAsTheyWere`: a field starting with CR is guarded as `'\r…`, which is read
    /// back as `'\n…` (a break in a quoted field is read as LF); `unguarded` used to keep the `'` then.
    @Test func aGuardedFieldStartingWithCarriageReturnRoundTrips() throws {
        let text = CSV.document(header: ["h"], rows: [["\r=1+1"]], guardFormulas: true)
        let read = try CSV.read(text).dropFirst().map { $0.fields.map(CSV.unguarded) }
        #expect(
            read == [["\n=1+1"]],
            "CSV guardFormulas + unguarded loses a field starting with CR: read \(read)"
        )
    }

    /// A line break inside a quoted field is read as LF, whichever kind was written.
    static func breaksAsLF(_ field: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in field.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" && afterCR { continue }
            out.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(out)
    }
}
