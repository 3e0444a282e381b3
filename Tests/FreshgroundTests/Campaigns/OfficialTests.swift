import Foundation
import SQLKit
import Testing

/// Holding electeds to account: an official a group endorsed, their pledges in versions, criteria published before
/// the votes, votes imported from Popolo or Open Civic Data files (checked whole before anything is stored), and
/// the scorecard and pledge statuses computed from them.
@Suite("Campaigns: officials held to account")
struct OfficialTests {
    /// Leeds Tenants (olive organizes, bob is a member) records Ada Brennan (Popolo id person/ada), City councillor,
    /// term 2026-05-01 to 2028-12-31.
    struct Setup {
        var olive: Visitor
        var bob: Visitor
        let slug: String
        let official: Int
        var page: String { "/officials/\(official)" }
    }

    func setup(_ app: TestApp, visibility: String = "public") async throws -> Setup {
        var olive = try await app.person("olive")
        let slug = try await olive.createGroup("Leeds Tenants", visibility: visibility)
        var bob = try await app.person("bob")
        let token = try await olive.createInvite(slug)
        try #require(try await bob.post("/invites/\(token)").status == .seeOther)
        let recorded = try await olive.post(
            "/groups/\(slug)/officials",
            [
                ("name", "Ada Brennan"), ("office", "City councillor"), ("jurisdiction", "Leeds, Hyde Park ward"),
                ("termStartsOn", "2026-05-01"), ("termEndsOn", "2028-12-31"), ("popoloId", "person/ada"),
                ("ocdId", "ocd-person/ada"),
            ]
        )
        try #require(recorded.status == .seeOther, "\(errorsIn(recorded))")
        let official = try #require(Int(recorded.location?.split(separator: "/").last ?? ""))
        return Setup(olive: olive, bob: bob, slug: slug, official: official)
    }

    /// One Popolo vote event: Ada votes `ada`, person/ben yes and person/cy no; the counts agree with the votes
    /// unless `yesCount` is given.
    func popolo(_ key: String, day: String, ada: String, yesCount: Int? = nil) -> [String: Any] {
        let votes = [
            ("person/ada", "Ada Brennan", ada), ("person/ben", "Ben Ode", "yes"), ("person/cy", "Cy Rao", "no"),
        ]
        var counts: [String: Int] = [:]
        for vote in votes { counts[vote.2, default: 0] += 1 }
        if let yesCount { counts["yes"] = yesCount }
        return [
            "id": key, "motion": ["text": "Motion \(key)"], "start_date": day, "result": "pass",
            "counts": counts.sorted { $0.key < $1.key }.map { ["option": $0.key, "value": $0.value] },
            "votes": votes.map { ["voter_id": $0.0, "voter": ["id": $0.0, "name": $0.1], "option": $0.2] },
        ]
    }

    func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    func voteCount(_ app: TestApp) async throws -> Int {
        try await app.store.sql.select().column("id").from("official_votes").all().count
    }

