import Foundation
import HTTPTypes
import Testing

/// The conferences' part of the OpenAPI document: every operation it lists is served, answers with the documented
/// status, and sends bodies that fit the document's schemas at every depth (see `LibraryAPIDocumentTests.Calls`).
@Suite("Conferences API document")
struct ConferencesAPIDocumentTests {
    /// Every conference operation; those of the plenary are exercised by `PlenaryAPITests`.
    static let operations = own.union(PlenaryAPITests.operations)
    static let own: Set<String> = [
        "GET /api/v1/conferences/{id}", "PUT /api/v1/conferences/{id}/settings", "POST /api/v1/conferences/{id}/tracks",
        "POST /api/v1/conferences/{id}/rooms", "POST /api/v1/conferences/{id}/committee",
        "GET /api/v1/conferences/{id}/proposals", "POST /api/v1/conferences/{id}/proposals",
        "GET /api/v1/conferences/{id}/proposals/{proposal}",
        "POST /api/v1/conferences/{id}/proposals/{proposal}/reviews",
        "POST /api/v1/conferences/{id}/proposals/{proposal}/decision",
        "POST /api/v1/conferences/{id}/proposals/{proposal}/withdraw",
        "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking", "GET /api/v1/conferences/{id}/schedule",
        "POST /api/v1/conferences/{id}/sessions", "DELETE /api/v1/conferences/{id}/sessions/{session}",
        "POST /api/v1/conferences/{id}/sessions/{session}/star",
        "DELETE /api/v1/conferences/{id}/sessions/{session}/star",
        "GET /api/v1/me/agenda", "GET /api/v1/conferences/{id}/actions", "POST /api/v1/conferences/{id}/actions",
        "POST /api/v1/conferences/{id}/actions/{action}/supports",
        "DELETE /api/v1/conferences/{id}/actions/{action}/supports/{slug}",
        "POST /api/v1/conferences/{id}/actions/{action}/withdraw",
    ]

