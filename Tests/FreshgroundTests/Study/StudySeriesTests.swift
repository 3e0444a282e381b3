import Foundation
import HTTPTypes
import Testing

/// Study series: co-organizing groups, the syllabus (weeks, readings by kind, media, presenters, questions,
/// copying and reading lists), and enrollment with who may see whom.
@Suite("Study: series and syllabus")
struct StudySeriesTests {
    @Test func groupsCoOrganizeOnlyOnceTheirOrganizersAccept() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let created = try await net.olive.api(
                .post,
                "/api/v1/study",
                json: try jsonBody(["title": "Capital, volume one", "group": net.leeds])
            )
            let series = try #require(APITests.integer(created.json["id"]))
            // A series is led only by a group the person organizes.
            let notMine = try await net.bob.api(
                .post,
                "/api/v1/study",
                json: try jsonBody(["title": "X", "group": net.leeds])
            )
            #expect(notMine.status == .unprocessableContent)
            #expect(notMine.body.contains("Choose a group you organize"))
            try await net.olive.api(
                .post,
                "/api/v1/study/\(series)/organizers",
                json: try jsonBody(["group": net.york])
            )
            // Invited but not accepted: York's organizer cannot change the syllabus yet.
            let early = try await net.yann.api(
                .post,
                "/api/v1/study/\(series)/weeks",
                json: try jsonBody(["topic": "Commodities"])
            )
            #expect(early.status == .forbidden)
            // A plain member of York cannot answer for it.
            let invitations = try await net.yann.get("/study")
            #expect(invitations.contains("asks York Circle to co-organize"))
            let accepted = try await net.yann.api(
                .post,
                "/api/v1/study/\(series)/organizers/\(net.york)",
                json: try jsonBody(["answer": "accept"])
            )
            #expect(accepted.status == .ok)
            #expect(try await addWeek(&net.yann, series, topic: "Commodities") == 1)
            var anonymous = app.visitor()
            let page = try await anonymous.get("/study/\(series)")
            #expect(page.contains("Leeds Tenants") && page.contains("York Circle") && page.contains("Commodities"))
            // A declined group gets no rights.
            try await net.olive.api(
                .post,
                "/api/v1/study/\(series)/organizers",
                json: try jsonBody(["group": net.center])
            )
            try await net.carol.api(
                .post,
                "/api/v1/study/\(series)/organizers/\(net.center)",
                json: try jsonBody(["answer": "decline"])
            )
            let declined = try await net.carol.api(
                .post,
                "/api/v1/study/\(series)/weeks",
                json: try jsonBody(["topic": "Money"])
            )
            #expect(declined.status == .forbidden)
        }
    }

    @Test func theSyllabusGroupsReadingsByKindWithMediaPresentersAndQuestions() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            let series = study.series
            try await addWeek(
                &study.net.olive,
                series,
                topic: "The February days",
                questions: ["Why Paris?", "Who fought?"]
            )
            let piece = try await publishPiece(
                &study.net.bob,
                editor: &study.net.olive,
                journal: study.net.leeds,
                title: "1848 in review"
            )
            let reading = try await study.net.olive.post(
                "/study/\(series)/weeks/1/readings",
                [
                    ("readingKind", "critical review"), ("readingPublication", "/library/\(piece)"),
                    ("readingNote", "Start here."),
                ]
            )
            #expect(reading.status == .seeOther)
            let archive = try await study.net.sara.post(
                "/study/\(series)/weeks/1/readings",
                [
                    ("readingKind", "from the archive"), ("readingUrl", "https://archive.example.org/manifesto"),
                    ("readingTitle", "The Manifesto"),
                ]
            )
            #expect(archive.status == .seeOther)
            let film = try await study.net.olive.post(
                "/study/\(series)/weeks/1/media",
                [
                    ("mediaKind", "film"), ("mediaTitle", "La Commune"),
                    ("mediaUrl", "https://films.example.org/commune.mp4"), ("mediaSizeMB", "2100"),
                ]
            )
            #expect(film.status == .seeOther)
            let presenter = try await study.net.olive.post(
                "/study/\(series)/weeks/1/presenters",
                [("presenterHandle", "yann")]
            )
            #expect(presenter.status == .seeOther)
            var anonymous = app.visitor()
            let page = try await anonymous.get("/study/\(series)/weeks/1")
            #expect(
                ordered(
                    ["Critical review", "1848 in review", "Start here.", "From the archive", "The Manifesto"],
                    in: page.body
                ).count == 5
            )
            #expect(page.contains("La Commune") && page.contains("2.1 GB"))
            #expect(page.contains("Why Paris?") && page.contains("Who fought?"))
            // A presenter with an account is named (there are no people's pages, so no link: it used to lead to a
            // 404).
            #expect(page.contains("<li>yann"))
            #expect(!page.contains("href=\"/people/"))
            // Unknown kinds, a film without its address, an impossible size and a nobody are refused with messages.
            let kind = try await study.net.olive.post(
                "/study/\(series)/weeks/1/readings",
                [("readingKind", "gossip"), ("readingUrl", "https://x.example.org")]
            )
            #expect(kind.status == .unprocessableContent && kind.contains("Choose one of this series"))
            let size = try await study.net.olive.post(
                "/study/\(series)/weeks/1/media",
                [
                    ("mediaKind", "film"), ("mediaTitle", "Huge"), ("mediaUrl", "https://f.example.org/a"),
                    ("mediaSizeMB", "nan"),
                ]
            )
            #expect(size.status == .unprocessableContent && size.contains("megabytes"))
            let nobody = try await study.net.olive.post(
                "/study/\(series)/weeks/1/presenters",
                [("presenterHandle", "no-such-person")]
            )
            #expect(
                nobody.status == .unprocessableContent && nobody.contains("There is no person called “no-such-person”")
            )
            // Participants and outsiders cannot change the syllabus.
            let outsider = try await study.net.mona.api(
                .post,
                "/api/v1/study/\(series)/weeks/1/readings",
                json: try jsonBody(["kind": "from the archive", "url": "https://x.example.org", "title": "Mine"])
            )
            #expect(outsider.status == .forbidden)
        }
    }

    @Test func aPrivateOrganizingGroupIsNamedOnlyToItsMembers() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            let hidden = try await study.net.yann.createGroup("Quiet Reading Circle", visibility: "private")
            try await study.net.olive.api(
                .post,
                "\(study.at)/organizers",
                json: try jsonBody(["group": study.net.york])
            )
            try await study.net.yann.api(
                .post,
                "\(study.at)/organizers/\(study.net.york)",
                json: try jsonBody(["answer": "accept"])
            )
            try await study.net.yann.api(.post, "\(study.at)/organizers", json: try jsonBody(["group": hidden]))
            #expect(try await study.net.yann.get("/study/\(study.series)").contains("Quiet Reading Circle"))
            var anonymous = app.visitor()
            for page in [
                try await anonymous.get("/study"), try await anonymous.get("/study/\(study.series)"),
                try await anonymous.api(.get, study.at), try await anonymous.api(.get, "/api/v1/study"),
                try await study.net.mona.get("/study/\(study.series)"),
            ] {
                #expect(!page.contains("Quiet Reading Circle") && !page.contains(hidden))
            }
        }
    }

    @Test func onlyPiecesEveryoneMayReadGoOnTheSyllabus() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "June")
            let draft = try await draft(&study.net.bob, journal: study.net.leeds, title: "Unfinished thoughts")
            let refused = try await study.net.olive.api(
                .post,
                "/api/v1/study/\(study.series)/weeks/1/readings",
                json: try jsonBody(["kind": "critical review", "publication": String(draft)])
            )
            #expect(refused.status == .unprocessableContent)
            var anonymous = app.visitor()
            #expect(!(try await anonymous.get("/study/\(study.series)/weeks/1")).contains("Unfinished thoughts"))
        }
    }

    @Test func aSyllabusIsCopiedAndAReadingListBecomesWeeks() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February", questions: ["What was won?"])
            try await study.net.olive.api(
                .post,
                "/api/v1/study/\(study.series)/weeks/1/readings",
                json: try jsonBody([
                    "kind": "from the archive", "url": "https://archive.example.org/feb", "title": "February texts",
                ])
            )
            let copy = try await study.net.sara.api(
                .post,
                "/api/v1/study",
                json: try jsonBody(["title": "1848 again", "group": study.net.students, "copyFrom": study.series])
            )
            #expect(copy.status == .created)
            let weeks = copy.json["weeks"] as? [[String: Any]] ?? []
            #expect(weeks.count == 1 && weeks.first?["topic"] as? String == "February")
            #expect((weeks.first?["questions"] as? [String]) == ["What was won?"])
            #expect(((weeks.first?["readings"] as? [[String: Any]])?.first?["title"] as? String) == "February texts")
            // A reading list of three published pieces becomes two weeks of two and one.
            var ids: [Int] = []
            for title in ["Bread", "Roses", "Barricades"] {
                ids.append(
                    try await publishPiece(
                        &study.net.bob,
                        editor: &study.net.olive,
                        journal: study.net.leeds,
                        title: title
                    )
                )
            }
            let list = try await study.net.olive.api(
                .post,
                "/api/v1/lists",
                json: try jsonBody(["title": "Spring", "isPublic": true])
            )
            let listID = try #require(APITests.integer(list.json["id"]))
            for id in ids {
                try await study.net.olive.api(
                    .post,
                    "/api/v1/lists/\(listID)/items",
                    json: try jsonBody(["publication": id])
                )
            }
            let added = try await study.net.olive.api(
                .post,
                "/api/v1/study/\(study.series)/weeks/from-list",
                json: try jsonBody(["list": listID, "perWeek": 2])
            )
            #expect(added.status == .created)
            let topics = (added.json["weeks"] as? [[String: Any]] ?? []).compactMap { $0["topic"] as? String }
            #expect(topics == ["February", "Bread", "Barricades"])
        }
    }

    @Test func enrollmentIsApprovedWhenTheSeriesAsksAndTheListIsForOrganizersOnly() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app, enrollment: "approved")
            #expect(try await enroll(&study.net.bob, study.series, newcomer: true) == "pending")
            #expect(try await enroll(&study.net.yann, study.series) == "pending")
            let asking = try await study.net.olive.api(.get, "\(study.at)/participants")
            #expect(asking.contains("\"status\":\"pending\"") && asking.contains("\"handle\":\"bob\""))
            let decided = try await study.net.sara.api(
                .post,
                "\(study.at)/participants/bob",
                json: try jsonBody(["answer": "accept"])
            )
            #expect(decided.status == .ok)
            let list = try await study.net.olive.get("/study/\(study.series)/participants")
            #expect(list.contains("bob") && list.contains("newcomer") && list.contains("yann"))
            // Participants, outsiders and anonymous visitors never see who takes part.
            for visitor in [study.net.bob, study.net.mona, app.visitor()] {
                var visitor = visitor
                let api = try await visitor.api(.get, "\(study.at)/participants")
                #expect(api.status == .forbidden || api.status == .unauthorized)
                let page = try await visitor.get("/study/\(study.series)/participants")
                #expect(!page.contains("yann"))
            }
            var anonymous = app.visitor()
            let public_ = try await anonymous.get("/study/\(study.series)")
            #expect(public_.contains("1 participant") && !public_.contains("bob"))
        }
    }
}
