import Foundation
import FreshgroundStore
import HTTPTypes
import SQLKit
import Testing

/// Signatures are counted from the table the writes keep (issue 14 benchmark), not from the signatures' rows: every
/// write that makes a signature count or stop counting keeps the petition page and the API right, and the table equal
/// to a fresh count of the signatures.
@Suite("Campaigns: signature counts kept by the writes")
struct SignatureCountTests {
    @Test func countsStayRightThroughSigningWithdrawingAndDeletingTheAccount() async throws {
        try await withApp { app in
            // setup
            var network = try await campaignNetwork(app)
            let (leeds, students, campaign) = (network.net.leeds, network.net.students, network.campaign)
            let petition = try await startPetition(&network.net.olive, campaign, group: leeds)
            let page = "/campaigns/\(campaign)/petitions/\(petition)"
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            func shown() async throws -> (page: Page, total: Int?, groups: [String: Int]) {
                let list = try await calls.call(&anonymous, PetitionOp.list, "/api/v1/campaigns/\(campaign)/petitions")
                let item = try #require(jsonItems(list).first { APITests.integer($0["id"]) == petition })
                let groups = (item["groups"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                    $0[$1["slug"] as? String ?? "?"] = APITests.integer($1["signatures"])
                }
                return (try await anonymousGet(app, page), APITests.integer(item["signatures"]), groups)
            }
            let rita = uniqueAddress("rita")
            var ritaVisitor = app.visitor()
            let noraAddress = uniqueAddress("nora")
            var nora = app.visitor()
            try await nora.signUp("nora", displayName: "Nora Counted", email: noraAddress)
            var nina = try await app.person("nina")

            // act and check, step by step: an anonymous signature counts only once confirmed
            let pending = try await ritaVisitor.post(
                signPath(campaign, petition, via: leeds),
                [("_submitted", "1"), ("name", "Rita Signer"), ("email", rita)]
            )
            try #require(pending.status == .seeOther, "\(errorsIn(pending))")
            let unconfirmed = try await shown()
            #expect(unconfirmed.page.contains("No signatures yet."), "a pending signature counts nowhere")
            #expect(unconfirmed.total == 0 && unconfirmed.groups.isEmpty)

            try await confirmSignature(&ritaVisitor, rita)
            let confirmed = try await shown()
            #expect(confirmed.page.contains("<p>1 in all, through:</p>"))
            #expect(confirmed.page.contains("<li>Leeds Tenants: 1</li>") && !confirmed.page.contains("Leeds Students:"))
            #expect(confirmed.total == 1 && confirmed.groups == [leeds: 1])

            // a signed-in signer counts at once, through the form and through the API
            let noraSigned = try await nora.post(
                signPath(campaign, petition, via: students),
                [("_submitted", "1"), ("name", "Nora Counted")]
            )
            try #require(noraSigned.status == .seeOther, "\(errorsIn(noraSigned))")
            let api = "/api/v1/campaigns/\(campaign)/petitions/\(petition)"
            let ninaSigned = try await calls.call(
                &nina,
                PetitionOp.sign,
                "\(api)/signatures",
                json: ["through": students, "name": "Nina"]
            )
            #expect(ninaSigned.json["counted"] as? Bool == true)
            let three = try await shown()
            #expect(
                three.page.contains("<p>3 in all, through:</p>") && three.page.contains("<li>Leeds Students: 2</li>")
            )
            #expect(three.total == 3 && three.groups == [leeds: 1, students: 2])

            // withdrawing takes it off
            try await calls.call(&nina, PetitionOp.withdraw, "\(api)/signature", status: .noContent)
            let withdrawn = try await shown()
            #expect(withdrawn.page.contains("<p>2 in all, through:</p>"))
            #expect(withdrawn.page.contains("<li>Leeds Students: 1</li>"))
            #expect(withdrawn.total == 2 && withdrawn.groups == [leeds: 1, students: 1])

            // a deleted account's signature is erased and still counts, until its mailed link withdraws it
            let mail = try await Mailbox.messages(to: noraAddress) { $0.subject == "You signed: Repairs now" }
            let link = try #require(
                mail.first.flatMap { Mailbox.links(in: $0.body).first { $0.contains("/signatures/") } }
            )
            let deleted = try await nora.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "nora")]
            )
            #expect(deleted.status == .seeOther)
            let erased = try await shown()
            #expect(erased.page.contains("<p>2 in all, through:</p>"))
            #expect(erased.page.contains("<li>Leeds Students: 1</li>"))
            #expect(erased.total == 2 && erased.groups == [leeds: 1, students: 1])

            var formerNora = app.visitor()
            let path = String(link[link.range(of: "/campaigns/signatures/")!.lowerBound...])
            #expect(try await formerNora.post(path + "/withdraw").status == .seeOther)
            let last = try await shown()
            #expect(last.page.contains("<p>1 in all, through:</p>"))
            #expect(last.page.contains("<li>Leeds Tenants: 1</li>") && !last.page.contains("Leeds Students:"))
            #expect(last.total == 1 && last.groups == [leeds: 1])

            // the kept counts are a fresh count of the signatures that count
            let sql = app.store.sql
            let kept = try await sql.raw(
                """
                SELECT petition_id, via_group_id, signatures AS n FROM campaign_signature_counts
                WHERE signatures <> 0 ORDER BY petition_id, via_group_id
                """
            ).rows(CountRow.self)
            let fresh = try await sql.raw(
                """
                SELECT petition_id, via_group_id, COUNT(*) AS n FROM campaign_signatures
                WHERE status IN ('confirmed', 'erased') GROUP BY petition_id, via_group_id
                ORDER BY petition_id, via_group_id
                """
            ).rows(CountRow.self)
            #expect(kept == fresh)
            #expect(fresh.map(\.n) == [1])
        }
    }

    private struct CountRow: Decodable, Equatable {
        let petitionID: Int
        let viaGroupID: Int
        let n: Int
    }
}
