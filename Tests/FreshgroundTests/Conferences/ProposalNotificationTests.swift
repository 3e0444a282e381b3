import Foundation
import Testing

@Suite("Conferences: reviewers are told of proposals, co-speakers of their invitation")
struct ProposalNotificationTests {
    @Test func aProposalTellsTheOrganizersAndTheCommitteeWithoutNamingTheProposer() async throws {
        try await withApp { app in
            // setup: olive organizes the host, carol and yann sit on the committee (blind review); bob and mona
            // are plain members
            var setup = try await conferenceSetup(app, blind: true)

            // act
            let proposal = try await propose(&setup.net.sara, setup, title: "Rent strikes", speakers: "bob")

            // check
            let notices = try await notices(app, about: "New proposal to Northern Left Conference: “Rent strikes”")
            #expect(notices.map(\.handle) == ["carol", "olive", "yann"])
            #expect(
                notices.allSatisfy { $0.kind == "proposal" && !$0.title.contains("sara") && !$0.body.contains("sara") }
            )
            #expect(notices.first?.path == "\(setup.base)/proposals/\(proposal)")
            let reviewPage = try await setup.net.carol.get("\(setup.base)/proposals/\(proposal)")
            #expect(reviewPage.status == .ok && reviewPage.contains("Rent strikes"))
        }
    }

    @Test func aCoSpeakerIsToldOfTheInvitationAndNobodyElse() async throws {
        try await withApp { app in
            // setup
            var setup = try await conferenceSetup(app, blind: false)

            // act
            let proposal = try await propose(&setup.net.sara, setup, title: "Rent strikes", speakers: "bob")

            // check
            let notices = try await notices(app, about: "asks you to co-speak")
            #expect(notices.map(\.handle) == ["bob"])
            let notice = try #require(notices.first)
            #expect(notice.kind == "invitation" && notice.title.contains("sara (@sara)"))
            #expect(notice.body.contains("Rent strikes") && notice.path == "\(setup.base)/proposals/\(proposal)")
            let page = try await setup.net.bob.get(notice.path)
            #expect(page.contains("Accept: list me as a speaker"))
        }
    }
}
