import FreshgroundCore
import Testing

@Suite("CSV reading and writing (RFC 4180)")
struct CSVTests {
    @Test func quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws {
        let text = "name,note\r\n\"Ada, Countess\",\"said \"\"hi\"\"\"\r\n\"Two\r\nlines\",x\r\n"
        let records = try CSV.read(text)
        #expect(records.map(\.fields) == [["name", "note"], ["Ada, Countess", "said \"hi\""], ["Two\nlines", "x"]])
        // the third record starts on line 3 and its field runs onto line 4
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func lineEndsMayBeLFOrCRAndABOMIsDropped() throws {
        let records = try CSV.read("\u{FEFF}a,b\nc,d\re,f")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(records.first?.fields.first == "a", "no BOM left on the first header")
    }

    @Test func blankLinesAreSkippedButCountedInLineNumbers() throws {
        let records = try CSV.read("h\n\nx\n\n\ny\n")
        #expect(records.map(\.fields) == [["h"], ["x"], ["y"]])
        #expect(records.map(\.line) == [1, 3, 6])
    }

    @Test func emptyFieldsAndTrailingCommasAreKept() throws {
        let records = try CSV.read("a,,\"\"\n,\n")
        #expect(records.map(\.fields) == [["a", "", ""], ["", ""]])
    }

    @Test func brokenQuotingIsRefusedWithItsLine() {
        #expect(throws: CSV.Problem(line: 2, message: "A field in quotes must end at its closing quote.")) {
            try CSV.read("a\n\"b\"c\n")
        }
        #expect(throws: CSV.Problem.self) { try CSV.read("a\nb\"c\n") }
        #expect(throws: CSV.Problem(line: 3, message: "A quoted field starting here is never closed.")) {
            try CSV.read("a\nb\n\"never\nclosed")
        }
    }

    @Test func writingQuotesOnlyWhatNeedsItAndReadsBackTheSame() throws {
        let rows = [["plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", ""]]
        let text = CSV.document(header: ["a", "b", "c", "d", "e", "f"], rows: rows)
        #expect(
            text.hasPrefix(
                "a,b,c,d,e,f\r\nplain,\"with, comma\",\"with \"\"quote\"\"\",\"two\nlines\",\" padded \",\r\n"
            )
        )
        #expect(try CSV.read(text).map(\.fields) == [["a", "b", "c", "d", "e", "f"]] + rows)
    }

    /// A quote followed by a combining mark is one character to Swift; it is still a quote to CSV, and is doubled.
    @Test func aQuoteBeforeACombiningMarkIsDoubledAndReadBack() throws {
        let fields = ["\"\u{1CF00}", "a\"\u{301}b"]
        let line = CSV.line(fields)
        #expect(line == "\"\"\"\u{1CF00}\",\"a\"\"\u{301}b\"\r\n")
        #expect(try CSV.read(line)[0].fields == fields)
    }

    @Test func formulaGuardsAreWrittenAndTakenOffAgain() throws {
        let line = CSV.line(["=SUM(A1)", "-5", "@x", "ok", "'quoted"], guardFormulas: true)
        #expect(line == "'=SUM(A1),'-5,'@x,ok,'quoted\r\n")
        let back = try CSV.read(line)[0].fields.map(CSV.unguarded)
        #expect(back == ["=SUM(A1)", "-5", "@x", "ok", "'quoted"])
    }
}

@Suite("vCard of one person")
struct VCardTests {
    @Test func aCardHasVersion4EscapedValuesAndCRLF() {
        let card = VCard.card(name: "Ada; Lovelace, \\ Countess", handle: "ada", email: "ada@example.org", url: nil)
        #expect(
            card
                == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\\; Lovelace\\, \\\\ Countess\r\nNICKNAME:ada\r\n"
                + "EMAIL;TYPE=home:ada@example.org\r\nEND:VCARD\r\n"
        )
    }

    @Test func longLinesAreFoldedWithoutSplittingACharacter() {
        let card = VCard.card(name: String(repeating: "é", count: 60), handle: "h", email: nil, url: nil)
        let lines = card.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" é") })
        #expect(!card.contains("EMAIL"), "no address line without an address")
        // unfolded, the name is whole again
        #expect(card.replacing("\r\n ", with: "").contains("FN:" + String(repeating: "é", count: 60) + "\r\n"))
    }
}
