import Foundation
import Testing

/// The joint demands: written in versions by the lead's organizers, adopted by a vote of the groups taking part
/// (one voice each) through the Decisions feature, the outcome stored once the vote is over.
@Suite("Campaigns: joint demands adopted by the groups")
struct DemandTests {
    /// Saves a version of the joint demands written from version `base`.
    static func writeDemands(
        _ visitor: inout Visitor,
        _ campaign: Int,
        _ text: String,
        base: Int = 0
    ) async throws
        -> Page
    {
        try await visitor.post("/campaigns/\(campaign)/demands", [("text", text), ("baseVersion", String(base))])
    }

    /// Puts `version` to the vote, closing in a day; the answer as it is.
    static func putToVote(
        _ app: TestApp,
        _ visitor: inout Visitor,
        _ campaign: Int,
        version: Int = 1
    ) async throws
        -> Page
    {
        try await visitor.post(
            "/campaigns/\(campaign)/demands/\(version)/vote",
            [("closesAt", utcInput(app.clock.now.addingTimeInterval(86_400)))]
        )
    }

    /// Writes version 1 and puts it to the vote; returns the decision's id.
    static func openVote(_ app: TestApp, _ network: inout CampaignNetwork, _ text: String) async throws -> Int {
        let saved = try await writeDemands(&network.cole, network.campaign, text)
        try #require(saved.status == .seeOther, "\(errorsIn(saved))")
        let opened = try await putToVote(app, &network.cole, network.campaign)
        let location = try #require(opened.location, "\(opened.status) \(errorsIn(opened))")
        return try #require(Int(location.split(separator: "/").last ?? ""))
    }

