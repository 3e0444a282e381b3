import Foundation
import Testing

@Suite("Decisions: dissent statements")
struct DissentTests {
    @Test func dissentIsAttachedCosignedAndShownToMembersNotToStrangers() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle's vote; lee joins after it opened, so could not vote
            var circle = try await decisionCircle(app, members: 2, visibility: "private")
            let id = try await openDecision(app, &circle.olive, in: circle.slug, title: "Sign the landlord's deal")
            var lee = try await app.person("lee")
            let token = try await circle.olive.createInvite(circle.slug)
            try #require(try await lee.post("/invites/\(token)").status == .seeOther)
            try #require(try await vote(&circle.olive, on: id, [("position", "yes")]).status == .seeOther)
            try #require(try await vote(&circle.mona, on: id, [("position", "no")]).status == .seeOther)
            let tooEarly = try await circle.mona.get("/decisions/\(id)/dissent")
            try #require(try await circle.olive.post("/decisions/\(id)/close").status == .seeOther)

            // act
            let form = try await circle.mona.get("/decisions/\(id)/dissent")
            let empty = try await circle.mona.post("/decisions/\(id)/dissent", [("statement", "  ")])
            let attached = try await circle.mona.post(
                "/decisions/\(id)/dissent",
                [("statement", "The deal gives up the repairs we struck for.")]
            )
            let statement = try #require(attached.location?.split(separator: "-").last.flatMap { Int($0) })
            let cosigned = try await circle.nia.post("/dissents/\(statement)/sign")
            let latecomer = try await lee.post("/decisions/\(id)/dissent", [("statement", "Me too.")])
            let latecomerSign = try await lee.post("/dissents/\(statement)/sign")
            let memberPage = try await lee.get("/decisions/\(id)")
            let authorPage = try await circle.mona.get("/decisions/\(id)")
            var anonymous = app.visitor()
            let strangerPages = [
                try await circle.sam.get("/decisions/\(id)"), try await anonymous.get("/decisions/\(id)"),
                try await circle.sam.get("/decisions/\(id)/dissent"),
                try await circle.sam.get("/dissents/\(statement)/withdraw"),
            ]
            let strangerSign = try await circle.sam.post("/dissents/\(statement)/sign")
            let othersWithdraw = try await circle.nia.get("/dissents/\(statement)/withdraw")

            // check
            #expect(tooEarly.status == .forbidden)
            #expect(form.status == .ok && form.contains("<label for=\"statement\">Your statement</label>"))
            #expect(empty.status == .unprocessableContent && empty.contains("Write your statement."))
            #expect(attached.status == .seeOther && cosigned.status == .seeOther)
            #expect(latecomer.status == .forbidden && latecomerSign.status == .forbidden)
            #expect(memberPage.contains("Dissent by @mona") && memberPage.contains("the repairs we struck for"))
            #expect(memberPage.contains("Co-signed by @nia.") && !memberPage.contains("Attach a dissent statement"))
            #expect(authorPage.contains("Withdraw my statement") && authorPage.contains("Attach a dissent statement"))
            for page in strangerPages {
                #expect(
                    page.status == .notFound || page.location?.hasPrefix("/login") == true,
                    "answered \(page.status)"
                )
                #expect(!page.contains("the repairs we struck for"))
            }
            #expect([.notFound, .forbidden].contains(strangerSign.status))
            #expect(othersWithdraw.status == .forbidden)
        }
    }

    @Test func theAuthorWithdrawsTheirStatementAfterConfirming() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await decisionCircle(app)
            let id = try await openDecision(app, &circle.olive, in: circle.slug)
            try #require(try await vote(&circle.mona, on: id, [("position", "no")]).status == .seeOther)
            app.clock.advance(seconds: 2 * 86_400)
            let before = try await circle.olive.get("/decisions/\(id)")
            let attached = try await circle.mona.post(
                "/decisions/\(id)/dissent",
                [("statement", "Wrong day to march.")]
            )
            let statement = try #require(attached.location?.split(separator: "-").last.flatMap { Int($0) })

            // act
            let confirm = try await circle.mona.get("/dissents/\(statement)/withdraw")
            let withdrawn = try await circle.mona.post("/dissents/\(statement)/withdraw")
            let after = try await circle.olive.get("/decisions/\(id)")

            // check
            #expect(before.contains("No dissent statements."))
            #expect(confirm.contains("Withdraw your dissent") && confirm.contains("class=\"danger\""))
            #expect(withdrawn.status == .seeOther)
            #expect(!after.contains("Wrong day to march.") && after.contains("No dissent statements."))
        }
    }
}
