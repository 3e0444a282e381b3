import Foundation
import HTTPTypes
import SQLKit
import Testing

/// No pooling of people (issue 14, item 2): a signer through group A's page is A's contact only; every other
/// public group is a separate, named, unticked box stored with the moment of signing; other groups' organizers
/// see counts, never names; and the campaign's sharing agreement is enforced when mail is sent.
@Suite("Campaigns: petitions, per-group contacts and the sharing agreement")
struct PetitionTests {
    @Test func signUpWithoutOptInLeavesBWithZeroNamesAndACountOfOne() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students) = (network.net.leeds, network.net.students)
            let petition = try await startPetition(&network.net.olive, network.campaign, group: leeds)
            let address = uniqueAddress("rita")
            var signer = app.visitor()
            let form = try await signer.get(signPath(network.campaign, petition, via: leeds))
            // act
            try await signAndConfirm(&signer, network.campaign, petition, via: leeds, name: "Rita Signer", address)
            let b = try await network.net.sara.get("/campaigns/\(network.campaign)/groups/\(students)/contacts")
            let a = try await network.net.olive.get("/campaigns/\(network.campaign)/groups/\(leeds)/contacts")
            let petitionPage = try await anonymousGet(app, "/campaigns/\(network.campaign)/petitions/\(petition)")
            // check
            #expect(form.contains("Signing through Leeds Tenants:"))
            #expect(form.contains(">Also let Leeds Students contact me</label>"))
            #expect(form.contains(">Also let Northern Coalition contact me</label>"))
            #expect(!form.contains(" checked"), "no box is ticked beforehand")
            #expect(!form.contains("Also let Leeds Tenants"), "the group signed through is not asked again")
            #expect(b.status == .ok)
            #expect(!b.contains("Rita Signer") && !b.contains(address), "B sees no name")
            #expect(b.contains("Nobody has signed through the page of Leeds Students yet."))
            #expect(b.contains("Nobody has opted in to Leeds Students yet."))
            #expect(b.contains("<li>Leeds Tenants: 1</li>"), "B sees the count from A")
            #expect(a.contains("Rita Signer") && a.contains(address), "A keeps its contact")
            #expect(petitionPage.contains("<li>Leeds Tenants: 1</li>"))
            #expect(!petitionPage.contains("Rita Signer"))
        }
    }

    @Test func withOptInBHasOneNameWithTheConsentTime() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students) = (network.net.leeds, network.net.students)
            let petition = try await startPetition(&network.net.olive, network.campaign, group: leeds)
            let address = uniqueAddress("omar")
            var signer = app.visitor()
            // act: signed at 14:13 UTC, confirmed an hour later
            let signed = try await signer.post(
                signPath(network.campaign, petition, via: leeds),
                [("_submitted", "1"), ("name", "Omar Optin"), ("email", address), ("optin-\(students)", "on")]
            )
            let link = try await signatureLink(to: address)
            let unconfirmed = try await network.net.sara.get(
                "/campaigns/\(network.campaign)/groups/\(students)/contacts"
            )
            try await app.advanceClockAfterMail(seconds: 3600)
            let confirmed = try await signer.post(link + "/confirm")
            let b = try await network.net.sara.get("/campaigns/\(network.campaign)/groups/\(students)/contacts")
            let own = try await signer.get(link)
            let withdrawn = try await signer.post(link + "/withdraw")
            let afterWithdrawal = try await network.net.sara.get(
                "/campaigns/\(network.campaign)/groups/\(students)/contacts"
            )
            // check
            #expect(signed.status == .seeOther)
            #expect(confirmed.status == .seeOther)
            #expect(!unconfirmed.contains("Omar Optin"), "an unconfirmed signature is nobody's contact")
            #expect(unconfirmed.contains("No signatures through other groups yet."), "and counts nowhere")
            #expect(b.contains("Omar Optin &lt;\(address)&gt;"), "B lists the one who opted in")
            #expect(b.contains("ticked “Also let Leeds Students contact me”"), "with the wording as shown")
            #expect(
                b.contains("consent given <time datetime=\"2026-09-21T14:13:20Z\">Mon 21 Sep 2026, 14:13 UTC</time>")
            )
            #expect(b.body.components(separatedBy: "Omar Optin").count == 2, "one name")
            #expect(own.contains("You ticked “Also let Leeds Students contact me”"))
            #expect(withdrawn.status == .seeOther)
            #expect(!afterWithdrawal.contains("Omar Optin") && !afterWithdrawal.contains(address))
            #expect(afterWithdrawal.contains("No signatures through other groups yet."))
        }
    }

    @Test func theListSharingLimitRefusesTheMailingThatWouldExceedIt() async throws {
        try await withApp { app in
            // setup: at most one mailing a year to contacts another group gathered
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let agreement = try await network.cole.post(
                "/campaigns/\(campaign)/sharing",
                [("limit", "1"), ("notice_days", "0"), ("notice", "Partners are told a week ahead.")]
            )
            let petition = try await startPetition(&network.net.olive, campaign, group: leeds)
            let address = try await signOptedIn(app, network, petition)
            let mailings = "/campaigns/\(campaign)/groups/\(students)/mailings"
            // act
            let first = try await network.net.sara.post(
                mailings,
                [("audience", "all"), ("subject", "First news"), ("body", "The rent strike starts Monday.")]
            )
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "First news" }
            let second = try await network.net.sara.post(
                mailings,
                [("audience", "all"), ("subject", "Second news"), ("body", "And a second letter.")]
            )
            try await app.advanceClockAfterMail(seconds: 366 * 24 * 3600)
            var sara = app.visitor()  // a year on, her session has ended
            _ = try await sara.get("/login")
            try #require(
                try await sara.post("/login", [("login", "sara"), ("password", Visitor.password)]).status == .seeOther
            )
            let nextYear = try await sara.post(
                mailings,
                [("audience", "all"), ("subject", "Next year"), ("body", "A year on.")]
            )
            // check
            #expect(agreement.status == .seeOther)
            #expect(try await anonymousGet(app, "/campaigns/\(campaign)").contains("Partners are told a week ahead."))
            #expect(first.status == .seeOther, "\(errorsIn(first))")
            let mail = try #require(arrived.first { $0.subject == "First news" })
            #expect(mail.body.contains("The rent strike starts Monday."))
            #expect(mail.body.contains("/campaigns/unsubscribe/") && mail.body.contains("/\(students)"))
            #expect(second.status == .unprocessableContent)
            #expect(second.contains("allows 1 mailing a year to people who signed through another group’s page"))
            #expect(second.contains("value=\"Second news\""), "the refused form keeps its input")
            let queued = try await app.store.sql.select().column("id").from("mail_outbox")
                .where("subject", .equal, "Second news").all()
            #expect(queued.isEmpty, "nothing of the refused mailing is queued")
            #expect(nextYear.status == .seeOther, "the year is rolling: 366 days later one more may go")
            // The unsubscribe link stops Leeds Students' mail to Mia.
            let stop = try #require(Mailbox.links(in: mail.body).first { $0.contains("/campaigns/unsubscribe/") })
            let path = String(stop[stop.range(of: "/campaigns/unsubscribe/")!.lowerBound...])
            var signer = app.visitor()
            #expect(try await signer.get(path).contains("Stop emails from Leeds Students"))
            #expect(try await signer.post(path).contains("Leeds Students will no longer write to you"))
            let contacts = try await network.net.sara.get("/campaigns/\(campaign)/groups/\(students)/contacts")
            #expect(!contacts.contains("Mia Mailed"))
        }
    }

    @Test func aPrivateGroupIsNotOfferedAsAnOptIn() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle takes part
            var network = try await campaignNetwork(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("QuietCircleName", visibility: "private")
            let token = try await pia.createInvite(hidden)
            try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&network.cole, &pia, network.campaign, group: hidden)
            let petition = try await startPetition(&network.net.olive, network.campaign, group: network.net.leeds)
            var nina = try await app.person("nina")
            // act
            let anonymousForm = try await anonymousGet(
                app,
                signPath(network.campaign, petition, via: network.net.leeds)
            )
            let memberForm = try await pia.get(signPath(network.campaign, petition, via: network.net.leeds))
            let forged = try await nina.post(
                signPath(network.campaign, petition, via: network.net.leeds),
                [("_submitted", "1"), ("name", "Nina"), ("optin-\(hidden)", "on")]
            )
            let viaHidden = try await pia.post(
                signPath(network.campaign, petition, via: hidden),
                [("_submitted", "1"), ("name", "Pia")]
            )
            let outsiderSignPage = try await nina.get(signPath(network.campaign, petition, via: hidden))
            let petitionPage = try await anonymousGet(app, "/campaigns/\(network.campaign)/petitions/\(petition)")
            // check
            for form in [anonymousForm, memberForm] {
                #expect(form.contains("Also let Leeds Students contact me"))
                #expect(!form.contains("QuietCircleName"), "a private group is never offered, even to its members")
            }
            #expect(forged.status == .seeOther)
            let optIns = try await app.store.sql.select().column("id").from("campaign_contact_optins").all()
            #expect(optIns.isEmpty, "a box that was not offered stores nothing")
            #expect(viaHidden.status == .seeOther)
            #expect(outsiderSignPage.status == .notFound)
            #expect(petitionPage.contains("<li>a private group: 1</li>"))
            #expect(!petitionPage.contains("QuietCircleName"))
        }
    }

    @Test func anEditorOfBSeesNoNames() async throws {
        try await withApp { app in
            // setup: bob, a member of both circles, is made an editor of Leeds Students
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let bobID = try await accountID(app, "bob")
            try #require(
                try await network.net.sara.post("/groups/\(students)/members/\(bobID)/role", [("role", "editor")])
                    .status == .seeOther
            )
            let petition = try await startPetition(&network.net.olive, campaign, group: leeds)
            let address = uniqueAddress("ed")
            var signer = app.visitor()
            try await signAndConfirm(
                &signer,
                campaign,
                petition,
                via: leeds,
                name: "Edna Named",
                address,
                optIns: [students]
            )
            // act
            let asEditor = try await network.net.bob.get("/campaigns/\(campaign)/groups/\(students)/contacts")
            let asLead = try await network.cole.get("/campaigns/\(campaign)/groups/\(students)/contacts")
            let mailAsEditor = try await network.net.bob.post(
                "/campaigns/\(campaign)/groups/\(students)/mailings",
                [("audience", "all"), ("subject", "Hello"), ("body", "From an editor")]
            )
            let campaignPage = try await network.net.bob.get("/campaigns/\(campaign)")
            let asOrganizer = try await network.net.sara.get("/campaigns/\(campaign)/groups/\(students)/contacts")
            // check
            #expect(asEditor.status == .forbidden)
            #expect(asLead.status == .forbidden, "the lead's organizers do not read another group's contacts")
            #expect(mailAsEditor.status == .forbidden)
            for page in [asEditor, asLead, mailAsEditor, campaignPage] {
                #expect(!page.contains("Edna Named") && !page.contains(address))
            }
            #expect(!campaignPage.contains("Leeds Students’s contacts") && !campaignPage.contains("/contacts\""))
            #expect(asOrganizer.contains("Edna Named"), "the organizer does")
        }
    }

    @Test func aSignersSignatureIsDownloadedAndEmptiedWithTheAccount() async throws {
        try await withApp(mail: false) { app in
            // setup: a signed-in signer with an address signs through Leeds Tenants and opts in to Leeds Students
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let petition = try await startPetition(&network.net.olive, campaign, group: leeds)
            let address = uniqueAddress("nora")
            var nora = app.visitor()
            try await nora.signUp("nora", displayName: "Nora Deleted", email: address)
            let signed = try await nora.post(
                signPath(campaign, petition, via: leeds),
                [("_submitted", "1"), ("name", "Nora Deleted"), ("optin-\(students)", "on")]
            )
            // act
            let download = try await nora.get("/me/data.json")
            let deleted = try await nora.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "nora")]
            )
            let petitionPage = try await anonymousGet(app, "/campaigns/\(campaign)/petitions/\(petition)")
            let a = try await network.net.olive.get("/campaigns/\(campaign)/groups/\(leeds)/contacts")
            // check
            #expect(signed.status == .seeOther, "\(errorsIn(signed))")
            #expect(download.contains("Repairs now") && download.contains("Also let Leeds Students contact me"))
            #expect(deleted.status == .seeOther)
            #expect(!a.contains("Nora Deleted") && !a.contains(address), "the contact is gone")
            #expect(petitionPage.contains("<li>Leeds Tenants: 1</li>"), "a signature given stays counted")
            let optIns = try await app.store.sql.select().column("id").from("campaign_contact_optins").all()
            #expect(optIns.isEmpty)
        }
    }

    @Test func aSignedInSignerWithdrawsFromThePetitionPage() async throws {
        try await withApp(mail: false) { app in
            // setup: nina has no email address on her account, so no link reaches her
            var network = try await campaignNetwork(app)
            let (leeds, campaign) = (network.net.leeds, network.campaign)
            let petition = try await startPetition(&network.net.olive, campaign, group: leeds)
            var nina = try await app.person("nina")
            let page = "/campaigns/\(campaign)/petitions/\(petition)"
            try #require(
                try await nina.post(signPath(campaign, petition, via: leeds), [("_submitted", "1"), ("name", "Nina")])
                    .status == .seeOther
            )
            // act
            let signed = try await nina.get(page)
            let confirm = try await nina.get(page + "/signature/withdraw")
            let withdrawn = try await nina.post(page + "/signature/withdraw")
            let after = try await nina.get(page)
            let contacts = try await network.net.olive.get("/campaigns/\(campaign)/groups/\(leeds)/contacts")
            // check
            #expect(signed.contains("You signed this</strong> through Leeds Tenants"))
            #expect(signed.contains("<li>Leeds Tenants: 1</li>"))
            #expect(confirm.contains(#"class="danger">Withdraw my signature</button>"#))
            #expect(withdrawn.status == .seeOther)
            #expect(!after.contains("You signed this") && after.contains("No signatures yet."))
            #expect(!contacts.contains("Nina &lt;"))
        }
    }
}
