import Foundation
import Testing

/// `/events` narrows the upcoming public events by city, kind and days, keeps what was asked in its form, and
/// answers a value that does not fit with a message instead of showing everything.
@Suite struct EventFilterTests {
    @Test func theListNarrowsByCityKindAndDays() async throws {
        try await withApp { app in
            // setup: a talk in Leeds on the 20th, a social in York on the 24th
            var net = try await eventNetwork(app)
            _ = try await scheduleEvent(&net.olive, host: net.leeds, title: "Leeds talk")
            _ = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "York social",
                start: "2026-10-24T19:00",
                end: "2026-10-24T21:00",
                city: "York",
                [("kind", "social")]
            )
            var visitor = app.visitor()

            // act
            let all = try await visitor.get("/events")
            let york = try await visitor.get("/events?city=york")
            let talks = try await visitor.get("/events?kind=talk")
            let later = try await visitor.get("/events?from=2026-10-21&until=2026-10-30")
            let none = try await visitor.get("/events?city=leeds&kind=social")

            // check
            #expect(all.contains("Leeds talk") && all.contains("York social"))
            #expect(york.contains("York social") && !york.contains("Leeds talk"))
            #expect(york.contains(#"<option value="york" selected>"#))
            #expect(talks.contains("Leeds talk") && !talks.contains("York social"))
            #expect(later.contains("York social") && !later.contains("Leeds talk"))
            #expect(later.contains(#"value="2026-10-21""#))
            #expect(none.contains("No public event matches these choices."))
        }
    }

    @Test func valuesThatDoNotFitAreRefusedWithMessages() async throws {
        try await withApp { app in
            var visitor = app.visitor()
            let page = try await visitor.get("/events?city=atlantis&kind=rave&from=tomorrow&until=2026-01-01")
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("Choose a city from the list.") && page.contains("Choose a kind from the list."))
            #expect(page.contains("Give the day as YYYY-MM-DD.") && page.contains(#"value="tomorrow""#))
        }
    }
}
