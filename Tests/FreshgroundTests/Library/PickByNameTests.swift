import Foundation
import FreshgroundWeb
import Testing

@testable import Library

/// The library's forms offer groups and pieces by name, never by address or number (issue 12, item 7): each
/// lists names, takes a name (or the old value), refuses an unknown name with the input kept, and neither lists
/// nor accepts what the person may not see.
@Suite struct PickByNameTests {
    static func unknown(_ noun: String, _ typed: String) -> String {
        "There is no \(noun) called “\(typed)” among those you can choose. Pick from the list of names."
    }

    /// A private circle with a published piece in its journal, which nobody in `net` but sam belongs to.
    static func hiddenPiece(_ net: inout LibraryNetwork) async throws -> (group: String, piece: Int) {
        let group = try await net.otherOrganizer.createGroup("Secret Circle", visibility: "private")
        let piece = try await draft(&net.otherOrganizer, journal: group, title: "Hidden minutes")
        try await submit(&net.otherOrganizer, piece)
        try await accept(&net.otherOrganizer, piece)
        return (group, piece)
    }

    @Test func aCoPublisherIsAskedByName() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let hidden = try await net.otherOrganizer.createGroup("Secret Circle", visibility: "private")
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")

            // act
            let page = try await net.author.get("/library/\(id)")
            let unknown = try await net.author.post("/library/\(id)/copublishers", [("copublisher", "Nowhere Group")])
            let secret = try await net.author.post("/library/\(id)/copublishers", [("copublisher", "Secret Circle")])
            let secretAddress = try await net.author.post("/library/\(id)/copublishers", [("copublisher", hidden)])
            let named = try await net.author.post("/library/\(id)/copublishers", [("copublisher", "south center")])