    @Test func everyConferenceOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            // setup: olive's group hosts a conference; carol will sit on its committee; sara and bob propose
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Northern Left Conference",
                start: "2026-10-17T09:00",
                end: "2026-10-18T18:00",
                [("kind", "conference")]
            )
            var stranger = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&stranger)
            let at = "/api/v1/conferences/\(id)"

            // act: the organizer sets the conference up
            try await calls.call(
                &net.olive,
                "PUT /api/v1/conferences/{id}/settings",
                "\(at)/settings",
                json: [
                    "cfpOpen": true, "blindReview": true, "cfpText": "Send sessions.",
                    "cfpClosesAt": "2026-10-10T18:00",
                ]
            )
            try await calls.call(
                &net.olive,
                "PUT /api/v1/conferences/{id}/settings",
                "\(at)/settings",
                json: ["cfpClosesAt": "soon"],
                status: .unprocessableContent
            )
            let withRoom = try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/rooms",
                "\(at)/rooms",
                json: ["name": "Main hall"]
            )
            let withTrack = try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/tracks",
                "\(at)/tracks",
                json: ["name": "Housing"]
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/tracks",
                "\(at)/tracks",
                json: ["name": "Mine"],
                status: .forbidden
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/committee",
                "\(at)/committee",
                json: ["handle": "carol"]
            )
            let room = try #require(
                (withRoom.json["rooms"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )
            let track = try #require(
                (withTrack.json["tracks"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )

            // act: proposals, blind review, a decision and a withdrawal
            let proposed = try await calls.call(
                &net.sara,
                "POST /api/v1/conferences/{id}/proposals",
                "\(at)/proposals",
                json: [
                    "kind": "workshop", "title": "Rent strikes", "abstract": "How they *won*.", "group": net.students,
                    "track": track, "speakers": ["bob"],
                ]
            )
            let proposal = try #require(APITests.integer(proposed.json["id"]))
            let invited = try await calls.call(
                &net.bob,
                "GET /api/v1/conferences/{id}/proposals/{proposal}",
                "\(at)/proposals/\(proposal)"
            )
            try await calls.call(
                &net.mona,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking",
                "\(at)/proposals/\(proposal)/speaking",
                json: ["answer": "accept"],
                status: .notFound
            )
            try await calls.call(
                &net.sara,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking",
                "\(at)/proposals/\(proposal)/speaking",
                json: ["answer": "accept"],
                status: .forbidden
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking",
                "\(at)/proposals/\(proposal)/speaking",
                json: ["answer": "maybe"],
                status: .unprocessableContent
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking",
                "\(at)/proposals/\(proposal)/speaking",
                json: ["answer": "accept"]
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/speaking",
                "\(at)/proposals/\(proposal)/speaking",
                json: ["answer": "decline"],
                status: .conflict
            )
            let other = try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals",
                "\(at)/proposals",
                json: ["kind": "talk", "title": "Study circles", "abstract": "Reading together."]
            )
            let otherID = try #require(APITests.integer(other.json["id"]))
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals",
                "\(at)/proposals",
                json: ["kind": "lecture", "title": "", "abstract": ""],
                status: .unprocessableContent
            )
            let blind = try await calls.call(&net.carol, "GET /api/v1/conferences/{id}/proposals", "\(at)/proposals")
            try await calls.call(
                &net.bob,
                "GET /api/v1/conferences/{id}/proposals",
                "\(at)/proposals",
                status: .forbidden
            )
            try await calls.call(
                &net.carol,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/reviews",
                "\(at)/proposals/\(proposal)/reviews",
                json: ["score": 4, "comment": "Strong."]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/decision",
                "\(at)/proposals/\(proposal)/decision",
                json: ["decision": "accept"]
            )
            let seenBySpeaker = try await calls.call(
                &net.sara,
                "GET /api/v1/conferences/{id}/proposals/{proposal}",
                "\(at)/proposals/\(proposal)"
            )
            try await calls.call(
                &net.mona,
                "GET /api/v1/conferences/{id}/proposals/{proposal}",
                "\(at)/proposals/\(proposal)",
                status: .notFound
            )
            let withdrawn = try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/proposals/{proposal}/withdraw",
                "\(at)/proposals/\(otherID)/withdraw"
            )
            // check
            #expect(LibraryAPIDocumentTests.items(blind).allSatisfy { $0["anonymous"] as? Bool == true })
            #expect((seenBySpeaker.json["reviews"] as? [[String: Any]])?.first?["reviewer"] == nil)
            #expect((invited.json["coSpeakers"] as? [[String: Any]])?.first?["status"] as? String == "invited")
            #expect((seenBySpeaker.json["coSpeakers"] as? [[String: Any]])?.first?["status"] as? String == "accepted")
            #expect(withdrawn.json["status"] as? String == "withdrawn")

            // act: the schedule, stars and the agenda
            let placed = try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/sessions",
                "\(at)/sessions",
                json: ["proposal": proposal, "room": room, "start": "2026-10-17T10:00", "end": "2026-10-17T11:00"]
            )
            try await calls.call(
                &net.olive,
                "POST /api/v1/conferences/{id}/sessions",
                "\(at)/sessions",
                json: ["proposal": otherID, "room": room, "start": "2026-10-17T10:00", "end": "2026-10-17T11:00"],
                status: .unprocessableContent
            )
            let session = try #require(
                (placed.json["sessions"] as? [[String: Any]])?.first.flatMap { APITests.integer($0["id"]) }
            )
            try await calls.call(
                &net.olive,
                "PUT /api/v1/conferences/{id}/settings",
                "\(at)/settings",
                json: ["cfpOpen": false, "blindReview": true, "schedulePublished": true]
            )
            try await calls.call(
                &net.mona,
                "POST /api/v1/conferences/{id}/sessions/{session}/star",
                "\(at)/sessions/\(session)/star"
            )
            let starred = try await calls.call(&net.mona, "GET /api/v1/conferences/{id}/schedule", "\(at)/schedule")
            let agenda = try await calls.call(&net.mona, "GET /api/v1/me/agenda", "/api/v1/me/agenda")
            try await calls.call(
                &net.mona,
                "DELETE /api/v1/conferences/{id}/sessions/{session}/star",
                "\(at)/sessions/\(session)/star"
            )
            let shown = try await calls.call(&stranger, "GET /api/v1/conferences/{id}", at)
            // check
            #expect((starred.json["sessions"] as? [[String: Any]])?.first?["starred"] as? Bool == true)
            #expect(LibraryAPIDocumentTests.items(agenda).count == 1)
            #expect((agenda.json["feedURL"] as? String)?.hasSuffix(".ics") == true)
            #expect(shown.json["acceptingProposals"] as? Bool == false)

            // act: action proposals and support
            let actions = try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/actions",
                "\(at)/actions",
                json: ["title": "A day of action", "text": "Every group brings ten people."]
            )
            let action = try #require(
                LibraryAPIDocumentTests.items(actions).first.flatMap { APITests.integer($0["id"]) }
            )
            try await calls.call(
                &net.sara,
                "POST /api/v1/conferences/{id}/actions/{action}/supports",
                "\(at)/actions/\(action)/supports",
                json: ["group": net.students]
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/actions/{action}/supports",
                "\(at)/actions/\(action)/supports",
                json: ["group": net.leeds],
                status: .unprocessableContent
            )
            let supported = try await calls.call(&stranger, "GET /api/v1/conferences/{id}/actions", "\(at)/actions")
            try await calls.call(
                &net.sara,
                "DELETE /api/v1/conferences/{id}/actions/{action}/supports/{slug}",
                "\(at)/actions/\(action)/supports/\(net.students)"
            )
            try await calls.call(
                &net.bob,
                "POST /api/v1/conferences/{id}/actions/{action}/withdraw",
                "\(at)/actions/\(action)/withdraw"
            )
            try await calls.call(
                &net.olive,
                "DELETE /api/v1/conferences/{id}/sessions/{session}",
                "\(at)/sessions/\(session)"
            )
            let empty = try await calls.call(&stranger, "GET /api/v1/conferences/{id}/schedule", "\(at)/schedule")
            // check
            #expect((LibraryAPIDocumentTests.items(supported).first?["supporters"] as? [Any])?.count == 1)
            #expect((empty.json["sessions"] as? [Any])?.isEmpty == true)
            #expect(
                calls.exercised == Self.own,
                "not exercised: \(Self.own.subtracting(calls.exercised))"
            )
        }
    }
}
