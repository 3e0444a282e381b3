import Foundation
import HTTPTypes
import Testing

/// The roster's and the tours' part of the OpenAPI document: every operation it lists is served, answers with the
/// documented status, and sends bodies that fit the document's schemas at every depth (see
/// `LibraryAPIDocumentTests.Calls`).
@Suite("Speakers and tours API document")
struct SpeakersAPIDocumentTests {
    static let operations: Set<String> = [
        "GET /api/v1/speakers", "POST /api/v1/speakers", "GET /api/v1/speakers/{id}", "PUT /api/v1/speakers/{id}",
        "POST /api/v1/speakers/{id}/talks", "DELETE /api/v1/speakers/{id}/talks/{talk}",
        "POST /api/v1/speakers/{id}/availability", "DELETE /api/v1/speakers/{id}/availability/{window}",
        "POST /api/v1/speakers/{id}/recommendations", "DELETE /api/v1/speakers/{id}/recommendations/{slug}",
        "GET /api/v1/tours", "POST /api/v1/tours", "GET /api/v1/tours/{id}", "POST /api/v1/tours/{id}/stops",
        "DELETE /api/v1/tours/{id}/stops/{stop}", "POST /api/v1/tours/{id}/stops/{stop}/hosts/{slug}",
        "POST /api/v1/tours/{id}/schedule",
    ]

    @Test func everyRosterAndTourOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup: carol keeps North Center's roster; alice organizes the coalition; gina a Glasgow circle
            var carol = try await app.person("carol")
            let center = try await carol.createGroup("North Center", kind: "center")
            var alice = try await app.person("alice")
            let coalition = try await alice.createGroup("Left Coalition", kind: "coalition")
            var gina = try await app.person("gina")
            let glasgow = try await gina.createGroup("Glasgow Circle", city: "Glasgow")
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            // act: the roster
            let added = try await calls.call(
                &carol,
                "POST /api/v1/speakers",
                "/api/v1/speakers",
                json: [
                    "group": center, "name": "Rosa Example", "city": "leeds", "topics": ["Housing"],
                    "contact": "rosa@example.org", "bio": "Tenant *organizer*.",
                ]
            )
            let speaker = try #require(APITests.integer(added.json["id"]))
            let at = "/api/v1/speakers/\(speaker)"
            try await calls.call(
                &carol,
                "PUT /api/v1/speakers/{id}",
                at,
                json: ["name": "Rosa Example", "city": "leeds", "topics": ["Housing", "Unions"]]
            )
            let talked = try await calls.call(
                &carol,
                "POST /api/v1/speakers/{id}/talks",
                "\(at)/talks",
                json: ["title": "Rent strikes", "abstract": "Then and now.", "minutes": 45]
            )
            let talk = try #require(
                (talked.json["talks"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )
            let dated = try await calls.call(
                &carol,
                "POST /api/v1/speakers/{id}/availability",
                "\(at)/availability",
                json: ["from": "2026-11-05", "until": "2026-11-12"]
            )
            try await calls.call(
                &carol,
                "POST /api/v1/speakers/{id}/availability",
                "\(at)/availability",
                json: ["from": "2026-12-01", "until": "2026-11-01"],
                status: .unprocessableContent
            )
            try await calls.call(
                &alice,
                "POST /api/v1/speakers/{id}/recommendations",
                "\(at)/recommendations",
                json: ["group": coalition, "note": "Great."]
            )
            let read = try await calls.call(&stranger, "GET /api/v1/speakers/{id}", at)
            let found = try await calls.call(
                &stranger,
                "GET /api/v1/speakers",
                "/api/v1/speakers?topic=unions&city=leeds"
            )
            try await calls.call(
                &stranger,
                "GET /api/v1/speakers",
                "/api/v1/speakers?from=nope",
                status: .unprocessableContent
            )
            // act: a tour
            let started = try await calls.call(
                &alice,
                "POST /api/v1/tours",
                "/api/v1/tours",
                json: ["speaker": speaker, "group": coalition, "from": "2026-11-02", "until": "2026-11-15"]
            )
            let tour = try #require(APITests.integer(started.json["id"]))
            let withStops = try await calls.call(
                &alice,
                "POST /api/v1/tours/{id}/stops",
                "/api/v1/tours/\(tour)/stops",
                json: ["city": "glasgow", "hosts": [glasgow], "talk": talk, "startTime": "18:30"]
            )
            try await calls.call(
                &alice,
                "POST /api/v1/tours/{id}/stops",
                "/api/v1/tours/\(tour)/stops",
                json: ["city": "london", "hosts": [coalition]]
            )
            let extra = try await calls.call(
                &alice,
                "POST /api/v1/tours/{id}/stops",
                "/api/v1/tours/\(tour)/stops",
                json: ["city": "york", "hosts": [coalition], "hostsFrom": "2026-11-10"]
            )
            let stops = try #require(extra.json["stops"] as? [[String: Any]]).compactMap { APITests.integer($0["id"]) }
            try await calls.call(
                &alice,
                "DELETE /api/v1/tours/{id}/stops/{stop}",
                "/api/v1/tours/\(tour)/stops/\(stops[2])"
            )
            try await calls.call(
                &alice,
                "POST /api/v1/tours/{id}/schedule",
                "/api/v1/tours/\(tour)/schedule",
                status: .conflict
            )
            let asked = try await calls.call(&gina, "GET /api/v1/tours", "/api/v1/tours")
            try await calls.call(
                &gina,
                "POST /api/v1/tours/{id}/stops/{stop}/hosts/{slug}",
                "/api/v1/tours/\(tour)/stops/\(stops[0])/hosts/\(glasgow)",
                json: ["answer": "accept"]
            )
            let planned = try await calls.call(&alice, "GET /api/v1/tours/{id}", "/api/v1/tours/\(tour)")
            let scheduled = try await calls.call(
                &alice,
                "POST /api/v1/tours/{id}/schedule",
                "/api/v1/tours/\(tour)/schedule"
            )
            try await calls.call(&stranger, "GET /api/v1/tours/{id}", "/api/v1/tours/\(tour)")
            try await calls.call(&stranger, "GET /api/v1/tours", "/api/v1/tours")
            // act: tidy the roster
            let window = try #require(
                (dated.json["availability"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )
            try await calls.call(
                &carol,
                "DELETE /api/v1/speakers/{id}/availability/{window}",
                "\(at)/availability/\(window)"
            )
            try await calls.call(&carol, "DELETE /api/v1/speakers/{id}/talks/{talk}", "\(at)/talks/\(talk)")
            try await calls.call(
                &alice,
                "DELETE /api/v1/speakers/{id}/recommendations/{slug}",
                "\(at)/recommendations/\(coalition)"
            )
            // check
            #expect(added.json["contact"] as? String == "rosa@example.org")
            #expect(read.json["contact"] is NSNull)
            #expect(LibraryAPIDocumentTests.items(found).count == 1)
            #expect((withStops.json["stops"] as? [[String: Any]])?.first?["startTime"] as? String == "18:30")
            #expect((asked.json["asked"] as? [[String: Any]])?.count == 1)
            #expect(planned.json["proposal"] is [String: Any])
            #expect(scheduled.json["status"] as? String == "scheduled")
            #expect(
                calls.exercised == Self.operations,
                "not exercised: \(Self.operations.subtracting(calls.exercised))"
            )
        }
    }
}