            // check
            #expect(page.contains(#"<label for="copublisher">Ask another group to co-publish</label>"#))
            #expect(page.contains(#"<option value="South Center"></option>"#))
            #expect(!page.contains(#"<option value="North Center"></option>"#), "the piece's own journal")
            #expect(!page.contains("Secret Circle") && !page.contains(hidden))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "copublisher") == Self.unknown("group", "Nowhere Group"))
            #expect(unknown.contains(#"value="Nowhere Group""#) && unknown.contains("Depot notes"))
            #expect(secret.status == .unprocessableContent)
            #expect(fieldError(secret, "copublisher") == Self.unknown("group", "Secret Circle"))
            #expect(secretAddress.status == .unprocessableContent)
            #expect(named.status == .seeOther)
            let queue = try await net.otherOrganizer.get("/groups/\(net.otherCenter)/submissions")
            #expect(queue.contains(#"action="/library/\#(id)/copublishers/\#(net.otherCenter)""#))
        }
    }

    @Test func aDebateIsTiedToAPieceByTitle() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            let hidden = try await Self.hiddenPiece(&net)

            // act
            let form = try await net.reader.get("/debates/new")
            let unknown = try await net.reader.post(
                "/debates",
                [("question", "Strike in May?"), ("publication", "No such piece")]
            )
            let secret = try await net.reader.post(
                "/debates",
                [("question", "Strike in May?"), ("publication", "Hidden minutes")]
            )
            let secretNumber = try await net.reader.post(
                "/debates",
                [("question", "Strike in May?"), ("publication", "\(hidden.piece)")]
            )
            let named = try await net.reader.post(
                "/debates",
                [("question", "Strike in May?"), ("publication", "depot notes")]
            )
            let debate = try await net.reader.get(try #require(named.location))

            // check
            #expect(form.contains(#"<label for="publication">About a piece in the library (optional)</label>"#))
            #expect(form.contains(#"<option value="Depot notes"></option>"#))
            #expect(!form.contains("Hidden minutes"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "publication") == Self.unknown("piece", "No such piece"))
            #expect(unknown.contains(#"value="No such piece""#) && unknown.contains(#"value="Strike in May?""#))
            #expect(secret.status == .unprocessableContent)
            #expect(secretNumber.status == .unprocessableContent)
            #expect(named.status == .seeOther)
            #expect(debate.contains(#"href="/library/\#(id)""#))
        }
    }

    @Test func readingListItemsArePickedByTitleAndTheKeeperByName() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let id = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Depot notes")
            let hidden = try await Self.hiddenPiece(&net)

            // act
            let mine = try await net.organizer.get("/me/lists")
            let created = try await net.organizer.post("/lists", [("title", "Starter"), ("group", "North Center")])
            let list = try #require(created.location)
            let page = try await net.organizer.get(list)
            let unknown = try await net.organizer.post("\(list)/items", [("publication", "No such piece")])
            let secret = try await net.organizer.post("\(list)/items", [("publication", "Hidden minutes")])
            let secretNumber = try await net.organizer.post("\(list)/items", [("publication", "\(hidden.piece)")])
            let named = try await net.organizer.post("\(list)/items", [("publication", "DEPOT NOTES")])
            let after = try await net.organizer.get(list)

            // check: the keeper is a select of the organizer's groups, by name
            #expect(mine.contains(#"<select id="group" name="group""#))
            #expect(mine.contains(#"<option value="\#(net.center)">North Center</option>"#))
            #expect(!mine.contains("Secret Circle"))
            #expect(created.status == .seeOther)
            #expect(page.contains(#"Kept by <a href="/groups/north-center">North Center</a>"#))
            #expect(page.contains(#"<label for="publication">Piece (required)</label>"#))
            #expect(page.contains(#"<option value="Depot notes"></option>"#))
            #expect(!page.contains("Hidden minutes"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "publication") == Self.unknown("piece", "No such piece"))
            #expect(unknown.contains(#"value="No such piece""#))
            #expect(secret.status == .unprocessableContent)
            #expect(secretNumber.status == .notFound, "a private journal's piece is not even confirmed to exist")
            #expect(named.status == .seeOther)
            #expect(page.contains("The list is empty.") && !page.contains(#"href="/library/\#(id)""#))
            #expect(after.contains(#"href="/library/\#(id)""#))
        }
    }

    /// A form suggests only the newest pieces (a large library made it a page of megabytes), yet an older piece
    /// is still taken by its title, in any case, or by its number; and naming a piece the person may not read
    /// does not bring it in.
    @Test func aPieceOlderThanTheSuggestedOnesIsStillTakenByTitleOrNumber() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            var ids: [Int] = []
            for title in ["First piece", "Second piece", "Third piece"] {
                ids.append(try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: title))
            }
            _ = try await Self.hiddenPiece(&net)
            let sql = app.store.sql
            func choices(_ typed: String) async throws -> NamedChoices {
                try await PieceChoices.published(readableBy: nil, naming: typed, suggesting: 2, in: sql)
            }

            // act
            let suggested = try await choices("")
            let byTitle = try await choices("FIRST piece")
            let byNumber = try await choices("#\(ids[0])")
            let byAddress = try await choices("http://example.org/library/\(ids[0])")
            let listed = try await choices("Second piece, first piece")
            let secret = try await choices("Hidden minutes")

            // check
            // the private journal's piece is the newest, but nobody here may read it
            #expect(suggested.choices.map(\.name) == ["Third piece", "Second piece"])
            #expect(try byTitle.number(of: "FIRST piece", field: "publication") == ids[0])
            #expect(byNumber.choices.map(\.name).contains("First piece"))
            #expect(byAddress.choices.map(\.name).contains("First piece"))
            let both = try listed.values(of: "Second piece, first piece", field: "publication")
            #expect(both == [String(ids[1]), String(ids[0])])
            #expect(!secret.choices.contains { $0.name == "Hidden minutes" })
            #expect(throws: AppError.self) { try secret.value(of: "Hidden minutes", field: "publication") }
        }
    }

    @Test func theSearchFiltersByAGroupsName() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            _ = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Depot notes",
                body: "Warehouse organizing."
            )
            let hidden = try await Self.hiddenPiece(&net)
            var anonymous = app.visitor()

            // act
            let form = try await anonymous.get("/search")
            let named = try await anonymous.get("/search?q=warehouse&group=north+center")
            let other = try await anonymous.get("/search?q=warehouse&group=South+Center")
            let oldLink = try await anonymous.get("/search?q=warehouse&group=\(net.center)")
            let unknown = try await anonymous.get("/search?q=warehouse&group=Nowhere+Group")
            let secret = try await anonymous.get("/search?q=warehouse&group=\(hidden.group)")

            // check
            #expect(form.contains(#"<label for="group">Published by</label>"#))
            #expect(form.contains(#"<option value="North Center"></option>"#))
            #expect(!form.contains("Secret Circle") && !form.contains(hidden.group))
            #expect(named.status == .ok && named.contains("Depot notes"))
            #expect(other.status == .ok && !other.contains("Depot notes"))
            #expect(oldLink.contains("Depot notes") && oldLink.contains(#"value="North Center""#))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "group") == Self.unknown("group", "Nowhere Group"))
            #expect(unknown.contains(#"value="Nowhere Group""#) && unknown.contains(#"value="warehouse""#))
            #expect(secret.status == .unprocessableContent)
            #expect(!secret.contains("Secret Circle"))
        }
    }
}
