import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: action proposals")
struct ActionProposalTests {
    /// Submits an action proposal through the form and returns its id.
    static func proposeAction(_ visitor: inout Visitor, _ setup: ConferenceSetup, title: String) async throws -> Int {
        let page = try await visitor.post(
            "\(setup.base)/actions",
            [("title", title), ("text", "Every group brings ten people.")]
        )
        guard page.status == .seeOther, let location = page.location,
            let id = location.firstMatch(of: #/#action-(\d+)/#).flatMap({ Int($0.output.1) })
        else { throw TestFailure("could not propose \(title): \(page.status) \(errorsIn(page))") }
        return id
    }

    @Test func participantsProposeAndOrganizersAddTheirGroupsSupport() async throws {
        try await withApp { app in
            // setup: bob (a plain member) proposes; sara organizes Leeds Students, carol North Center
            var setup = try await conferenceSetup(app, blind: false)
            let action = try await Self.proposeAction(&setup.net.bob, setup, title: "A joint day of action on rents")
            let support = "\(setup.base)/actions/\(action)/support"

            // act
            try await expectRedirect(try await setup.net.sara.post(support, [("group", setup.net.students)]))
            try await expectRedirect(try await setup.net.carol.post(support, [("group", setup.net.center)]))
            try await expectRedirect(try await setup.net.carol.post(support, [("group", setup.net.center)]))
            let byMember = try await setup.net.bob.post(support, [("group", setup.net.leeds)])
            let forOthers = try await setup.net.sara.post(support, [("group", setup.net.center)])
            let forNothing = try await setup.net.sara.post(support, [("group", "")])
            var anonymous = app.visitor()
            let published = try await anonymous.get("\(setup.base)/actions")
            let api = try await anonymous.api(.get, "/api/v1/conferences/\(setup.id)/actions")

            // check: only organizers add their own group's support, once
            #expect(byMember.status == .unprocessableContent && forOthers.status == .unprocessableContent)
            #expect(forNothing.status == .unprocessableContent)
            #expect(published.status == .ok && published.contains("A joint day of action on rents"))
            #expect(ordered(["Leeds Students", "North Center"], in: published.body).count == 2)
            let item = try #require(jsonItems(api).first)
            let supporters = (item["supporters"] as? [[String: Any]])?.compactMap { $0["slug"] as? String }
            #expect(supporters == [setup.net.students, setup.net.center], "by name")
            #expect(item["decisionID"] == nil, "no decision is attached yet")
            #expect((item["author"] as? [String: Any])?["handle"] as? String == "bob")
        }
    }

    @Test func supportIsWithdrawnByTheGroupsOrganizerAndTheProposalByItsAuthor() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            let action = try await Self.proposeAction(&setup.net.bob, setup, title: "Boycott the landlord fair")
            let support = "\(setup.base)/actions/\(action)/support"
            try await expectRedirect(try await setup.net.sara.post(support, [("group", setup.net.students)]))
            // act
            let byOther = try await setup.net.carol.post(support, [("group", setup.net.students), ("support", "off")])
            let withdrawnSupport = try await setup.net.sara.post(
                support,
                [("group", setup.net.students), ("support", "off")]
            )
            let afterSupport = try await setup.net.mona.api(.get, "/api/v1/conferences/\(setup.id)/actions")
            let byStranger = try await setup.net.mona.post("\(setup.base)/actions/\(action)/withdraw")
            let byAuthor = try await setup.net.bob.post("\(setup.base)/actions/\(action)/withdraw")
            let afterWithdrawal = try await setup.net.mona.get("\(setup.base)/actions")
            let supportLate = try await setup.net.sara.post(support, [("group", setup.net.students)])
            // check
            #expect(byOther.status == .unprocessableContent)
            #expect(withdrawnSupport.status == .seeOther)
            #expect((jsonItems(afterSupport).first?["supporters"] as? [Any])?.isEmpty == true)
            #expect(byStranger.status == .forbidden && byAuthor.status == .seeOther)
            #expect(!afterWithdrawal.contains("Boycott the landlord fair"))
            #expect(supportLate.status == .notFound)
        }
    }

    @Test func anActionNeedsATitleAndATextAndASignedInPerson() async throws {
        try await withApp { app in
            var setup = try await conferenceSetup(app, blind: false)
            // act
            let empty = try await setup.net.bob.post("\(setup.base)/actions", [("title", ""), ("text", " ")])
            var anonymous = app.visitor()
            let stranger = try await anonymous.post("\(setup.base)/actions", [("title", "Hi"), ("text", "Hello")])
            let otherEvent = try await scheduleEvent(&setup.net.olive, host: setup.net.leeds)
            let notConference = try await setup.net.bob.post(
                "/events/\(otherEvent)/conference/actions",
                [("title", "Hi"), ("text", "Hello")]
            )
            // check: the messages sit by their fields
            #expect(empty.status == .unprocessableContent)
            #expect(conferenceFieldError(empty, "title") == "Name the action in up to 200 characters.")
            #expect(conferenceFieldError(empty, "text") == "Say what the groups would do together, and why.")
            #expect(stranger.status == .unauthorized)
            #expect(notConference.status == .notFound)
        }
    }
}
