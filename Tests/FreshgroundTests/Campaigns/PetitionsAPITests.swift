import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Petitions and contacts through the JSON API (issue 14, items 2 and 7), every answer checked against the
/// document: a signer through group A's page is A's contact only, B's organizers see A's count and no name unless
/// the signer named B among the opt-ins; only B's organizers read B's contacts; the sharing agreement refuses the
/// mailing that would exceed it; a private group is never accepted as an opt-in.
@Suite("Campaigns: petitions and contacts JSON API")
struct PetitionsAPITests {
    /// Every petitions and contacts operation; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [
        PetitionOp.list, PetitionOp.create, PetitionOp.one, PetitionOp.sign, PetitionOp.withdraw, PetitionOp.contacts,
        PetitionOp.mail, PetitionOp.sharing, PetitionOp.setSharing, PetitionOp.announce, PetitionOp.sendAnnounced,
        PetitionOp.notice,
    ]

    @Test func signingThroughAWithoutOptInsLeavesBWithNoNamesAndACountOfOne() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let create = "/api/v1/campaigns/\(campaign)/petitions"
            let repairs: [String: Any] = ["group": leeds, "title": "Repairs now", "text": "Within a *week*."]
            try await calls.call(&anonymous, PetitionOp.create, create, json: repairs, status: .unauthorized)
            let stranger = try await calls.call(
                &network.net.yann,
                PetitionOp.create,
                create,
                json: repairs,
                status: .forbidden
            )
            let notTheirs = try await calls.call(
                &network.net.sara,
                PetitionOp.create,
                create,
                json: repairs,
                status: .unprocessableContent
            )
            let created = try await calls.call(&network.net.olive, PetitionOp.create, create, json: repairs)
            let petition = try #require(APITests.integer(created.json["id"]))
            let address = uniqueAddress("rita")
            var signer = app.visitor()

            // act
            let signed = try await calls.call(
                &signer,
                PetitionOp.sign,
                "\(create)/\(petition)/signatures",
                json: ["through": leeds, "name": "Rita Signer", "email": address]
            )
            let unconfirmed = try await calls.call(&anonymous, PetitionOp.one, "\(create)/\(petition)")
            try await confirmSignature(&signer, address)
            let b = try await calls.call(
                &network.net.sara,
                PetitionOp.contacts,
                "/api/v1/campaigns/\(campaign)/groups/\(students)/contacts"
            )
            let a = try await calls.call(
                &network.net.olive,
                PetitionOp.contacts,
                "/api/v1/campaigns/\(campaign)/groups/\(leeds)/contacts"
            )
            let read = try await calls.call(&network.net.sara, PetitionOp.one, "\(create)/\(petition)")
            let list = try await calls.call(&anonymous, PetitionOp.list, create)

            // check
            #expect(stranger.contains("Only organizers and editors of a group taking part start petitions in it."))
            #expect(
                jsonField(notTheirs, "errors", "group") as? String
                    == "Choose one of your groups taking part in the campaign."
            )
            #expect(created.location == "\(create)/\(petition)")
            #expect(
                created.json["kind"] as? String == "petition" && created.json["text"] as? String == "Within a *week*."
            )
            #expect(signed.json["counted"] as? Bool == false, "without an account it counts once confirmed")
            #expect(APITests.dig(signed.json, ["through", "slug"]) as? String == leeds)
            #expect(APITests.integer(unconfirmed.json["signatures"]) == 0, "an unconfirmed signature counts nowhere")
            #expect(b.status == .ok)
            #expect((b.json["own"] as? [Any])?.isEmpty == true && (b.json["optedIn"] as? [Any])?.isEmpty == true)
            #expect(!b.contains("Rita Signer") && !b.contains(address), "B sees no name")
            let counted = try #require((b.json["otherGroups"] as? [[String: Any]])?.first)
            #expect(counted["slug"] as? String == leeds && counted["name"] as? String == "Leeds Tenants")
            #expect(APITests.integer(counted["signatures"]) == 1, "B sees the count from A")
            let own = try #require((a.json["own"] as? [[String: Any]])?.first)
            #expect(
                own["name"] as? String == "Rita Signer" && own["email"] as? String == address,
                "A keeps its contact"
            )
            #expect(own["consentedAt"] is NSNull && own["signedAt"] is String)
            #expect(APITests.integer(read.json["signatures"]) == 1 && read.json["signature"] is NSNull)
            #expect(APITests.dig((read.json["groups"] as? [Any])?.first, ["name"]) as? String == "Leeds Tenants")
            #expect(!read.contains("Rita Signer") && !list.contains("Rita Signer"))
            let item = try #require(jsonItems(list).first)
            #expect(item["title"] as? String == "Repairs now" && APITests.integer(item["signatures"]) == 1)
        }
    }

    @Test func withAnOptInBListsOneNameWithTheConsentTime() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let petition = try await startPetition(&calls, &network.net.olive, campaign, group: leeds)
            let at = "/api/v1/campaigns/\(campaign)/petitions/\(petition)"
            let contacts = "/api/v1/campaigns/\(campaign)/groups/\(students)/contacts"
            let address = uniqueAddress("omar")
            var signer = app.visitor()
            let signedAt = app.clock.now.formatted(.iso8601)

            // act: signed now, confirmed an hour later
            try await calls.call(
                &signer,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": leeds, "name": "Omar Optin", "email": address, "optIns": [students]]
            )
            let unconfirmed = try await calls.call(&network.net.sara, PetitionOp.contacts, contacts)
            try await app.advanceClockAfterMail(seconds: 3600)
            try await confirmSignature(&signer, address)
            let b = try await calls.call(&network.net.sara, PetitionOp.contacts, contacts)
            let signedIn = try await calls.call(
                &network.net.yann,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": students, "name": "Yann"]
            )
            let twice = try await calls.call(
                &network.net.yann,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": leeds, "name": "Yann"],
                status: .unprocessableContent
            )
            let mine = try await calls.call(&network.net.yann, PetitionOp.one, at)
            try await calls.call(&anonymous, PetitionOp.withdraw, "\(at)/signature", status: .unauthorized)
            try await calls.call(&network.net.yann, PetitionOp.withdraw, "\(at)/signature")
            try await calls.call(&network.net.yann, PetitionOp.withdraw, "\(at)/signature", status: .conflict)
            let after = try await calls.call(&network.net.yann, PetitionOp.one, at)

            // check
            #expect(
                (unconfirmed.json["optedIn"] as? [Any])?.isEmpty == true,
                "an unconfirmed signature is nobody's contact"
            )
            let optedIn = try #require(b.json["optedIn"] as? [[String: Any]])
            #expect(optedIn.count == 1, "one name")
            #expect(optedIn.first?["name"] as? String == "Omar Optin" && optedIn.first?["email"] as? String == address)
            #expect(optedIn.first?["consentedAt"] as? String == signedAt, "the moment the box was ticked")
            #expect(optedIn.first?["wording"] as? String == "Also let Leeds Students contact me")
            #expect(optedIn.first?["through"] as? String == "Leeds Tenants")
            #expect((b.json["own"] as? [Any])?.isEmpty == true)
            #expect(signedIn.json["counted"] as? Bool == true)
            #expect(jsonField(twice, "errors", "_form") as? String == "You have already signed this.")
            #expect(APITests.dig(mine.json, ["signature", "through"]) as? String == "Leeds Students")
            #expect(APITests.integer(mine.json["signatures"]) == 2)
            #expect(after.json["signature"] is NSNull && APITests.integer(after.json["signatures"]) == 1)
        }
    }

    @Test func onlyBsOrganizersReadBsContactsNotItsEditorsNorTheLead() async throws {
        try await withApp(mail: false) { app in
            // setup: bob, a member of both circles, is made an editor of Leeds Students; nina signs in, opting in
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let bobID = try await accountID(app, "bob")
            try #require(
                try await network.net.sara.post("/groups/\(students)/members/\(bobID)/role", [("role", "editor")])
                    .status == .seeOther
            )
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let petition = try await startPetition(&calls, &network.net.olive, campaign, group: leeds)
            var nina = try await app.person("nina")
            try await calls.call(
                &nina,
                PetitionOp.sign,
                "/api/v1/campaigns/\(campaign)/petitions/\(petition)/signatures",
                json: ["through": leeds, "name": "Edna Named", "optIns": [students]]
            )
            let contacts = "/api/v1/campaigns/\(campaign)/groups/\(students)/contacts"
            let mailings = "/api/v1/campaigns/\(campaign)/groups/\(students)/mailings"
            let letter: [String: Any] = ["subject": "Hello", "body": "From an editor"]

            // act
            let asEditor = try await calls.call(&network.net.bob, PetitionOp.contacts, contacts, status: .forbidden)
            let asLead = try await calls.call(&network.cole, PetitionOp.contacts, contacts, status: .forbidden)
            let asNobody = try await calls.call(&anonymous, PetitionOp.contacts, contacts, status: .unauthorized)
            let mailAsEditor = try await calls.call(
                &network.net.bob,
                PetitionOp.mail,
                mailings,
                json: letter,
                status: .forbidden
            )
            let asOrganizer = try await calls.call(&network.net.sara, PetitionOp.contacts, contacts)

            // check
            #expect(asEditor.contains("Only the organizers of Leeds Students see its contacts and write to them."))
            for page in [asEditor, asLead, asNobody, mailAsEditor] {
                #expect(!page.contains("Edna Named"))
            }
            #expect(APITests.dig((asOrganizer.json["optedIn"] as? [Any])?.first, ["name"]) as? String == "Edna Named")
            #expect(
                APITests.dig((asOrganizer.json["optedIn"] as? [Any])?.first, ["email"]) is NSNull,
                "nina's account has no address"
            )
        }
    }

    @Test func theSharingLimitRefusesTheMailingThatWouldExceedIt() async throws {
        try await withApp { app in
            // setup: at most one mailing a year to contacts another group gathered
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let sharing = "/api/v1/campaigns/\(campaign)/sharing"
            let agreement: [String: Any] = [
                "mailingsPerYear": 1, "noticeDays": 0, "notice": "Partners are told a week ahead.",
            ]
            let before = try await calls.call(&anonymous, PetitionOp.sharing, sharing)
            try await calls.call(&anonymous, PetitionOp.setSharing, sharing, json: agreement, status: .unauthorized)
            try await calls.call(
                &network.net.olive,
                PetitionOp.setSharing,
                sharing,
                json: agreement,
                status: .forbidden
            )
            let set = try await calls.call(&network.cole, PetitionOp.setSharing, sharing, json: agreement)
            let petition = try await startPetition(&calls, &network.net.olive, campaign, group: leeds)
            let address = try await signOptedIn(app, &calls, network, petition)
            let mailings = "/api/v1/campaigns/\(campaign)/groups/\(students)/mailings"

            // act
            let first = try await calls.call(
                &network.net.sara,
                PetitionOp.mail,
                mailings,
                json: ["subject": "First news", "body": "The rent strike starts Monday."]
            )
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "First news" }
            let second = try await calls.call(
                &network.net.sara,
                PetitionOp.mail,
                mailings,
                json: ["subject": "Second news", "body": "And a second letter."],
                status: .unprocessableContent
            )
            let read = try await calls.call(&anonymous, PetitionOp.sharing, sharing)

            // check
            #expect(APITests.integer(before.json["version"]) == 0 && before.json["mailingsPerYear"] is NSNull)
            #expect(APITests.integer(set.json["version"]) == 1 && APITests.integer(set.json["mailingsPerYear"]) == 1)
            #expect(read.json["notice"] as? String == "Partners are told a week ahead.")
            #expect(APITests.integer(read.json["noticeDays"]) == 0 && APITests.integer(before.json["noticeDays"]) == 0)
            #expect(
                first.json["reachesOthers"] as? Bool == true && APITests.integer(first.json["otherRecipients"]) == 1
            )
            #expect(arrived.contains { $0.body.contains("The rent strike starts Monday.") })
            let refusal = try #require(jsonField(second, "errors", "_form") as? String)
            #expect(refusal.contains("allows 1 mailing a year to people who signed through another group’s page"))
            #expect(refusal.contains("Leeds Students has sent 1 in the last 365 days, so this one is not sent."))
            let queued = try await app.store.sql.select().column("id").from("mail_outbox")
                .where("subject", .equal, "Second news").all()
            #expect(queued.isEmpty, "nothing of the refused mailing is queued")
        }
    }

    @Test func aPrivateGroupIsRefusedAsAnOptIn() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle takes part
            var network = try await campaignNetwork(app)
            let (leeds, campaign) = (network.net.leeds, network.campaign)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("QuietCircleName", visibility: "private")
            let token = try await pia.createInvite(hidden)
            try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&network.cole, &pia, campaign, group: hidden)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let petition = try await startPetition(&calls, &network.net.olive, campaign, group: leeds)
            let at = "/api/v1/campaigns/\(campaign)/petitions/\(petition)"
            var nina = try await app.person("nina")

            // act
            let optingIn = try await calls.call(
                &pia,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": leeds, "name": "Pia", "optIns": [hidden]],
                status: .unprocessableContent
            )
            let throughHidden = try await calls.call(
                &nina,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": hidden, "name": "Nina"],
                status: .unprocessableContent
            )
            let noMail = try await calls.call(
                &anonymous,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": leeds, "name": "Ann", "email": "ann@example.org"],
                status: .unprocessableContent
            )
            let viaHidden = try await calls.call(
                &pia,
                PetitionOp.sign,
                "\(at)/signatures",
                json: ["through": hidden, "name": "Pia"]
            )
            let read = try await calls.call(&nina, PetitionOp.one, at)

            // check
            let refusal = try #require(jsonField(optingIn, "errors", "optIns") as? String)
            #expect(refusal.contains("Leeds Students") && !refusal.contains("QuietCircleName"))
            let optIns = try await app.store.sql.select().column("id").from("campaign_contact_optins").all()
            #expect(optIns.isEmpty, "a private group is never an opt-in")
            #expect(jsonField(throughHidden, "errors", "through") != nil, "nina may not see the private circle")
            #expect(
                jsonField(noMail, "errors", "email") as? String
                    == "This site sends no email, so it cannot confirm a signature by email: log in to sign."
            )
            #expect(viaHidden.json["counted"] as? Bool == true)
            #expect(!read.body.contains("QuietCircleName") && !read.body.contains(hidden))
            let shown = try #require((read.json["groups"] as? [[String: Any]])?.first)
            #expect(shown["name"] as? String == "a private group" && shown["slug"] is NSNull)
            #expect(APITests.integer(shown["signatures"]) == 1)
        }
    }
}

/// The petitions and contacts operations as the document lists them.
enum PetitionOp {
    static let list = "GET /api/v1/campaigns/{id}/petitions"
    static let create = "POST /api/v1/campaigns/{id}/petitions"
    static let one = "GET /api/v1/campaigns/{id}/petitions/{petition}"
    static let sign = "POST /api/v1/campaigns/{id}/petitions/{petition}/signatures"
    static let withdraw = "DELETE /api/v1/campaigns/{id}/petitions/{petition}/signature"
    static let contacts = "GET /api/v1/campaigns/{id}/groups/{slug}/contacts"
    static let mail = "POST /api/v1/campaigns/{id}/groups/{slug}/mailings"
    static let sharing = "GET /api/v1/campaigns/{id}/sharing"
    static let setSharing = "PUT /api/v1/campaigns/{id}/sharing"
    static let announce = "POST /api/v1/campaigns/{id}/groups/{slug}/mailing-notices"
    static let sendAnnounced = "POST /api/v1/campaigns/{id}/groups/{slug}/mailing-notices/{notice}/send"
    static let notice = "GET /api/v1/campaigns/{id}/mailing-notices/{notice}"
}
