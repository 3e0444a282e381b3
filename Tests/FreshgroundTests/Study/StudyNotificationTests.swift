import Foundation
import Testing

@Suite("Study: a group asked to co-organize a series is told")
struct StudyNotificationTests {
    @Test func theInvitedGroupsOrganizersAreTold() async throws {
        try await withApp { app in
            // setup: Leeds Students (sara) was asked and accepted; mona is a plain member of the center
            var study = try await studyNetwork(app)

            // act
            let invited = try await study.net.olive.api(
                .post,
                "/api/v1/study/\(study.series)/organizers",
                json: try jsonBody(["group": study.net.center])
            )

            // check: carol organizes the center; olive asked; sara's earlier invitation told only sara
            #expect(invited.status == .created)
            let center = try await notices(app, about: "North Center is asked to co-organize")
            #expect(center.map(\.handle) == ["carol"])
            #expect(center.first?.kind == "invitation" && center.first?.title.contains("Revolutions of 1848") == true)
            #expect(try await told(app, about: "Leeds Students is asked to co-organize") == ["sara"])
            let page = try await study.net.carol.get(try #require(center.first?.path))
            #expect(page.contains("asks North Center to co-organize"))
        }
    }

    @Test func aRequestToEnrollTellsTheSeriesOrganizersOnly() async throws {
        try await withApp { app in
            // setup: Leeds Tenants (olive) leads, Leeds Students (sara) accepted; bob is a plain member of both
            var study = try await studyNetwork(app, enrollment: "approved")

            // act
            let asked = try await enroll(&study.net.yann, study.series)
            let bobAsked = try await enroll(&study.net.bob, study.series)

            // check
            #expect(asked == "pending" && bobAsked == "pending")
            let notices = try await notices(
                app,
                about: "yann asked to enroll in the study series “Revolutions of 1848”"
            )
            #expect(notices.map(\.handle) == ["olive", "sara"])
            #expect(
                notices.allSatisfy { $0.kind == "join_request" && $0.path == "/study/\(study.series)/participants" }
            )
            #expect(try await told(app, about: "bob asked to enroll") == ["olive", "sara"])
            let page = try await study.net.sara.get("/study/\(study.series)/participants")
            #expect(page.contains("yann"))
        }
    }
}
