import Campaigns
import Foundation
import SQLKit
import Testing

/// Monthly reports to the lead of campaigns: each group taking part files one, a group that has not is reminded
/// once, the digest goes once, a late report shows on the page only, and a private group stays "a private group"
/// to readers who may not see it.
@Suite("Campaigns: monthly reports, reminder and digest")
struct ReportTests {
    static let reminderSubject = "One of your groups has a monthly report due"
    static let digestSubject = "Monthly reports from your coalition"

    @Test func aGroupThatHasNotReportedIsRemindedOnceAndOneThatReportedIsNot() async throws {
        try await withApp { app in
            // setup: September's reports; Leeds Students report, Leeds Tenants do not
            var network = try await campaignNetwork(app)
            let olive = try await giveAddress(app, "olive")
            let sara = try await giveAddress(app, "sara")
            let filed = try await fileReport(
                &network.net.sara,
                network,
                group: network.net.students,
                did: "Leafleted halls"
            )
            try #require(filed.status == .seeOther, "\(errorsIn(filed))")
            let services = app.services()
            // act: on the 2nd nothing; then the 3rd, 4th and 5th of October
            try await moveClock(app, to: "2026-10-02T12:00:00Z")
            let early = try await sendCampaignMail(services: services)
            var runs: [Int] = []
            for day in ["2026-10-03T09:00:00Z", "2026-10-04T09:00:00Z", "2026-10-05T09:00:00Z"] {
                try await moveClock(app, to: day)
                runs.append(try await sendCampaignMail(services: services))
                _ = try await services.outbox.deliverDue()
            }
            // check
            #expect(early == 0, "no reminder before the 3rd")
            #expect(runs == [2, 0, 0], "Leeds Tenants and the coalition itself are reminded, once")
            let told = try await notices(app, about: "report to Northern Coalition for September 2026 is due")
            #expect(told.map(\.handle) == ["olive"])
            #expect(told.first?.kind == "report_due")
            #expect(told.first?.path == "/groups/\(network.coalition)/reports/2026-09/from/\(network.net.leeds)")
            let mail = try await Mailbox.messages(to: olive, where: { $0.subject == Self.reminderSubject })
            #expect(mail.filter { $0.subject == Self.reminderSubject }.count == 1)
            #expect(try Mailbox.messagesSoFar(to: sara).filter { $0.subject == Self.reminderSubject }.isEmpty)
            let page = try await network.net.olive.get("/notifications")
            #expect(page.contains("Leeds Tenants’s report to Northern Coalition for September 2026 is due"))
            let theirs = try await network.net.sara.get("/notifications")
            #expect(!theirs.contains("is due"))
        }
    }

