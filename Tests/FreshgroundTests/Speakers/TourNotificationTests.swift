import Foundation
import Testing

@Suite("Speakers: a group asked to host a tour stop is told")
struct TourNotificationTests {
    @Test func eachInvitedHostsOrganizersAreToldButNotTheirMembersOrThePlanner() async throws {
        try await withApp { app in
            // setup: gus is a plain member of Glasgow Circle
            var net = try await TourTests.network(app)
            let tour = try await TourTests.startTour(&net.alice, net)

            // act: Glasgow is asked; the coalition hosts London itself (accepted at once)
            try await TourTests.addStop(&net.alice, tour, "glasgow", hosts: net.glasgow)
            try await TourTests.addStop(&net.alice, tour, "london", hosts: net.coalition)

            // check
            let notices = try await notices(app, about: "is asked to host a stop of")
            #expect(notices.map(\.handle) == ["gina"])
            #expect(notices.first?.title.contains("Glasgow Circle") == true)
            #expect(notices.first?.kind == "tour_invitation" && notices.first?.path == "/tours/\(tour)")
            let answerPage = try await net.gina.get("/tours/\(tour)")
            #expect(answerPage.contains("Accept for Glasgow Circle"))
        }
    }
}
