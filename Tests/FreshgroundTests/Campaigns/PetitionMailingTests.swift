import Foundation
import FreshgroundWeb
import HTTPTypes
import NIOCore
import SQLKit
import Testing

/// Notice to partners and one-click unsubscribe (issue 14, item 2): a mailing that reaches people who signed
/// through another group's page is announced to that group first and may go only once the agreement's notice has
/// passed; the partner reads the mailing but never who receives it, and a private partner is named to nobody
/// else. Mailings to a group's own contacts go at once, each copy with a one-click `List-Unsubscribe`.
@Suite("Campaigns: notice to partners and one-click unsubscribe")
struct PetitionMailingTests {
    @Test func aMailingToAPartnersSignersWaitsForTheNotice() async throws {
        try await withApp { app in
            // setup: a week's notice; Mia signs through Leeds Tenants and lets Leeds Students contact her
            let agreed = try await agreedNetwork(app)
            var network = agreed.network
            let petition = agreed.petition
            let (students, campaign) = (network.net.students, network.campaign)
            let address = try await signOptedIn(app, network, petition)
            let mailings = "/campaigns/\(campaign)/groups/\(students)/mailings"
            let letter = [("audience", "all"), ("subject", "Rent strike news"), ("body", "The strike starts Monday.")]
            var stranger = try await app.person("stan")
            // act
            let unannounced = try await network.net.sara.post(mailings, letter + [("step", "send")])
            let announced = try await network.net.sara.post(mailings, letter + [("step", "announce")])
            let notice = try #require(announced.location)
            let sendPath = try #require(
                try await network.net.sara.get("/campaigns/\(campaign)/groups/\(students)/contacts").body
                    .components(separatedBy: "href=\"").map { $0.prefix { $0 != "\"" } }
                    .first { $0.hasSuffix("/send") }
            )
            let told = try await network.net.olive.get("/notifications")
            let partnerView = try await network.net.olive.get(notice)
            let strangerView = try await stranger.get(notice)
            let confirm = try await network.net.sara.get(String(sendPath))
            let early = try await network.net.sara.post(String(sendPath))
            try await app.advanceClockAfterMail(seconds: 7 * 24 * 3600)
            let due = try await network.net.sara.post(String(sendPath))
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "Rent strike news" }
            let again = try await network.net.sara.post(String(sendPath))
            try await Task.sleep(for: .milliseconds(500))
            // check
            #expect(unannounced.status == .unprocessableContent)
            #expect(unannounced.contains("gives those groups 7 days’ notice: announce it to them first"))
            #expect(unannounced.contains("Announced now, it may be sent from Mon 28 Sep 2026, 14:13 UTC."))
            #expect(unannounced.contains("value=\"Rent strike news\""), "the refused form keeps its input")
            #expect(announced.status == .seeOther && notice.hasPrefix("/campaigns/\(campaign)/mailing-notices/"))
            #expect(
                told.contains(
                    "Leeds Students will email 1 person who signed through Leeds Tenants’s page in “"
                )
            )
            #expect(told.contains("from Mon 28 Sep 2026, 14:13 UTC: “Rent strike news”"))
            #expect(partnerView.status == .ok)
            #expect(partnerView.contains("Rent strike news") && partnerView.contains("The strike starts Monday."))
            #expect(partnerView.contains("<li>1 person who signed through Leeds Tenants’s page</li>"))
            #expect(!partnerView.contains("Mia Mailed") && !partnerView.contains(address), "the partner sees no names")
            #expect(strangerView.status == .notFound)
            #expect(confirm.contains(#"class="danger">Send it now</button>"#))
            #expect(early.status == .unprocessableContent)
            #expect(early.contains("It may be sent from then.") && early.contains("Mon 28 Sep 2026, 14:13 UTC"))
            #expect(due.status == .seeOther, "\(errorsIn(due))")
            #expect(arrived.filter { $0.subject == "Rent strike news" }.count == 1, "the early send mailed nothing")
            #expect(try Mailbox.messagesSoFar(to: address).filter { $0.subject == "Rent strike news" }.count == 1)
            #expect(again.status == .unprocessableContent && again.contains("was sent already"))
        }
    }

    @Test func aMailingToTheGroupsOwnSignersNeedsNoNoticeAndUnsubscribesInOneClick() async throws {
        try await withApp { app in
            // setup: a week's notice; Sam signs through Leeds Students' own page
            let agreed = try await agreedNetwork(app)
            var network = agreed.network
            let petition = agreed.petition
            let (students, campaign) = (network.net.students, network.campaign)
            let address = uniqueAddress("sam")
            var signer = app.visitor()
            try await signAndConfirm(&signer, campaign, petition, via: students, name: "Sam Own", address)
            let contacts = "/campaigns/\(campaign)/groups/\(students)/contacts"
            // act
            let sent = try await network.net.sara.post(
                "/campaigns/\(campaign)/groups/\(students)/mailings",
                [("audience", "all"), ("subject", "Own news"), ("body", "To our own."), ("step", "send")]
            )
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "Own news" }
            let mail = try #require(arrived.first { $0.subject == "Own news" })
            let header = try #require(mail.header("List-Unsubscribe"))
            let url = String(header.dropFirst().dropLast())
            let path = String(url[url.range(of: "/campaigns/unsubscribe/")!.lowerBound...])
            var mailClient = app.visitor()  // no cookie, no form token: what a mail client posts
            let page = try await mailClient.get(path)
            let afterGet = try await network.net.sara.get(contacts)
            let oneClick = try await mailClient.send(
                path,
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            )
            let afterPost = try await network.net.sara.get(contacts)
            // check
            #expect(sent.status == .seeOther, "\(errorsIn(sent))")
            #expect(header.hasPrefix("<http") && header.hasSuffix(">") && mail.body.contains(url))
            #expect(mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
            #expect(mail.header("List-Id")?.contains("campaign-\(campaign)-\(students).") == true)
            #expect(page.contains("Stop emails from Leeds Students"), "a GET only asks")
            #expect(afterGet.contains("Sam Own"))
            #expect(oneClick.status == .ok && oneClick.contains("Leeds Students will no longer write to you"))
            #expect(!afterPost.contains("Sam Own"))
        }
    }

    /// Each copy's unsubscribe token is kept only as a digest, and a link mailed before the upgrade (when the
    /// signature held its token) still works after it, which keeps no token either.
    @Test func unsubscribeTokensAreKeptOnlyAsDigestsAndOldLinksStillWork() async throws {
        try await withApp { app in
            // setup: Sam signs through Leeds Students' own page; his signature as it stood before the upgrade,
            // holding the token an earlier mailing carried
            let agreed = try await agreedNetwork(app)
            var network = agreed.network
            let (students, campaign) = (network.net.students, network.campaign)
            let address = uniqueAddress("sam")
            var signer = app.visitor()
            try await signAndConfirm(&signer, campaign, agreed.petition, via: students, name: "Sam Own", address)
            let old = Token.random()
            try await app.store.sql.raw(
                "UPDATE campaign_signatures SET mail_token = \(bind: old) WHERE email = \(bind: address)"
            ).run()
            try await app.rerun(migration: "DigestCampaignSignaturesMailTokens")

            // act: a mailing goes out; its link is opened, and the old one is posted to
            let sent = try await network.net.sara.post(
                "/campaigns/\(campaign)/groups/\(students)/mailings",
                [("audience", "all"), ("subject", "Digest news"), ("body", "To our own."), ("step", "send")]
            )
            let arrived = try await Mailbox.messages(to: address) { $0.subject == "Digest news" }
            let mail = try #require(arrived.first { $0.subject == "Digest news" })
            let url = String(try #require(mail.header("List-Unsubscribe")).dropFirst().dropLast())
            let path = String(url[url.range(of: "/campaigns/unsubscribe/")!.lowerBound...])
            let token = String(path.split(separator: "/")[2])
            var mailClient = app.visitor()
            let page = try await mailClient.get(path)
            let stopped = try await mailClient.send(
                "/campaigns/unsubscribe/\(old)/\(students)",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            )
            let contacts = try await network.net.sara.get("/campaigns/\(campaign)/groups/\(students)/contacts")

            // check
            #expect(sent.status == .seeOther, "\(errorsIn(sent))")
            #expect(path == "/campaigns/unsubscribe/\(token)/\(students)")
            #expect(page.status == .ok && page.contains("Stop emails from Leeds Students"))
            #expect(stopped.status == .ok && stopped.contains("Leeds Students will no longer write to you"))
            #expect(!contacts.contains("Sam Own"))
            #expect(try await tablesHolding(token, in: app).isEmpty, "the mailed token is stored nowhere")
            #expect(try await tablesHolding(old, in: app).isEmpty, "nor the one mailed before the upgrade")
        }
    }

    @Test func aPrivatePartnerIsNotNamedToAPublicOne() async throws {
        try await withApp { app in
            // setup: Nora signs through a private circle's page, Mia through Leeds Tenants'; both let Leeds
            // Students contact them
            let agreed = try await agreedNetwork(app)
            var network = agreed.network
            let petition = agreed.petition
            let (students, campaign) = (network.net.students, network.campaign)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("QuietCircleName", visibility: "private")
            let token = try await pia.createInvite(hidden)
            try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&network.cole, &pia, campaign, group: hidden)
            var nora = app.visitor()
            try await nora.signUp("nora", displayName: "Nora Quiet", email: uniqueAddress("nora"))
            try #require(try await nora.post("/invites/\(token)").status == .seeOther)
            try #require(
                try await nora.post(
                    signPath(campaign, petition, via: hidden),
                    [("_submitted", "1"), ("name", "Nora Quiet"), ("optin-\(students)", "on")]
                ).status == .seeOther
            )
            _ = try await signOptedIn(app, network, petition)
            // act
            let announced = try await network.net.sara.post(
                "/campaigns/\(campaign)/groups/\(students)/mailings",
                [("audience", "all"), ("subject", "Joint news"), ("body", "To all."), ("step", "announce")]
            )
            let notice = try #require(announced.location)
            let pages = [
                ("olive's notifications", try await network.net.olive.get("/notifications")),
                ("olive's notice page", try await network.net.olive.get(notice)),
                ("sara's notice page", try await network.net.sara.get(notice)),
                (
                    "sara's contacts page",
                    try await network.net.sara.get("/campaigns/\(campaign)/groups/\(students)/contacts")
                ),
            ]
            let piasNotifications = try await pia.get("/notifications")
            let piasView = try await pia.get(notice)
            // check
            #expect(announced.status == .seeOther, "\(errorsIn(announced))")
            for (what, page) in pages {
                #expect(page.status == .ok, "\(what)")
                #expect(!page.contains("QuietCircleName"), "\(what) names the private partner")
            }
            for (what, page) in pages.prefix(3) {
                #expect(!page.contains("Nora Quiet") && !page.contains("Mia Mailed"), "\(what) names a signer")
            }
            #expect(pages[1].1.contains("It reaches 2 people who"))
            #expect(pages[1].1.contains("<li>1 person who signed through Leeds Tenants’s page</li>"))
            #expect(piasNotifications.contains("1 person who signed through QuietCircleName’s page"))
            #expect(piasView.contains("<li>1 person who signed through QuietCircleName’s page</li>"))
            #expect(!piasView.contains("Leeds Tenants’s page"), "nor is a partner named to another")
        }
    }
}

/// The campaign network whose lead agreed on a week's notice to partners, with a petition of Leeds Tenants.
private func agreedNetwork(_ app: TestApp) async throws -> (network: CampaignNetwork, petition: Int) {
    var network = try await campaignNetwork(app)
    let agreed = try await network.cole.post(
        "/campaigns/\(network.campaign)/sharing",
        [("limit", ""), ("notice_days", "7"), ("notice", "Partners are told a week ahead.")]
    )
    try #require(agreed.status == .seeOther, "\(errorsIn(agreed))")
    let petition = try await startPetition(&network.net.olive, network.campaign, group: network.net.leeds)
    return (network, petition)
}