    @Test func theDigestGoesOnceWithBothReportsAndALateReportShowsOnThePageOnly() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let cole = try await giveAddress(app, "cole")
            for handle in ["olive", "sara"] { _ = try await giveAddress(app, handle) }
            let tenants = try await fileReport(
                &network.net.olive,
                network,
                group: network.net.leeds,
                did: "Door-knocked **Hyde Park**",
                needs: "Printing money"
            )
            let students = try await fileReport(
                &network.net.sara,
                network,
                group: network.net.students,
                did: "Leafleted halls"
            )
            try #require(tenants.status == .seeOther && students.status == .seeOther, "\(errorsIn(tenants))")
            let services = app.services()
            // act: the 6th of October, then a late report, then the 7th
            try await moveClock(app, to: "2026-10-06T09:00:00Z")
            let sent = try await sendCampaignMail(services: services)
            _ = try await services.outbox.deliverDue()
            let digest = try await Mailbox.messages(to: cole, where: { $0.subject == Self.digestSubject })
            try await app.advanceClockAfterMail(seconds: 3_600)
            let late = try await fileReport(
                &network.cole,
                network,
                group: network.coalition,
                did: "Late word from the coalition"
            )
            try await app.advanceClockAfterMail(seconds: 86_400)
            let again = try await sendCampaignMail(services: services)
            _ = try await services.outbox.deliverDue()
            let page = try await network.cole.get("/groups/\(network.coalition)/reports/2026-09")
            let sendNow = try await network.cole.post("/groups/\(network.coalition)/reports/2026-09/send")
            let download = try await network.net.olive.get("/me/data.json")
            // check
            #expect(sent == 4, "the coalition's own reminder, and the digest to cole, olive and sara")
            let message = try #require(digest.first { $0.subject == Self.digestSubject })
            #expect(message.body.contains("== Leeds Tenants ==") && message.body.contains("Door-knocked **Hyde Park**"))
            #expect(message.body.contains("What we need:\nPrinting money"))
            #expect(message.body.contains("== Leeds Students ==") && message.body.contains("Leafleted halls"))
            #expect(message.body.contains("Not reported yet: Northern Coalition."))
            #expect(message.body.contains("/groups/\(network.coalition)/reports/2026-09"))
            #expect(late.status == .seeOther)
            #expect(again == 0, "no second digest")
            #expect(page.contains("Late word from the coalition") && page.contains("changed after the digest went out"))
            #expect(page.contains("Door-knocked <strong>Hyde Park</strong>"))
            #expect(page.contains("Every group taking part has reported."))
            #expect(!page.contains("Send the digest now"))
            #expect(sendNow.status == .unprocessableContent && sendNow.contains("went out already"))
            #expect(download.contains("coalitionReports") && download.contains("Door-knocked"))
            try await Task.sleep(for: .seconds(1))
            #expect(try Mailbox.messagesSoFar(to: cole).filter { $0.subject == Self.digestSubject }.count == 1)
        }
    }

    @Test func aGroupThatWithdrewBeforeTheMonthEndedOwesNoReportAndOneThatWithdrewLaterDoes() async throws {
        try await withApp(mail: false) { app in
            // setup: Leeds Students withdraw in September, Leeds Tenants on the 2nd of October
            var network = try await campaignNetwork(app)
            let campaign = "/campaigns/\(network.campaign)/groups"
            try #require(
                try await network.net.sara.post("\(campaign)/\(network.net.students)/withdraw", [("note", "")]).status
                    == .seeOther
            )
            try await moveClock(app, to: "2026-10-02T09:00:00Z")
            try #require(
                try await network.net.olive.post("\(campaign)/\(network.net.leeds)/withdraw", [("note", "")]).status
                    == .seeOther
            )
            let services = app.services()
            // act
            try await moveClock(app, to: "2026-10-03T09:00:00Z")
            let reminded = try await sendCampaignMail(services: services)
            let byStudents = try await fileReport(&network.net.sara, network, group: network.net.students, did: "Gone")
            let byTenants = try await fileReport(
                &network.net.olive,
                network,
                group: network.net.leeds,
                did: "Still ours"
            )
            // check
            #expect(reminded == 2)
            #expect(try await told(app, about: "report to Northern Coalition for September 2026 is due") == ["olive"])
            #expect(byStudents.status == .forbidden)
            #expect(byTenants.status == .seeOther)
        }
    }

    @Test func onlyTheGroupsOwnOrganizersAndEditorsWriteItsReport() async throws {
        try await withApp(mail: false) { app in
            // setup: a private coalition with a campaign too
            var network = try await campaignNetwork(app)
            var carol = network.net.carol
            let hidden = try await carol.createGroup("Quiet Coalition", kind: "coalition", visibility: "private")
            _ = try await startCampaign(&carol, group: hidden, title: "Quiet work", visibility: "private")
            let coalition = network.coalition
            // act
            let notTakingPart = try await fileReport(&network.net.yann, network, group: network.net.york, did: "Ours")
            let forAnother = try await fileReport(&network.net.yann, network, group: network.net.leeds, did: "Theirs")
            let byMember = try await fileReport(&network.net.bob, network, group: network.net.leeds, did: "Mine")
            let byOtherParticipant = try await fileReport(
                &network.net.olive,
                network,
                group: network.net.students,
                did: "Not ours"
            )
            let digestToOutsider = try await network.net.yann.get("/groups/\(coalition)/reports/2026-09")
            let privateDigest = try await network.net.yann.get("/groups/\(hidden)/reports/2026-09")
            let privateForm = try await network.net.yann.get(
                "/groups/\(hidden)/reports/2026-09/from/\(network.net.york)"
            )
            let anonymous = try await anonymousGet(app, "/groups/\(coalition)/reports/2026-09")
            let ownForm = try await network.net.olive.get(
                "/groups/\(coalition)/reports/2026-09/from/\(network.net.leeds)"
            )
            let campaignPage = try await network.net.olive.get(network.page)
            let campaignToOutsider = try await network.net.yann.get(network.page)
            let future = try await network.net.olive.get(
                "/groups/\(coalition)/reports/2026-11/from/\(network.net.leeds)"
            )
            // check
            #expect(notTakingPart.status == .forbidden)
            #expect(forAnother.status == .forbidden)
            #expect(byMember.status == .forbidden)
            #expect(byOtherParticipant.status == .forbidden)
            #expect(digestToOutsider.status == .forbidden)
            #expect(privateDigest.status == .notFound && !privateDigest.contains("Quiet Coalition"))
            #expect(privateForm.status == .notFound)
            #expect(anonymous.status == .seeOther)
            #expect(ownForm.status == .ok && ownForm.contains("Leeds Tenants’s report to Northern Coalition"))
            #expect(future.status == .notFound)
            #expect(
                campaignPage.contains(
                    "<a href=\"/groups/\(coalition)/reports\">Monthly reports to Northern Coalition</a>"
                )
            )
            #expect(!campaignToOutsider.contains("Monthly reports"))
            let stored = try await app.store.sql.raw("SELECT COUNT(*) AS n FROM coalition_reports").first()?
                .decode(column: "n", as: Int.self)
            #expect(stored == 0)
        }
    }

    @Test func aRefusedReportKeepsWhatWasTypedAndAStaleSaveIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let group = network.net.leeds
            // act
            let empty = try await fileReport(&network.net.olive, network, group: group, did: "  ", learned: "Keep me")
            let first = try await fileReport(&network.net.olive, network, group: group, did: "First")
            let stale = try await fileReport(&network.net.olive, network, group: group, did: "Stale edit", base: 0)
            let second = try await fileReport(&network.net.olive, network, group: group, did: "Second", base: 1)
            let page = try await network.net.olive.get("/groups/\(network.coalition)/reports/2026-09")
            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.contains("Write what your group did this month.") && empty.contains(">Keep me</textarea>"))
            #expect(first.status == .seeOther)
            #expect(stale.status == .unprocessableContent && stale.contains(">Stale edit</textarea>"))
            #expect(stale.contains("saved this report meanwhile"))
            #expect(second.status == .seeOther)
            #expect(page.contains("Second") && !page.contains("Stale edit"))
            #expect(page.contains("<li><a href=\"/groups/\(network.coalition)\">Northern Coalition</a></li>"))
        }
    }

    /// C's organizer could see a private circle when inviting it (they had to); a second organizer of C who is not
    /// in the circle cannot, and that is the case that arises. Both read its report; only one reads its name.
    @Test func aPrivateParticipantsReportIsUnderAPrivateGroupForAnOrganizerWhoCannotSeeIt() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            var nora = try await app.person("nora")
            try await makeMember(app, &nora, of: network.coalition, organizer: &network.cole, role: "organizer")
            let noraAddress = try await giveAddress(app, "nora")
            var pia = try await app.person("pia")
            let circle = try await pia.createGroup("HiddenCircleName", visibility: "private")
            let token = try await pia.createInvite(circle)
            try #require(try await network.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&network.cole, &pia, network.campaign, group: circle)
            let filed = try await fileReport(&pia, network, group: circle, did: "ReportSecretText")
            try #require(filed.status == .seeOther, "\(errorsIn(filed))")
            let path = "/groups/\(network.coalition)/reports/2026-09"
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var outsiders = [
                ("anonymous", app.visitor()), ("stranger", try await app.person("stan")), ("admin", admin),
            ]
            // act
            for index in outsiders.indices {
                for address in [path, "/groups/\(network.coalition)/reports", "\(path)/from/\(circle)"] {
                    let page = try await outsiders[index].1.get(address)
                    // check
                    #expect(page.status != .ok, "\(outsiders[index].0) at \(address)")
                    #expect(!page.contains("ReportSecretText") && !page.contains("HiddenCircleName"))
                }
            }
            let byNora = try await nora.get(path)
            let byCole = try await network.cole.get(path)
            let byOlive = try await network.net.olive.get(path)
            let confirm = try await nora.get("\(path)/send")
            let sent = try await nora.post("\(path)/send")
            _ = try await app.services().outbox.deliverDue()
            let mail = try await Mailbox.messages(to: noraAddress, where: { $0.subject == Self.digestSubject })
            // check
            #expect(byNora.contains("ReportSecretText") && byNora.contains("a private group"))
            #expect(!byNora.contains("HiddenCircleName"))
            #expect(byOlive.contains("ReportSecretText") && !byOlive.contains("HiddenCircleName"))
            #expect(byCole.contains("HiddenCircleName") && byCole.contains("ReportSecretText"))
            #expect(confirm.contains("Send the digest now"))
            #expect(sent.status == .seeOther)
            let message = try #require(mail.first { $0.subject == Self.digestSubject })
            #expect(message.body.contains("== a private group ==") && message.body.contains("ReportSecretText"))
            #expect(!message.body.contains("HiddenCircleName"))
        }
    }
}

/// Files (or changes, from version `base`) `group`'s report for September 2026 to the network's coalition.
@discardableResult
private func fileReport(
    _ visitor: inout Visitor,
    _ network: CampaignNetwork,
    group: String,
    did: String,
    learned: String = "",
    needs: String = "",
    base: Int = 0
) async throws -> Page {
    try await visitor.post(
        "/groups/\(network.coalition)/reports/2026-09/from/\(group)",
        [("did", did), ("learned", learned), ("needs", needs), ("baseVersion", String(base))]
    )
}

/// Gives the person with `handle` a fresh email address, so only this test's mail reaches it.
private func giveAddress(_ app: TestApp, _ handle: String) async throws -> String {
    let address = freshAddress(handle)
    try await app.store.sql.update("people").set("email", to: address).where("handle", .equal, handle).run()
    return address
}

/// Moves the clock to an ISO 8601 time, once no mail is being sent.
private func moveClock(_ app: TestApp, to time: String) async throws {
    let date = try #require(ISO8601DateFormatter().date(from: time))
    try await app.advanceClockAfterMail(seconds: max(0, date.timeIntervalSince(app.clock.now)))
}
