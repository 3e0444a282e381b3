import Foundation
import Freshground
import FreshgroundStore
import HTTPTypes
import SQLKit
import Testing

@Suite("Conferences: co-speakers consent")
struct CoSpeakerConsentTests {
    /// "Rent strikes" by sara with bob asked to co-speak, accepted by the organizers and placed in the main hall
    /// on a published schedule; review is open, so only consent keeps bob's name back.
    static func scheduledWithBobAsked(_ app: TestApp) async throws -> (ConferenceSetup, Int) {
        var setup = try await conferenceSetup(app, blind: false)
        let proposal = try await propose(&setup.net.sara, setup, title: "Rent strikes", speakers: "bob")
        try await decide(&setup.net.olive, setup, proposal, "accept")
        try await placeInMainHallAtTen(&setup.net.olive, setup, proposal)
        try await expectRedirect(
            try await setup.net.olive.post(
                "\(setup.base)/settings",
                [("cfpOpen", "on"), ("schedulePublished", "on"), ("_submitted", "1")]
            )
        )
        return (setup, proposal)
    }

    /// Every place a co-speaker is listed, as the committee, the organizers and the public see them.
    static func listings(_ app: TestApp, _ setup: inout ConferenceSetup, _ proposal: Int) async throws -> [Page] {
        var anonymous = app.visitor()
        let api = "/api/v1/conferences/\(setup.id)"
        return [
            try await setup.net.carol.get("\(setup.base)/proposals/\(proposal)"),
            try await setup.net.carol.get("\(setup.base)/proposals"),
            try await setup.net.carol.api(.get, "\(api)/proposals/\(proposal)"),
            try await setup.net.olive.api(.get, "\(api)/proposals"),
            try await anonymous.get("\(setup.base)/schedule"),
            try await anonymous.api(.get, "\(api)/schedule"),
            try await anonymous.get("\(setup.base)/schedule.ics"),
        ]
    }

    @Test func anInvitedCoSpeakerIsAskedByMailAndListedOnlyAfterAccepting() async throws {
        try await withApp { app in
            // setup
            var (setup, proposal) = try await Self.scheduledWithBobAsked(app)
            let address = try #require(
                try await app.store.sql.raw("SELECT email FROM people WHERE handle = 'bob'")
                    .value("email", as: String.self)
            )

            // act: before bob answers
            let before = try await Self.listings(app, &setup, proposal)
            let proposerPage = try await setup.net.sara.get("\(setup.base)/proposals/\(proposal)")
            let proposerJSON = try await setup.net.sara.api(
                .get,
                "/api/v1/conferences/\(setup.id)/proposals/\(proposal)"
            )
            let bobsAgenda = try await setup.net.bob.get("/me/agenda")
            let bobsConference = try await setup.net.bob.get(setup.base)
            let bobsPage = try await setup.net.bob.get("\(setup.base)/proposals/\(proposal)")
            let mail = try #require(
                try await Mailbox.messages(to: address, where: { $0.body.contains("Rent strikes") }).last
            )

