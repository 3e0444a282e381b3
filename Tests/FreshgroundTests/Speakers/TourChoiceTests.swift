import Foundation
import Testing

/// A tour's speaker and its stops' hosts are picked by name (issue 12, item 7): the speaker from a select of the
/// roster, the hosts from the groups the planner can see; an unknown name is refused with the input kept, and a
/// private group the planner is not in is neither offered nor accepted.
@Suite struct TourChoiceTests {
    @Test func theTourSpeakerIsChosenFromTheRosterByName() async throws {
        try await withApp { app in
            // setup
            var net = try await TourTests.network(app)
            let dates = [("group", net.coalition), ("from", "2026-11-02"), ("until", "2026-11-15")]

            // act
            let form = try await net.alice.get("/tours/new")
            let unknown = try await net.alice.post(
                "/tours",
                [("speaker", "Nobody Known"), ("title", "Autumn tour")] + dates
            )
            let named = try await net.alice.post("/tours", [("speaker", "rosa example")] + dates)

            // check
            #expect(form.contains(#"<label for="speaker">Speaker</label>"#))
            #expect(form.contains(#"<option value="\#(net.speaker)">Rosa Example</option>"#))
            #expect(!form.contains("/speakers/12"))
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "speaker")
                    == "There is no speaker called “Nobody Known” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Autumn tour""#))
            #expect(named.status == .seeOther)
            let tour = try await net.alice.get(try #require(named.location))
            #expect(tour.contains("Rosa Example"))
        }
    }

    @Test func aStopsHostsAreNamed() async throws {
        try await withApp { app in
            // setup: a private circle alice does not belong to
            var net = try await TourTests.network(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("Quiet Circle", city: "Glasgow", visibility: "private")
            let tour = try await TourTests.startTour(&net.alice, net)

            // act
            let page = try await net.alice.get("/tours/\(tour)")
            let unknown = try await net.alice.post(
                "/tours/\(tour)/stops",
                [("city", "glasgow"), ("hosts", "Nowhere Collective"), ("address", "Hall 1")]
            )
            let secret = try await net.alice.post(
                "/tours/\(tour)/stops",
                [("city", "glasgow"), ("hosts", "Quiet Circle")]
            )
            let secretAddress = try await net.alice.post(
                "/tours/\(tour)/stops",
                [("city", "glasgow"), ("hosts", hidden)]
            )
            let named = try await net.alice.post(
                "/tours/\(tour)/stops",
                [("city", "glasgow"), ("hosts", "glasgow circle, Manchester Circle")]
            )
            let after = try await net.gina.get("/tours/\(tour)")

            // check
            #expect(page.contains(#"<label for="hosts">Host groups (required)</label>"#))
            #expect(page.contains(#"<option value="Glasgow Circle"></option>"#))
            #expect(!page.contains("Quiet Circle") && !page.contains(hidden))
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "hosts")
                    == "There is no group called “Nowhere Collective” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Nowhere Collective""#) && unknown.contains(#"value="Hall 1""#))
            #expect(secret.status == .unprocessableContent)
            #expect(fieldError(secret, "hosts")?.contains("“Quiet Circle”") == true)
            #expect(secretAddress.status == .unprocessableContent)
            #expect(named.status == .seeOther)
            #expect(after.contains("Glasgow Circle") && after.contains("Manchester Circle"))
        }
    }
}