    /// The status shown under each pledge's topic.
    func statuses(_ page: Page) -> [String: String] {
        let found = page.body.matches(of: #/<h3>([^<]*)</h3>\s*<p>Status: <strong>([^<]*)</strong>/#)
        return Dictionary(found.map { (String($0.output.1), String($0.output.2)) }) { first, _ in first }
    }

    @Test func theScorecardAndPledgesEqualTheHandComputedFixture() async throws {
        try await withApp(mail: false) { app in
            // setup: four pledges answered on 2026-09-01 (Rent control first answered "none", then "for"),
            // criteria v1 published on the clock's first day, 2026-09-21 (absences disagree, abstentions left out), and
            // ten votes imported: the design's fixture moved to the autumn of 2026.
            var s = try await setup(app)
            let pledges = [
                ("Rent control", "none", "2026-08-01"), ("Rent control", "for", "2026-09-01"),
                ("Repairs", "for", "2026-09-01"), ("Evictions", "against", "2026-09-01"),
                ("Parks", "for", "2026-09-01"),
            ]
            for (topic, stance, day) in pledges {
                let added = try await s.olive.post(
                    "/officials/\(s.official)/pledges",
                    [
                        ("topic", topic), ("question", "Will you act on \(topic)?"), ("answer", "Answer \(stance)"),
                        ("stance", stance), ("answeredOn", day), ("sourceURL", "https://example.org/answers"),
                    ]
                )
                try #require(added.status == .seeOther, "\(errorsIn(added))")
            }
            let published = try await s.olive.post(
                "/officials/\(s.official)/criteria",
                [("absences", "disagree"), ("abstentions", "leave-out"), ("criteriaText", "We score housing votes.")]
            )
            try #require(published.status == .seeOther, "\(errorsIn(published))")
            // The ten votes of the design's fixture; (key, day, Ada's option, the group's position, pledge topic).
            let fixture: [(String, String, String, String, String)] = [
                ("v1", "2026-09-15", "yes", "support", ""), ("v2", "2026-10-05", "yes", "support", "Rent control"),
                ("v3", "2026-10-12", "yes", "support", "Rent control"),
                ("v4", "2026-10-19", "no", "support", "Repairs"),
                ("v5", "2026-10-26", "absent", "support", ""), ("v6", "2026-11-02", "abstain", "support", "Repairs"),
                ("v7", "2026-11-09", "no", "oppose", "Evictions"), ("v8", "2026-11-16", "yes", "oppose", "Evictions"),
                ("v9", "2026-11-23", "yes", "none", ""), ("v10", "2026-11-30", "no", "none", ""),
            ]
            let document = try json(fixture.map { popolo($0.0, day: $0.1, ada: $0.2) })
            // act
            let imported = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "popolo"), ("document", document)]
            )
            try #require(imported.status == .seeOther, "\(errorsIn(imported))")
            let ids = try await app.store.sql.select().columns("id", "source_key").from("official_votes").all()
            for row in ids {
                let key = try row.decode(column: "source_key", as: String.self)
                let entry = try #require(fixture.first { $0.0 == key })
                let linked = try await s.olive.post(
                    "/officials/\(s.official)/votes/\(try row.decode(column: "id", as: Int.self))/link",
                    [("voteTopic", entry.4), ("position", entry.3)]
                )
                try #require(linked.status == .seeOther, "\(errorsIn(linked))")
            }
            let during = try await anonymousGet(app, s.page)
            let again = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "popolo"), ("document", document)]
            )
            let flash = try await s.olive.get(try #require(again.location))
            app.clock.advance(seconds: 73_172_800)  // 2029-01-15 12:00 UTC, after the term
            let after = try await anonymousGet(app, s.page)
            // check. Hand computation: v1 falls before the criteria (unscored); v9 and v10 carry no position; v6, an
            // abstention, is left out. Scored: v2 yes/support agrees, v3 agrees, v4 no/support disagrees, v5
            // absent/support disagrees (absences count against), v7 no/oppose agrees, v8 yes/oppose disagrees:
            // 3 of 6 = 50 %. Pledges (for = yes, against = no, each vote scored as above): Rent control v2, v3
            // honoured → kept; Repairs v4 not honoured, v6 left out → broken; Evictions v7 honoured, v8 not →
            // partly kept; Parks no vote → untested. Before the term ended every pledge is pending.
            #expect(try await voteCount(app) == 10)
            #expect(after.contains("scored votes: <strong>50%</strong>"), "\(after.body)")
            #expect(after.contains("on <strong>3 of 6</strong>"))
            #expect(
                after.contains(
                    "Version 1, published 2026-09-21: absences counted as disagreement, abstentions left out."
                )
            )
            #expect(
                after.contains(
                    "Absences counted as disagreement: 1. Absences and abstentions left out: 1. Votes before published criteria, unscored: 1."
                )
            )
            #expect(
                statuses(after) == [
                    "Rent control": "Kept", "Repairs": "Broken", "Evictions": "Partly kept",
                    "Parks": "Untested: no vote tested it",
                ]
            )
            #expect(Set(statuses(during).values) == ["Pending until the term ends"])
            #expect(during.contains("(so far 2 of 2 votes honoured it)"))
            #expect(after.contains("Answer none") && after.contains("Answer for"), "every version is shown")
            #expect(flash.contains("0 votes imported. 10 were recorded before and skipped."))
            #expect(try await voteCount(app) == 10)
        }
    }

    @Test func aPopoloDocumentWhoseCountsDisagreeIsRefusedWithNothingStored() async throws {
        try await withApp(mail: false) { app in
            // setup: the first event is good, the second says yes 4 but lists 3 yes votes
            var s = try await setup(app)
            var bad = popolo("vote-12", day: "2027-02-01", ada: "yes", yesCount: 4)
            bad["motion"] = ["text": "OnlyInThePaste motion"]
            bad["votes"] = [
                ["voter_id": "person/ada", "option": "yes"], ["voter_id": "person/ben", "option": "yes"],
                ["voter_id": "person/dee", "option": "yes"], ["voter_id": "person/cy", "option": "no"],
            ]
            let document = try json([popolo("vote-11", day: "2027-02-01", ada: "no"), bad])
            // act
            let refused = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "popolo"), ("document", document)]
            )
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("“vote-12”: yes: the counts say 4, the votes list 3."), "\(errorsIn(refused))")
            #expect(refused.contains("OnlyInThePaste motion"), "the pasted text is kept in the form")
            #expect(try await voteCount(app) == 0)
        }
    }

    @Test func anOpenCivicDataDocumentIsAcceptedMatchingTheNameIgnoringCase() async throws {
        try await withApp(mail: false) { app in
            // setup
            var s = try await setup(app)
            let event: [String: Any] = [
                "identifier": "ocd-vote/1", "motion_text": "Fare-free buses", "start_date": "2027-04-02T10:00:00",
                "result": "pass",
                "counts": [["option": "yes", "value": 2], ["option": "excused", "value": 1]],
                "votes": [
                    ["option": "yes", "voter_name": "ada brennan"], ["option": "yes", "voter_name": "Ben Ode"],
                    ["option": "excused", "voter_name": "Cy Rao", "note": "ill"],
                ],
            ]
            // act
            let imported = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "ocd"), ("document", try json(event))]
            )
            let page = try await s.bob.get(s.page)
            // check
            #expect(imported.status == .seeOther, "\(errorsIn(imported))")
            #expect(page.contains("<td>2027-04-02</td><td>Fare-free buses<br><small>yes 2, excused 1 · pass</small>"))
            #expect(page.contains("<td>yes</td>") && page.contains("before published criteria") == false)
            #expect(!page.contains("Ben Ode") && !page.contains("Cy Rao"), "only the official's vote is kept")
            #expect(try await voteCount(app) == 1)
        }
    }

    @Test func aDuplicateVoterIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup: person/ben is listed twice, and the counts agree with the list
            var s = try await setup(app)
            var event = popolo("vote-20", day: "2027-02-01", ada: "no")
            event["votes"] = [
                ["voter_id": "person/ada", "option": "no"], ["voter_id": "person/ben", "option": "yes"],
                ["voter_id": "person/ben", "option": "yes"],
            ]
            event["counts"] = [["option": "yes", "value": 2], ["option": "no", "value": 1]]
            // act
            let refused = try await s.olive.post(
                "/officials/\(s.official)/votes/import",
                [("format", "popolo"), ("document", try json(event))]
            )
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("“vote-20”: the voter “person/ben” is listed twice."), "\(errorsIn(refused))")
            #expect(try await voteCount(app) == 0)
        }
    }

    @Test func aVoteEnteredByHandIsScoredAndARefusedFormKeepsItsInput() async throws {
        try await withApp(mail: false) { app in
            // setup: a pledge for rent control and criteria published today (2026-09-21)
            var s = try await setup(app)
            let pledge = [
                ("topic", "Rent control"), ("question", "Will you cap rents?"), ("answer", "Yes, at once."),
                ("stance", "for"), ("answeredOn", "2026-09-01"),
            ]
            let criteria = [("absences", "leave-out"), ("abstentions", "disagree"), ("criteriaText", "")]
            try #require(try await s.olive.post("\(s.page)/criteria", criteria).status == .seeOther)
            let vote = [
                ("motion", "Rent cap motion"), ("votedOn", "2026-10-01"), ("option", "yes"),
                ("voteTopic", "Rent control"), ("position", "support"),
            ]
            // act
            let noSource = try await s.olive.post("\(s.page)/pledges", pledge)
            let pledged = try await s.olive.post("\(s.page)/pledges", pledge + [("sourceURL", "https://example.org/q")])
            let badDay = try await s.olive.post(
                "\(s.page)/votes",
                vote.map { $0.0 == "votedOn" ? ($0.0, "2026-13-01") : $0 }
            )
            let voted = try await s.olive.post("\(s.page)/votes", vote)
            let page = try await anonymousGet(app, s.page)
            // check
            #expect(noSource.status == .unprocessableContent)
            #expect(noSource.contains("Give the address where the answer was published."))
            #expect(noSource.contains(">Will you cap rents?</textarea>"), "the input is kept")
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.contains("Give the day of the vote as YYYY-MM-DD."))
            #expect(badDay.contains("value=\"Rent cap motion\""), "the input is kept")
            #expect(pledged.status == .seeOther && voted.status == .seeOther)
            #expect(
                page.contains(
                    "<td>2026-10-01</td><td>Rent cap motion</td><td>yes</td><td>support</td><td>Rent control</td><td>agrees</td>"
                ),
                "\(page.body)"
            )
            #expect(page.contains("on <strong>1 of 1</strong> scored votes: <strong>100%</strong>"))
            #expect(
                page.contains(
                    "Version 1, published 2026-09-21: absences left out, abstentions counted as disagreement."
                )
            )
        }
    }

    @Test func anEventWithoutTheOfficialIsRefusedNamingIt() async throws {
        try await withApp(mail: false) { app in
            // setup: Ada is not among the voters, by id or by name
            var s = try await setup(app)
            var event = popolo("vote-30", day: "2027-02-01", ada: "no")
            event["votes"] = [["voter_id": "person/ben", "option": "yes"], ["voter_id": "person/cy", "option": "no"]]
            event["counts"] = [["option": "yes", "value": 1], ["option": "no", "value": 1]]
            // act
            let refused = try await s.olive.post(
                "\(s.page)/votes/import",
                [("format", "popolo"), ("document", try json(event))]
            )
            // check
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.contains("“vote-30”: Ada Brennan is not found once among its voters."),
                "\(errorsIn(refused))"
            )
            #expect(try await voteCount(app) == 0)
        }
    }

    @Test func aPrivateGroupsOfficialIsNotFoundForOutsiders() async throws {
        try await withApp(mail: false) { app in
            // setup
            var s = try await setup(app, visibility: "private")
            var stranger = try await app.person("stan")
            // act
            let anonymous = try await anonymousGet(app, s.page)
            let list = try await anonymousGet(app, "/groups/\(s.slug)/officials")
            let strangers = try await stranger.get(s.page)
            let strangerImport = try await stranger.get("\(s.page)/votes/import")
            let member = try await s.bob.get(s.page)
            let members = try await s.bob.get("/groups/\(s.slug)/officials")
            let groupPage = try await s.bob.get("/groups/\(s.slug)")
            // check
            for page in [anonymous, list, strangers, strangerImport] {
                #expect(page.status == .notFound)
                #expect(!page.contains("Ada Brennan") && !page.contains("Leeds Tenants"))
            }
            #expect(member.status == .ok && member.contains("<h1>Ada Brennan</h1>"))
            #expect(members.contains("Ada Brennan</a>, City councillor"))
            #expect(groupPage.contains("<a href=\"/groups/\(s.slug)/officials\">Officials</a>"))
        }
    }

    @Test func aNonOrganizerIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var s = try await setup(app)
            // act
            let official = try await s.bob.post(
                "/groups/\(s.slug)/officials",
                [
                    ("name", "Zed"), ("office", "Mayor"), ("jurisdiction", "Leeds"), ("termStartsOn", "2026-05-01"),
                    ("termEndsOn", "2030-05-01"),
                ]
            )
            let pledge = try await s.bob.post(
                "/officials/\(s.official)/pledges",
                [
                    ("topic", "Rent"), ("question", "Q"), ("answer", "A"), ("stance", "for"),
                    ("answeredOn", "2026-09-01"), ("sourceURL", "https://example.org"),
                ]
            )
            let vote = try await s.bob.post(
                "/officials/\(s.official)/votes",
                [
                    ("motion", "M"), ("votedOn", "2027-01-01"), ("option", "yes"), ("voteTopic", ""),
                    ("position", "none"),
                ]
            )
            let page = try await s.bob.get(s.page)
            // check
            #expect(official.status == .forbidden && pledge.status == .forbidden && vote.status == .forbidden)
            #expect(!page.contains("Record a pledge") && !page.contains("/votes/import"))
            #expect(try await app.store.sql.select().column("id").from("officials").all().count == 1)
            #expect(try await voteCount(app) == 0)
        }
    }
}
