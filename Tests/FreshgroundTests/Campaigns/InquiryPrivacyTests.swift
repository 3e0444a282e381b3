import Foundation
import SQLKit
import Testing

/// Nobody can link an inquiry's answer to the person who gave it, not even with the database; nobody (the site's
/// admin included) reads an individual answer; a private group's inquiry is named to nobody outside it.
@Suite("Campaigns: workers' inquiries kept anonymous and private")
struct InquiryPrivacyTests {
    @Test func theDatabaseHoldsNothingThatLinksAnAnswerToItsAuthor() async throws {
        try await withApp(mail: false) { app in
            // setup: a trend survey of three topics
            var fixture = try await inquiryFixture(app, members: 5, topics: "Workload\nPay\nSafety")
            let sql = app.store.sql
            // act
            #expect(
                try await fixture.cole.post("\(fixture.path)/answer", [("q0", "0"), ("q1", "1"), ("q2", "2")]).status
                    == .seeOther
            )
            for index in fixture.members.indices {
                let choices = [("q0", String(index % 3)), ("q1", "0"), ("q2", String((index + 1) % 3))]
                let page = try await fixture.members[index].post("\(fixture.path)/answer", choices)
                #expect(page.status == .seeOther, "\(errorsIn(page))")
            }
            // check: the answers say what and nothing else; participation says who and nothing else
            #expect(
                try await columns(of: "inquiry_answers", app) == ["inquiry_id", "response_id", "position", "value"]
            )
            #expect(try await columns(of: "inquiry_participants", app) == ["inquiry_id", "person_id", "answered_on"])
            let rows = try await sql.raw("SELECT response_id FROM inquiry_answers").all()
                .map { try $0.decode(column: "response_id", as: String.self) }
            let responses = Set(rows)
            #expect(rows.count == 18 && responses.count == 6 && responses.allSatisfy { $0.count >= 16 })
            let taking = try await sql.raw("SELECT COUNT(*) AS n FROM inquiry_participants").first()?
                .decode(column: "n", as: Int.self)
            #expect(taking == 6)
            if sql.dialect.name == "sqlite" {
                // No hidden row number to sort by.
                await #expect(throws: (any Error).self) {
                    try await sql.raw("SELECT rowid FROM inquiry_answers").all()
                }
            } else {
                // Every answer carries one transaction id, none of a participation row's, and they lie in the order
                // of their random ids.
                let answerXmins = Set(
                    try await sql.raw("SELECT xmin::text AS x FROM inquiry_answers").all()
                        .map { try $0.decode(column: "x", as: String.self) }
                )
                let takingXmins = Set(
                    try await sql.raw("SELECT xmin::text AS x FROM inquiry_participants").all()
                        .map { try $0.decode(column: "x", as: String.self) }
                )
                #expect(answerXmins.count == 1 && takingXmins.count == 6)
                #expect(answerXmins.isDisjoint(with: takingXmins))
                let physical = try await sql.raw("SELECT response_id FROM inquiry_answers ORDER BY ctid").all()
                    .map { try $0.decode(column: "response_id", as: String.self) }
                var stored: [String] = []
                for id in physical where stored.last != id { stored.append(id) }
                #expect(stored == responses.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            }
        }
    }

    @Test func nobodyReadsAnIndividualAnswer() async throws {
        try await withApp(mail: false) { app in
            // setup
            var fixture = try await inquiryFixture(app, members: 4)
            #expect(try await answerInquiry(&fixture.cole, fixture.path, choice: 2).status == .seeOther)
            for index in fixture.members.indices {
                #expect(try await answerInquiry(&fixture.members[index], fixture.path, choice: 0).status == .seeOther)
            }
            var admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            passInquiryClose(app)
            // act
            let own = try await fixture.cole.get("/me/data.json")
            let adminResults = try await admin.get("\(fixture.path)/results")
            let adminAPI = try await admin.api(.get, "/api/v1/inquiries/\(fixture.id)")
            // check: cole's download says he took part, and not what he answered; the admin sees only the counts
            let taken = try #require(own.json["inquiriesTakenPart"] as? [[String: Any]])
            #expect(taken.count == 1 && Set(taken[0].keys) == ["id", "title", "campaign_title", "answered_on"])
            #expect(!own.body.contains("response_id") && !own.body.contains("Worse"))
            #expect(adminResults.contains("<th scope=\"row\">Worse</th><td>fewer than 5</td>"))
            #expect(adminResults.contains("<th scope=\"row\">Better</th><td>fewer than 5</td>"))
            #expect(!adminResults.contains("<td>4</td>") && !adminResults.contains("<td>1</td>"))
            #expect(!adminAPI.body.contains("response_id") && !adminAPI.body.contains("\"count\":4"))
        }
    }

    @Test func aPrivateGroupsInquiryIsNamedToNobodyOutsideIt() async throws {
        try await withApp(mail: false) { app in
            // setup: pia's private circle takes part in cole's public campaign and runs an inquiry in it
            var fixture = try await inquiryFixture(app, members: 1)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("HiddenCircleName", visibility: "private")
            let token = try await pia.createInvite(hidden)
            try #require(try await fixture.cole.post("/invites/\(token)").status == .seeOther)
            try await joinCampaign(&fixture.cole, &pia, fixture.campaign, group: hidden)
            let started = try await pia.post(
                "/campaigns/\(fixture.campaign)/inquiries",
                [
                    ("title", "HiddenInquiryTitle"), ("method", "interview"), ("topics", ""),
                    ("closesOn", inquiryDay(app, plus: 3)), ("group", hidden),
                ]
            )
            try #require(started.status == .seeOther, "\(errorsIn(started))")
            let path = try #require(started.location)
            let id = try #require(path.split(separator: "/").last.map(String.init))
            let admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            let stranger = try await app.person("stan")
            var readers = [
                ("anonymous", app.visitor()), ("stranger", stranger), ("admin", admin),
                ("member of another group taking part", fixture.members[0]),
            ]
            // act and check
            for index in readers.indices {
                let who = readers[index].0
                for address in [path, "\(path)/results", "\(path)/guide", "/api/v1/inquiries/\(id)"] {
                    let page = try await readers[index].1.get(address)
                    #expect(page.status == .notFound, "\(who) at \(address)")
                    #expect(!page.contains("HiddenInquiryTitle"), "\(who) at \(address)")
                }
                for address in [
                    "/campaigns/\(fixture.campaign)/inquiries", "/campaigns/\(fixture.campaign)",
                    "/api/v1/campaigns/\(fixture.campaign)/inquiries",
                ] {
                    let page = try await readers[index].1.get(address)
                    #expect(page.status == .ok, "\(who) at \(address)")
                    #expect(!page.contains("HiddenInquiryTitle"), "\(who) at \(address)")
                }
            }
            let answered = try await readers[3].1.post("\(path)/answer", [("q0", "0"), ("q1", "0")])
            #expect(answered.status == .notFound)
            #expect(try await pia.get(path).contains("HiddenInquiryTitle"))
            #expect(
                try await fixture.cole.get("/campaigns/\(fixture.campaign)/inquiries").contains("HiddenInquiryTitle")
            )
        }
    }

    /// The columns of the table's rows (the fixture has written some).
    private func columns(of table: String, _ app: TestApp) async throws -> Set<String> {
        Set(try await app.store.sql.raw("SELECT * FROM \(unsafeRaw: table)").all().flatMap(\.allColumns))
    }
}