            // check: nobody but sara and bob learns bob was asked
            for page in before {
                #expect(page.status == .ok)
                #expect(!page.withoutTokens.contains("bob"), "bob is listed before accepting")
            }
            #expect(before[4].contains("Rent strikes") && before[4].contains("sara (@sara)"))
            #expect(proposerPage.contains("bob (@bob), not answered yet"))
            #expect(!proposerPage.contains("with bob"))
            let asked = try #require((proposerJSON.json["coSpeakers"] as? [[String: Any]])?.first)
            #expect(asked["handle"] as? String == "bob" && asked["status"] as? String == "invited")
            #expect(bobsAgenda.contains("Invitations to co-speak") && bobsAgenda.contains("Rent strikes"))
            #expect(bobsAgenda.contains("Northern Left Conference"))
            #expect(bobsConference.contains("Invitations to co-speak") && bobsConference.contains("Rent strikes"))
            #expect(bobsPage.contains("You are asked to co-speak") && bobsPage.contains("Accept: list me as a speaker"))
            #expect(mail.subject == "You have been invited")
            #expect(!mail.subject.contains("Rent strikes") && !mail.subject.contains("sara"))
            #expect(mail.body.contains("sara (@sara)") && mail.body.contains("Northern Left Conference"))
            #expect(
                Mailbox.links(in: mail.body).contains { $0.hasSuffix("\(setup.base)/proposals/\(proposal)") }
            )

            // act: bob accepts
            let accepted = try await answerCoSpeaking(&setup.net.bob, setup, proposal, "accept")
            let after = try await Self.listings(app, &setup, proposal)
            let bobsAgendaAfter = try await setup.net.bob.get("/me/agenda")

            // check: now he is listed everywhere
            #expect(accepted.status == .seeOther && accepted.location == "\(setup.base)/proposals/\(proposal)")
            for page in after { #expect(page.body.contains("bob"), "bob is not listed after accepting") }
            #expect(after[0].contains("sara (@sara), with bob (@bob)"))
            #expect(after[4].contains("sara (@sara), bob (@bob)"))
            let listed = try #require((after[2].json["coSpeakers"] as? [[String: Any]])?.first)
            #expect(listed["status"] as? String == "accepted")
            #expect(!bobsAgendaAfter.contains("Invitations to co-speak"))
        }
    }

    @Test func aCoSpeakerWhoDeclinesIsNeverListed() async throws {
        try await withApp { app in
            // setup
            var (setup, proposal) = try await Self.scheduledWithBobAsked(app)

            // act
            let declined = try await answerCoSpeaking(&setup.net.bob, setup, proposal, "decline")
            let again = try await answerCoSpeaking(&setup.net.bob, setup, proposal, "accept")
            let againAPI = try await setup.net.bob.api(
                .post,
                "/api/v1/conferences/\(setup.id)/proposals/\(proposal)/speaking",
                json: #"{"answer": "accept"}"#
            )
            let listings = try await Self.listings(app, &setup, proposal)
            let bobsPage = try await setup.net.bob.get("\(setup.base)/proposals/\(proposal)")
            let bobsAgenda = try await setup.net.bob.get("/me/agenda")
            let proposerPage = try await setup.net.sara.get("\(setup.base)/proposals/\(proposal)")

            // check: declined for good; sara still sees the answer
            #expect(declined.status == .seeOther && declined.location == setup.base)
            #expect(again.status == .notFound && againAPI.status == .notFound)
            for page in listings {
                #expect(page.status == .ok)
                #expect(!page.withoutTokens.contains("bob"), "bob is listed after declining")
            }
            #expect(bobsPage.status == .notFound)
            #expect(!bobsAgenda.contains("Rent strikes"))
            #expect(proposerPage.contains("bob (@bob), declined"))
        }
    }

    @Test func onlyThePersonAskedCanAnswer() async throws {
        try await withApp { app in
            // setup
            var (setup, proposal) = try await Self.scheduledWithBobAsked(app)
            let api = "/api/v1/conferences/\(setup.id)/proposals/\(proposal)/speaking"
            let accept = #"{"answer": "accept"}"#

            // act
            let byProposer = try await answerCoSpeaking(&setup.net.sara, setup, proposal, "accept")
            let byCommittee = try await answerCoSpeaking(&setup.net.carol, setup, proposal, "accept")
            let byOrganizer = try await setup.net.olive.api(.post, api, json: accept)
            let byStranger = try await setup.net.mona.api(.post, api, json: accept)
            var anonymous = app.visitor()
            let byAnonymous = try await anonymous.api(.post, api, json: accept)
            let listings = try await Self.listings(app, &setup, proposal)
            let bobsAnswer = try await setup.net.bob.api(.post, api, json: accept)
            let twice = try await setup.net.bob.api(.post, api, json: accept)

            // check: nobody else can accept for bob; bob still can, once
            #expect(byProposer.status == .forbidden)
            #expect(byCommittee.status == .notFound)
            #expect(byOrganizer.status == .notFound && byStranger.status == .notFound)
            #expect(byAnonymous.status == .unauthorized)
            for page in listings { #expect(!page.withoutTokens.contains("bob")) }
            #expect(bobsAnswer.status == .noContent)
            #expect(twice.status == .conflict)
        }
    }

    @Test func coSpeakersNamedBeforeConsentMigrateAsAccepted() async throws {
        try await withApp { app in
            // setup: a proposal naming bob, not yet answered
            var (setup, proposal) = try await Self.scheduledWithBobAsked(app)
            let migration = try #require(allMigrations.first { $0.name == "AddProposalSpeakersStatus" })

            // act: the migration undone and run again, on one connection (SQLite checks a new column's name
            // against the schema the connection last read)
            try await app.store.db.withConnection { db in
                migration.revert(on: db).flatMap { migration.prepare(on: db) }
            }.get()
            let listings = try await Self.listings(app, &setup, proposal)

            // check: bob was listed before the change and still is, with nothing left to answer
            #expect(listings[0].contains("sara (@sara), with bob (@bob)"))
            #expect(listings[4].contains("sara (@sara), bob (@bob)"))
            let listed = try #require((listings[2].json["coSpeakers"] as? [[String: Any]])?.first)
            #expect(listed["status"] as? String == "accepted")
            #expect(try await answerCoSpeaking(&setup.net.bob, setup, proposal, "decline").status == .conflict)
        }
    }
}
