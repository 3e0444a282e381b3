import Foundation
import Testing

@Suite("Events: a group asked to co-host is told")
struct CohostNotificationTests {
    @Test func theInvitedGroupsOrganizersAreToldAndNobodyElse() async throws {
        try await withApp { app in
            // setup: bob is a plain member of both groups; olive invites
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent clinic")

            // act
            let invited = try await net.olive.post("/events/\(id)/hosts", [("group", net.students)])

            // check
            #expect(invited.status == .seeOther)
            let notices = try await notices(app, about: "Leeds Students is asked to co-host “Rent clinic”")
            #expect(notices.map(\.handle) == ["sara"])
            #expect(notices.first?.kind == "cohost_invitation")
            let answerPage = try await net.sara.get(try #require(notices.first?.path))
            #expect(answerPage.contains("Accept for Leeds Students"))
        }
    }
}
