import Foundation
import HTTPTypes
import Testing

@Suite("Conferences: the outcome tracker of adopted actions")
struct OutcomeTrackerTests {
    @Test func updatesAreShownOnTheConferenceAndForEachResponsibleGroup() async throws {
        try await withApp { app in
            // setup: an adopted action; sara organizes Leeds Students, bob is a plain member of it
            var setup = try await plenarySetup(app)
            let action = try await adoptedAction(app, &setup, title: "Tenants' union in every street")
            let page = "\(setup.base)/actions/\(action)"
            // act
            let empty = try await signedOutGet(app, "/conferences/groups/\(setup.net.students)/actions")
            try await expectRedirect(
                try await setup.net.olive.post("\(page)/responsible", [("groups", "Leeds Students, North Center")])
            )
            let unknownGroup = try await setup.net.olive.post("\(page)/responsible", [("groups", "Nobody Here")])
            let bySara = try await setup.net.sara.post(
                "\(page)/updates",
                [("status", "in-progress"), ("progress", "40"), ("update", "Leaflets printed for 30 streets.")]
            )
            let byBob = try await setup.net.bob.post(
                "\(page)/updates",
                [("status", "done"), ("progress", "100"), ("update", "All done")]
            )
            let tooMuch = try await setup.net.sara.post(
                "\(page)/updates",
                [("status", "done"), ("progress", "140"), ("update", "Twice as good")]
            )
            var anonymous = app.visitor()
            let actionPage = try await anonymous.get(page)
            let list = try await anonymous.get("\(setup.base)/actions")
            let groupList = try await anonymous.get("/conferences/groups/\(setup.net.students)/actions")
            let otherGroup = try await anonymous.get("/conferences/groups/\(setup.net.york)/actions")
            // check
            #expect(empty.contains("No adopted action names this group yet."))
            #expect(conferenceFieldError(unknownGroup, "groups")?.contains("Nobody Here") == true)
            #expect(bySara.status == .seeOther && byBob.status == .forbidden)
            #expect(conferenceFieldError(tooMuch, "progress") == "Give the progress as a whole number from 0 to 100.")
            #expect(tooMuch.contains("Twice as good"), "the form keeps its input")
            #expect(actionPage.contains("<strong>In progress</strong> · 40 % done"))
            #expect(actionPage.contains("Leaflets printed for 30 streets."))
            #expect(ordered(["Leeds Students", "North Center"], in: actionPage.body).count == 2)
            #expect(list.contains("In progress · 40 %"))
            #expect(groupList.contains("Tenants&#39;s union") || groupList.contains("union in every street"))
            #expect(groupList.contains("In progress · 40 %"))
            #expect(otherGroup.contains("No adopted action names this group yet."))
        }
    }

    @Test func aPrivateGroupsListIsNotShownToOutsiders() async throws {
        try await withApp { app in
            // setup
            var setup = try await plenarySetup(app)
            let hidden = try await setup.net.yann.createGroup("Quiet Cell", visibility: "private")
            // act
            var anonymous = app.visitor()
            let byOutsider = try await anonymous.get("/conferences/groups/\(hidden)/actions")
            let byMember = try await setup.net.yann.get("/conferences/groups/\(hidden)/actions")
            // check
            #expect(byOutsider.status == .notFound && byMember.status == .ok)
        }
    }

    @Test func anActionOfAPrivateConferenceIsListedOnlyForThoseWhoMaySeeIt() async throws {
        try await withApp { app in
            // setup: a private conference of Leeds Tenants; bob (a member) registers and adopts an action
            var setup = try await privateConferenceSetup(app)
            try await register(&setup.net.bob, setup)
            let action = try await ActionProposalTests.proposeAction(&setup.net.bob, setup, title: "Quiet strike")
            let decision = try await putToPlenary(app, &setup.net.olive, setup, action)
            try await expectRedirect(try await vote(&setup.net.bob, on: decision, [("position", "yes")]))
            try await closePlenaryVotes(app)
            try await expectRedirect(
                try await setup.net.olive.post(
                    "\(setup.base)/actions/\(action)/responsible",
                    [("groups", "Leeds Students")]
                )
            )
            // act
            let byOutsider = try await signedOutGet(app, "/conferences/groups/\(setup.net.students)/actions")
            let pageByOutsider = try await signedOutGet(app, "\(setup.base)/actions/\(action)")
            let pageByMona = try await setup.net.mona.get("\(setup.base)/actions/\(action)")
            let byMember = try await setup.net.bob.get("/conferences/groups/\(setup.net.students)/actions")
            // check
            #expect(
                !byOutsider.contains("Quiet strike") && byOutsider.contains("No adopted action names this group yet.")
            )
            #expect(pageByOutsider.status == .notFound && pageByMona.status == .notFound)
            #expect(byMember.contains("Quiet strike"))
        }
    }
}
