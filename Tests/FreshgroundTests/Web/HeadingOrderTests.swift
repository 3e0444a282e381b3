import Foundation
import HTTPTypes
import Testing

/// Markdown people write renders `#`–`###` as `h3`–`h5`, so every page that shows it must put an `h2` (or an
/// item's `h3`) before it; otherwise the headings skip a level (axe-core's `heading-order`, h1 → h3).
@Suite("Web: heading order on pages that show people's Markdown")
struct HeadingOrderTests {
    /// Markdown with the three heading levels people can type, named after the place it fills.
    static func markdown(_ place: String) -> String {
        "# \(place) A\n\nSome words.\n\n## \(place) B\n\nMore words.\n\n### \(place) C\n\nThe end."
    }

    /// What is wrong with the order of a page's headings: not exactly one `h1`, or a heading more than one
    /// level deeper than the one before it (the first heading counts from level 0, so it must be the `h1`).
    static func headingProblems(in html: String) -> [String] {
        let levels = html.matches(of: #/<h([1-6])[\s>]/#).compactMap { Int($0.output.1) }
        var problems: [String] = []
        let ones = levels.filter { $0 == 1 }.count
        if ones != 1 { problems.append("\(ones) h1 headings") }
        var previous = 0
        for level in levels {
            if level > previous + 1 { problems.append("h\(level) after h\(previous)") }
            previous = level
        }
        return problems
    }

    /// Checks one page: it answers, shows the Markdown headings of each of `places`, and its headings go down
    /// one level at a time.
    static func expectHeadingsInOrder(
        _ page: Page,
        _ name: String,
        showing places: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(page.status == .ok, "\(name): \(page.status)", sourceLocation: sourceLocation)
        for place in places {
            let shown = ["\(place) A</h3>", "\(place) B</h4>", "\(place) C</h5>"].allSatisfy { page.body.contains($0) }
            #expect(shown, "\(name) does not show the Markdown headings of \(place)", sourceLocation: sourceLocation)
        }
        let problems = headingProblems(in: page.body)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: ", "))", sourceLocation: sourceLocation)
    }

    @Test func theCheckRefusesASkippedLevelAndASecondH1() {
        #expect(Self.headingProblems(in: "<h1>T</h1><h2 class=\"x\">A</h2><h3>B</h3><h2>C</h2>").isEmpty)
        #expect(Self.headingProblems(in: "<h1>T</h1><h3>A</h3>") == ["h3 after h1"])
        #expect(Self.headingProblems(in: "<h1>T</h1><h2>A</h2><h1>U</h1>") == ["2 h1 headings"])
        #expect(Self.headingProblems(in: "<h2>A</h2><h1>T</h1>") == ["h2 after h0"])
    }

    @Test func groupPagesKeepTheirHeadingsInOrder() async throws {
        try await withApp { app in
            // setup: olive founds a group with a Markdown description and basis, posts, and makes an invitation
            var olive = try await app.person("olive")
            let founded = try await olive.post(
                "/groups",
                [
                    ("name", "Markdown Circle"), ("kind", "circle"), ("description", Self.markdown("Description")),
                    ("place_kind", "city"), ("city", "Leeds"), ("visibility", "public"), ("join_policy", "open"),
                    ("basis", Self.markdown("Basis")),
                ]
            )
            let group = try #require(founded.location, "\(founded.status) \(errorsIn(founded))")
            let posted = try await olive.post("\(group)/posts", [("title", "News"), ("body", Self.markdown("Post"))])
            let post = try #require(posted.location, "\(posted.status) \(errorsIn(posted))")
            let token = try await olive.createInvite(String(group.dropFirst("/groups/".count)))
            var anonymous = app.visitor()

            // act
            let pages = [
                ("the group page", try await anonymous.get(group), ["Description", "Basis", "Post"]),
                ("the basis history", try await anonymous.get("\(group)/basis"), ["Basis"]),
                ("the post", try await anonymous.get(post), ["Post"]),
                ("the invitation", try await anonymous.get("/invites/\(token)"), ["Description"]),
            ]

            // check
            for (name, page, places) in pages { Self.expectHeadingsInOrder(page, name, showing: places) }
        }
    }

    @Test func eventSpeakerStudyAndLibraryPagesKeepTheirHeadingsInOrder() async throws {
        try await withApp { app in
            // setup: olive (Leeds Tenants) fills an event, a speaker, a study series and week, a piece, a debate
            // and a reading list with Markdown
            var net = try await eventNetwork(app)
            let event = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Markdown evening",
                [("description", Self.markdown("Event"))]
            )
            let speaker = try await addSpeaker(&net.olive, group: net.leeds, name: "Rosa", bio: Self.markdown("Bio"))
            let series = try await net.olive.api(
                .post,
                "/api/v1/study",
                json: try jsonBody([
                    "title": "Markdown series", "description": Self.markdown("Series"), "group": net.leeds,
                    "enrollment": "open", "publishReports": true,
                ])
            )
            let seriesID = try #require(APITests.integer(series.json["id"]), "\(series.body.prefix(300))")
            let week = try await net.olive.api(
                .post,
                "/api/v1/study/\(seriesID)/weeks",
                json: try jsonBody([
                    "topic": "Week one", "introduction": Self.markdown("Introduction"), "questions": [String](),
                ])
            )
            let weekNumber = try #require(APITests.integer(week.json["number"]), "\(week.body.prefix(300))")
            let piece = try await Discussion.publish(&net.olive, in: net.leeds, "A piece", body: Self.markdown("Piece"))
            let debate = try await Discussion.openDebate(
                &net.olive,
                "Rent strike now?",
                description: Self.markdown("Debate")
            )
            let position = try await Discussion.state(&net.bob, in: debate, "Yes", argument: Self.markdown("Argument"))
            _ = try await Discussion.reply(&net.sara, in: debate, position: position, Self.markdown("Reply"))
            let listed = try await net.olive.post(
                "/lists",
                [("title", "Markdown list"), ("description", Self.markdown("List")), ("public", "on")]
            )
            let list = try #require(listed.location, "\(listed.status) \(errorsIn(listed))")
            let added = try await net.olive.post("\(list)/items", [("publication", "/library/\(piece)")])
            #expect(added.status == .seeOther, "\(added.status) \(errorsIn(added))")
            var anonymous = app.visitor()

            // act
            let pages = [
                ("the event", try await anonymous.get("/events/\(event)"), ["Event"]),
                ("the speaker", try await net.olive.get("/speakers/\(speaker)"), ["Bio"]),
                ("the series", try await anonymous.get("/study/\(seriesID)"), ["Series"]),
                ("the week", try await anonymous.get("/study/\(seriesID)/weeks/\(weekNumber)"), ["Introduction"]),
                ("the piece", try await anonymous.get("/library/\(piece)"), ["Piece"]),
                ("the debate", try await anonymous.get("/debates/\(debate)"), ["Debate", "Argument", "Reply"]),
                ("the reading list", try await anonymous.get(list), ["List"]),
            ]

            // check
            for (name, page, places) in pages { Self.expectHeadingsInOrder(page, name, showing: places) }
        }
    }

    @Test func conferencePagesKeepTheirHeadingsInOrder() async throws {
        try await withApp { app in
            // setup: the call, a proposal's abstract and a joint action written in Markdown
            var setup = try await conferenceSetup(app, blind: false)
            try await expectRedirect(
                try await setup.net.olive.post(
                    "\(setup.base)/settings",
                    [("cfpOpen", "on"), ("cfpText", Self.markdown("Call")), ("_submitted", "1")]
                )
            )
            let proposed = try await setup.net.bob.post(
                "\(setup.base)/proposals",
                [
                    ("kind", "talk"), ("title", "Tenant unions"), ("abstract", Self.markdown("Abstract")),
                    ("group", ""), ("speakers", ""), ("track", ""),
                ]
            )
            let proposal = try #require(proposed.location, "\(proposed.status) \(errorsIn(proposed))")
            try await expectRedirect(
                try await setup.net.bob.post(
                    "\(setup.base)/actions",
                    [("title", "A day of action"), ("text", Self.markdown("Action"))]
                )
            )
            var anonymous = app.visitor()

            // act: the list links each action's own page, which shows its text
            let list = try await setup.net.olive.get("\(setup.base)/actions")
            let action = try #require(list.body.firstMatch(of: /href="(\/events\/\d+\/conference\/actions\/\d+)"/)?.1)
            let pages = [
                ("the conference", try await anonymous.get(setup.base), ["Call"]),
                ("the proposal", try await setup.net.bob.get(proposal), ["Abstract"]),
                ("the action proposals", list, []),
                ("the action", try await setup.net.olive.get(String(action)), ["Action"]),
            ]

            // check
            for (name, page, places) in pages { Self.expectHeadingsInOrder(page, name, showing: places) }
        }
    }
}
