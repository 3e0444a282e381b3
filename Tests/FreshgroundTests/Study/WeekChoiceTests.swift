import Foundation
import Testing

/// A week's readings and presenters are picked by name (issue 12, item 7): a library piece by its title among
/// the published pieces everyone may read, a speaker from a select of the roster; an unknown title is refused
/// with the input kept, and a piece of a private journal is neither offered nor accepted.
@Suite struct WeekChoiceTests {
    @Test func aReadingIsAPieceChosenByTitle() async throws {
        try await withApp { app in
            // setup: a piece in Leeds Tenants' journal, and one in a private circle's
            var study = try await studyNetwork(app)
            let series = study.series
            let week = try await addWeek(&study.net.olive, series, topic: "The spring of nations")
            let piece = try await draft(&study.net.olive, journal: study.net.leeds, title: "1848 in review")
            try await submit(&study.net.olive, piece)
            try await accept(&study.net.olive, piece)
            var pia = try await app.person("pia")
            let secret = try await pia.createGroup("Quiet Circle", visibility: "private")
            let hidden = try await draft(&pia, journal: secret, title: "Hidden minutes")
            try await submit(&pia, hidden)
            try await accept(&pia, hidden)
            let path = "/study/\(series)/weeks/\(week)"

            // act
            let page = try await study.net.olive.get(path)
            let unknown = try await study.net.olive.post(
                "\(path)/readings",
                [("readingKind", "critical review"), ("readingPublication", "No such piece"), ("readingNote", "Kept")]
            )
            let secretTitle = try await study.net.olive.post(
                "\(path)/readings",
                [("readingKind", "critical review"), ("readingPublication", "Hidden minutes")]
            )
            let secretNumber = try await study.net.olive.post(
                "\(path)/readings",
                [("readingKind", "critical review"), ("readingPublication", "\(hidden)")]
            )
            let named = try await study.net.olive.post(
                "\(path)/readings",
                [("readingKind", "critical review"), ("readingPublication", "1848 IN REVIEW")]
            )
            let after = try await study.net.olive.get(path)

            // check
            #expect(page.contains(#"<label for="readingPublication">A piece in the library</label>"#))
            #expect(page.contains(#"<option value="1848 in review"></option>"#))
            #expect(!page.contains("Hidden minutes") && !page.contains("As in /library/42"))
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "readingPublication")
                    == "There is no piece called “No such piece” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="No such piece""#) && unknown.contains(#"value="Kept""#))
            #expect(secretTitle.status == .unprocessableContent)
            #expect(secretNumber.status == .unprocessableContent)
            #expect(named.status == .seeOther)
            #expect(after.contains(#"href="/library/\#(piece)""#))
        }
    }

    @Test func aPresenterIsASpeakerChosenFromTheRoster() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            let series = study.series
            let week = try await addWeek(&study.net.olive, series, topic: "The spring of nations")
            let speaker = try await addSpeaker(&study.net.carol, group: study.net.center, name: "Rosa Example")
            let path = "/study/\(series)/weeks/\(week)"

            // act
            let page = try await study.net.olive.get(path)
            let unknown = try await study.net.olive.post("\(path)/presenters", [("presenterSpeaker", "Nobody Known")])
            let named = try await study.net.olive.post("\(path)/presenters", [("presenterSpeaker", "rosa example")])
            let after = try await study.net.olive.get(path)

            // check
            #expect(page.contains(#"<label for="presenterSpeaker">Or a speaker on the roster</label>"#))
            #expect(page.contains(#"<option value="\#(speaker)">Rosa Example</option>"#))
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "presenterSpeaker")
                    == "There is no speaker called “Nobody Known” among those you can choose. Pick from the list of names."
            )
            #expect(named.status == .seeOther)
            #expect(!page.contains("<h2>Presenters</h2>") && after.contains("<h2>Presenters</h2>"))
        }
    }
}
