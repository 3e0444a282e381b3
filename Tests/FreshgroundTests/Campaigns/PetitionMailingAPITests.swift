import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Notice to partners through the JSON API, checked against the document: a mailing reaching another group's
/// signers is refused until announced, the partner's organizer reads the announcement without a name, and it goes
/// once the notice has passed.
@Suite("Campaigns: notice to partners in the JSON API")
struct PetitionMailingAPITests {
    @Test func anAnnouncedMailingGoesOnceTheNoticeHasPassed() async throws {
        try await withApp { app in
            // setup: a week's notice; Mia signs through Leeds Tenants and lets Leeds Students contact her
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let sharing = "/api/v1/campaigns/\(campaign)/sharing"
            let agreed = try await calls.call(&network.cole, PetitionOp.setSharing, sharing, json: ["notice": ""])
            let petition = try await startPetition(&calls, &network.net.olive, campaign, group: leeds)
            let address = try await signOptedIn(app, &calls, network, petition)
            let group = "/api/v1/campaigns/\(campaign)/groups/\(students)"
            let letter = ["subject": "API news", "body": "Sent through the API."]
            var stranger = try await app.person("stan")
            // act
            let unannounced = try await calls.call(
                &network.net.sara,
                PetitionOp.mail,
                "\(group)/mailings",
                json: letter,
                status: .unprocessableContent
            )
            let announced = try await calls.call(
                &network.net.sara,
                PetitionOp.announce,
                "\(group)/mailing-notices",
                json: letter,
                status: .created
            )
            let id = try #require(APITests.integer(announced.json["id"]))
            let notice = "/api/v1/campaigns/\(campaign)/mailing-notices/\(id)"
            let partner = try await calls.call(&network.net.olive, PetitionOp.notice, notice)
            try await calls.call(&stranger, PetitionOp.notice, notice, status: .notFound)
            let send = "\(group)/mailing-notices/\(id)/send"
            let early = try await calls.call(
                &network.net.sara,
                PetitionOp.sendAnnounced,
                send,
                status: .unprocessableContent
            )
            try await app.advanceClockAfterMail(seconds: 7 * 24 * 3600)
            let sent = try await calls.call(&network.net.sara, PetitionOp.sendAnnounced, send, status: .created)
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "API news" }
            // check
            #expect(APITests.integer(agreed.json["noticeDays"]) == 7, "a week when left out")
            let refusal = try #require(jsonField(unannounced, "errors", "_form") as? String)
            #expect(refusal.contains("announce it to them first"))
            #expect(announced.location == notice)
            #expect(announced.json["maySend"] as? Bool == true && announced.json["sent"] as? Bool == false)
            #expect(partner.json["maySend"] as? Bool == false && partner.json["subject"] as? String == "API news")
            let yours = try #require(partner.json["yourSigners"] as? [[String: Any]])
            #expect(yours.count == 1 && yours.first?["name"] as? String == "Leeds Tenants")
            #expect(APITests.integer(yours.first?["signers"]) == 1)
            #expect(!partner.body.contains("Mia Mailed") && !partner.body.contains(address), "no recipient is named")
            let tooEarly = try #require(jsonField(early, "errors", "_form") as? String)
            #expect(tooEarly.contains("It may be sent from then."))
            #expect(sent.json["reachesOthers"] as? Bool == true && APITests.integer(sent.json["otherRecipients"]) == 1)
            #expect(arrived.filter { $0.subject == "API news" }.count == 1, "the early send mailed nothing")
        }
    }
}
