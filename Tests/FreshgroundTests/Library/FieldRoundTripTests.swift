import Foundation
import Testing

/// Every field the piece form shows for a kind is kept: it comes back on the piece's page, in the API and in the
/// edit form. (A report from below used to lose its Text: only the four questions were saved.) A field of another
/// kind is refused with a message instead of being dropped.
@Suite struct FieldRoundTripTests {
    /// The fields of each kind with a value to find again; `shown` is false for what the page does not print
    /// (a hidden checkbox value, an address the page links to rather than prints).
    private static func fields(_ kind: String) -> [(name: String, value: String)] {
        let common = [
            ("title", "Title of the \(kind)"), ("summary", "Summary of the \(kind)"), ("body", "Text of the \(kind)"),
            ("tags", "tag\(kind)"),
        ]
        switch kind {
        case "link":
            return common + [("linkURL", "https://news.example.org/\(kind)"), ("linkSource", "The Source Daily")]
        case "recording":
            return common + [("mediaURL", "https://media.example.org/talk.mp3")]
        case "report":
            return common + [
                ("byline", "A porter"), ("pseudonym", "on"), ("placeKind", "school"), ("sector", "education"),
                ("city", "Leeds"), ("placeName", "Hillside Academy"), ("happening", "Cuts to support staff."),
                ("doing", "A union meeting."), ("worked", "Talking to parents."), ("needs", "Leaflets and help."),
            ]
        default:
            return common + [("byline", "Ada Wrenfield, Second Author")]
        }
    }

    @Test(arguments: ["article", "pamphlet", "link", "recording", "report"])
    func everyFieldOfAKindComesBackOnThePageTheAPIAndTheEditForm(kind: String) async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let sent = Self.fields(kind)

            // act
            let id = try await draft(&net.author, journal: net.center, title: "", kind: kind, fields: sent)
            let page = try await net.author.get("/library/\(id)")
            let api = try await net.author.api(.get, "/api/v1/library/\(id)")
            let edit = try await net.author.get("/library/\(id)/edit")

            // check
            #expect(page.status == .ok && api.status == .ok && edit.status == .ok)
            for (name, value) in sent where !["pseudonym", "placeKind"].contains(name) {
                let escaped = value.replacingOccurrences(of: "&", with: "&amp;")
                #expect(page.contains(escaped), "\(kind): \(name) is not on the page")
                // The API sends the byline as a list of authors.
                let names = name == "byline" ? value.components(separatedBy: ", ") : [value]
                #expect(names.allSatisfy(api.contains), "\(kind): \(name) is not in the API")
                #expect(edit.contains(escaped), "\(kind): \(name) is not in the edit form")
            }
            if kind == "report" {
                let report = api.json["report"] as? [String: Any]
                #expect(report?["text"] as? String == "Text of the report")
                #expect(report?["placeKind"] as? String == "school")
                // The Text field is the author's words only, not the questions drawn into the body again.
                #expect(!edit.contains("# What is happening"))
            }
        }
    }

    @Test func savingAReportAgainFromItsEditFormKeepsItsTextOnce() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let fields = Self.fields("report")
            let id = try await draft(&net.author, journal: net.center, title: "", kind: "report", fields: fields)

            // act: save the edit form unchanged
            let saved = try await net.author.post(
                "/library/\(id)",
                fields + [("kind", "report"), ("journal", net.center)]
            )
            let api = try await net.author.api(.get, "/api/v1/library/\(id)")

            // check
            #expect(saved.status == .seeOther)
            let body = api.json["body"] as? String ?? ""
            #expect(body.components(separatedBy: "Text of the report").count == 2)
            #expect(body.components(separatedBy: "# What is happening").count == 2)
        }
    }

    @Test func anotherKindsFieldIsRefusedWithItsMessageAndTheInputKept() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)

            // act: an article with a link's address and a report's answer
            let page = try await net.author.post(
                "/library",
                [
                    ("kind", "article"), ("journal", net.center), ("title", "Mixed up"), ("body", "Words."),
                    ("linkURL", "https://news.example.org/x"), ("happening", "Something at work."),
                ]
            )

            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("This is for a link: choose that kind above, or clear it."))
            #expect(page.contains("This is for a report from below: choose that kind above, or clear it."))
            #expect(page.contains("https://news.example.org/x") && page.contains("Something at work."))
        }
    }

    @Test func theJournalIsChosenByNameAmongTheGroupsThePersonCanSee() async throws {
        try await withApp { app in
            // setup: a public center, and a private circle the author does not belong to
            var net = try await libraryNetwork(app)
            let hidden = try await net.otherOrganizer.createGroup("Secret Circle", visibility: "private")

            // act
            let form = try await net.author.get("/library/new")

            // check
            #expect(form.contains(#"list="journal-choices""#))
            #expect(form.contains(#"<option value="North Center"></option>"#))
            #expect(!form.contains("Secret Circle") && !form.contains(hidden))
        }
    }

    @Test func aPieceGoesToTheJournalNamedAndANameOfNoGroupIsRefusedBesideTheOtherFields() async throws {
        try await withApp { app in
            // setup: the private circle's name is one the author cannot choose
            var net = try await libraryNetwork(app)
            _ = try await net.otherOrganizer.createGroup("Secret Circle", visibility: "private")

            // act
            let id = try await draft(&net.author, journal: "north center", title: "Named, not addressed")
            let refused = try await net.author.post(
                "/library",
                [("kind", "article"), ("journal", "Secret Circle"), ("title", ""), ("body", "Kept words.")]
            )
            let page = try await net.author.get("/library/\(id)")

            // check: filed under the center; the refusal names the journal and the title, and keeps what was typed
            #expect(page.contains("North Center"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("There is no group called “Secret Circle” among those you can choose."))
            #expect(refused.contains(#"id="title-error""#))
            #expect(refused.contains(#"value="Secret Circle""#) && refused.contains("Kept words."))
        }
    }
}
