import Foundation
import Testing

/// A series' organizers pick by name (issue 12, item 7): the group they invite to co-organize, the reading list
/// they turn into weeks, and the series whose syllabus a new one copies. An unknown name is refused with the input
/// kept; a private group, or a list kept for one, that the organizer is not in is neither offered nor accepted.
@Suite struct SeriesChoiceTests {
    static func unknown(_ noun: String, _ typed: String) -> String {
        "There is no \(noun) called “\(typed)” among those you can choose. Pick from the list of names."
    }

    @Test func aCoOrganizerIsInvitedByName() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            var pia = try await app.person("pia")
            let secret = try await pia.createGroup("Quiet Circle", visibility: "private")
            let path = "/study/\(study.series)"

            // act
            let page = try await study.net.olive.get(path)
            let unknown = try await study.net.olive.post("\(path)/organizers", [("group", "Nowhere Collective")])
            let hidden = try await study.net.olive.post("\(path)/organizers", [("group", "Quiet Circle")])
            let hiddenAddress = try await study.net.olive.post("\(path)/organizers", [("group", secret)])
            let named = try await study.net.olive.post("\(path)/organizers", [("group", "york circle")])
            let after = try await study.net.olive.get(path)

            // check
            #expect(page.contains(#"<label for="group">Group (required)</label>"#))
            #expect(page.contains(#"<option value="York Circle"></option>"#))
            #expect(!page.contains("Quiet Circle") && !page.contains(secret))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "group") == Self.unknown("group", "Nowhere Collective"))
            #expect(unknown.contains(#"value="Nowhere Collective""#))
            #expect(hidden.status == .unprocessableContent)
            #expect(hiddenAddress.status == .unprocessableContent)
            #expect(!hiddenAddress.contains("Quiet Circle"))
            #expect(named.status == .seeOther)
            #expect(!page.contains("invited: ") && after.contains("invited: "))
            #expect(after.contains(#"href="/groups/\#(study.net.york)""#))
        }
    }

    @Test func aReadingListBecomesWeeksByItsTitle() async throws {
        try await withApp { app in
            // setup: olive's public list of a published piece, and a list kept for a private circle
            var study = try await studyNetwork(app)
            let piece = try await draft(&study.net.olive, journal: study.net.leeds, title: "Bread and roses")
            try await submit(&study.net.olive, piece)
            try await accept(&study.net.olive, piece)
            let list = try await study.net.olive.post("/lists", [("title", "Spring"), ("public", "on")])
            try #require(
                try await study.net.olive.post("\(try #require(list.location))/items", [("publication", "\(piece)")])
                    .status == .seeOther
            )
            var pia = try await app.person("pia")
            let secret = try await pia.createGroup("Quiet Circle", visibility: "private")
            let secretList = try await pia.post("/lists", [("title", "Quiet reading"), ("group", secret)])
            try #require(secretList.status == .seeOther)
            let path = "/study/\(study.series)"

            // act
            let page = try await study.net.olive.get(path)
            let unknown = try await study.net.olive.post(
                "\(path)/weeks/from-list",
                [("list", "No such list"), ("perWeek", "2")]
            )
            let hidden = try await study.net.olive.post("\(path)/weeks/from-list", [("list", "Quiet reading")])
            let named = try await study.net.olive.post("\(path)/weeks/from-list", [("list", "spring")])
            let after = try await study.net.olive.get(path)

            // check
            #expect(page.contains(#"<label for="list">Reading list (required)</label>"#))
            #expect(page.contains(#"<option value="Spring"></option>"#))
            #expect(!page.contains("Quiet reading"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "list") == Self.unknown("reading list", "No such list"))
            #expect(unknown.contains(#"value="No such list""#) && unknown.contains(#"value="2""#))
            #expect(hidden.status == .unprocessableContent)
            #expect(named.status == .seeOther)
            #expect(page.contains("No weeks yet.") && !after.contains("No weeks yet."))
        }
    }

    @Test func aNewSeriesCopiesASyllabusByTitle() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            let fields = [("group", study.net.students), ("enrollment", "open")]

            // act
            let form = try await study.net.sara.get("/study/new")
            let unknown = try await study.net.sara.post(
                "/study",
                fields + [("title", "1848 again"), ("copyFrom", "No such series")]
            )
            let named = try await study.net.sara.post(
                "/study",
                fields + [("title", "1848 again"), ("copyFrom", "revolutions of 1848")]
            )
            let copy = try await study.net.sara.get(try #require(named.location))

            // check
            #expect(form.contains(#"<label for="copyFrom">Copy the syllabus of another series (optional)</label>"#))
            #expect(form.contains(#"<option value="Revolutions of 1848"></option>"#))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "copyFrom") == Self.unknown("series", "No such series"))
            #expect(unknown.contains(#"value="No such series""#) && unknown.contains(#"value="1848 again""#))
            #expect(named.status == .seeOther)
            #expect(copy.contains("February"))
        }
    }
}