    @Test func oneGroupBlockingByConsentLeavesTheDemandsNotAdopted() async throws {
        try await withApp(mail: false) { app in
            // setup: three groups (the coalition, Leeds Tenants, Leeds Students) by consent
            var network = try await campaignNetwork(app, adoption: "consent")
            let decision = try await Self.openVote(app, &network, "Rents frozen for **two years**.")
            // act: two agree, Leeds Students blocks; a second version cannot be put to the vote meanwhile
            let anonymousDuring = try await anonymousGet(app, network.page)
            let oliveDuring = try await network.net.olive.get(network.page)
            let agree1 = try await vote(&network.cole, on: decision, [("position", "agree")])
            let agree2 = try await vote(&network.net.olive, on: decision, [("position", "agree")])
            let block = try await vote(
                &network.net.sara,
                on: decision,
                [("position", "block"), ("reason", "Students need rent caps too.")]
            )
            let second = try await Self.writeDemands(&network.cole, network.campaign, "Rents frozen.", base: 1)
            let secondVote = try await Self.putToVote(app, &network.cole, network.campaign, version: 2)
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await anonymousGet(app, network.page)
            let demandsPage = try await network.net.sara.get("/campaigns/\(network.campaign)/demands")
            // check
            #expect(agree1.status == .seeOther && agree2.status == .seeOther && block.status == .seeOther)
            #expect(anonymousDuring.contains("<strong>being voted on</strong>"))
            #expect(
                !anonymousDuring.contains("/decisions/\(decision)"),
                "the vote is not linked for those who may not see it"
            )
            #expect(oliveDuring.contains("href=\"/decisions/\(decision)\""))
            #expect(second.status == .seeOther)
            #expect(secondVote.status == .conflict, "one open demands vote per campaign")
            #expect(after.contains("<strong>not adopted</strong>"))
            #expect(after.contains("No joint demands adopted yet."))
            #expect(demandsPage.contains("Rents frozen for <strong>two years</strong>."))
            let outcome = try await app.store.sql.select().column("outcome").from("campaign_demands")
                .where("campaign_id", .equal, network.campaign).where("version", .equal, 1)
                .value("outcome", as: String?.self)
            #expect(outcome == "rejected")
        }
    }

    @Test func aMajorityOfTwoGroupsOfThreeAdoptsTheDemands() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app, adoption: "majority")
            let decision = try await Self.openVote(app, &network, "Repairs within **a week**.")
            // act
            for (index, position) in ["yes", "yes", "no"].enumerated() {
                var voter = [network.cole, network.net.olive, network.net.sara][index]
                let cast = try await vote(&voter, on: decision, [("position", position)])
                try #require(cast.status == .seeOther, "\(errorsIn(cast))")
            }
            app.clock.advance(seconds: 2 * 86_400)
            let first = try await anonymousGet(app, network.page)
            let news = try parseFeed(try await anonymousGet(app, "\(network.page)/news.atom").body)
            let stored = try await app.store.sql.select().column("outcome").from("campaign_demands")
                .where("campaign_id", .equal, network.campaign).value("outcome", as: String?.self)
            try await app.store.sql.update("campaign_demands").set("outcome", to: "rejected")
                .where("campaign_id", .equal, network.campaign).run()
            app.clock.advance(seconds: 3)  // past the two seconds anonymous visitors share a copy of the page
            let second = try await anonymousGet(app, network.page)
            // check: adopted, the text shown as the campaign's demands, the vote linked once published
            #expect(first.contains("<strong>adopted</strong>") && !first.contains("not adopted"))
            #expect(first.contains("Adopted by the groups: version 1"))
            #expect(first.contains("Repairs within <strong>a week</strong>."))
            #expect(first.contains("href=\"/decisions/\(decision)\""))
            #expect(stored == "adopted")
            #expect(news.entries.first?.title == "Joint demands, version 1: adopted", "the news feed tells of it")
            #expect(second.contains("<strong>not adopted</strong>"), "the stored outcome is read, not counted again")
        }
    }

    @Test func onlyTheLeadsOrganizersWriteAndPutTheDemandsToTheVote() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            try #require(
                try await Self.writeDemands(&network.cole, network.campaign, "Rents down.").status == .seeOther
            )
            // act
            let byOlive = try await Self.putToVote(app, &network.net.olive, network.campaign)
            let writtenByOlive = try await Self.writeDemands(&network.net.olive, network.campaign, "Mine.", base: 1)
            let byBob = try await Self.putToVote(app, &network.net.bob, network.campaign)
            let form = try await network.net.olive.get("/campaigns/\(network.campaign)/demands")
            // check
            #expect(byOlive.status == .forbidden)
            #expect(writtenByOlive.status == .forbidden)
            #expect(byBob.status == .forbidden)
            #expect(!form.contains("Put version 1 to the vote"))
            let opened = try await app.store.sql.raw("SELECT id FROM campaign_demands WHERE vote_opened_at IS NOT NULL")
                .all()
            #expect(opened.isEmpty)
        }
    }

    @Test func aStaleVersionAndABadClosingTimeAreRefusedWithTheInputKept() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            try #require(
                try await Self.writeDemands(&network.cole, network.campaign, "Rents down.").status == .seeOther
            )
            // act
            let stale = try await Self.writeDemands(&network.cole, network.campaign, "Rents down by half.", base: 0)
            let badTime = try await network.cole.post(
                "/campaigns/\(network.campaign)/demands/1/vote",
                [("closesAt", "next week")]
            )
            let page = try await network.cole.get("/campaigns/\(network.campaign)/demands")
            let download = try await network.cole.get("/me/data.json")
            // check
            #expect(download.contains("\"campaignDemands\"") && download.contains("Rents down."))
            #expect(stale.status == .unprocessableContent)
            #expect(stale.contains("saved a newer version meanwhile") && stale.contains("Rents down by half."))
            #expect(badTime.status == .unprocessableContent)
            #expect(
                badTime.contains("Give a date and time as YYYY-MM-DDTHH:MM.") && badTime.contains("value=\"next week\"")
            )
            #expect(page.contains("<strong>draft</strong>") && page.contains("Put version 1 to the vote of the groups"))
        }
    }

    @Test func theDecisionPageLinksBackToTheCampaign() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            let decision = try await Self.openVote(app, &network, "Rents down.")
            // act
            let page = try await network.net.olive.get("/decisions/\(decision)")
            let again = try await network.cole.post(
                "/campaigns/\(network.campaign)/demands/1/vote",
                [("closesAt", "tomorrow")]
            )
            // check
            #expect(page.contains("<a href=\"/campaigns/\(network.campaign)\">The joint demands of Homes for all</a>"))
            #expect(page.contains("Joint demands of “Homes for all” (version 1)"))
            #expect(page.contains("Rents down."))
            #expect(again.status == .conflict, "the version was already put to the vote")
        }
    }
}
