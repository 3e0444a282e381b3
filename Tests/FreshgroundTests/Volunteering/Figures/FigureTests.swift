import Foundation
import FreshgroundStore
import SQLKit
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A group's volunteering figures: golden numbers from a small seeded group worked out by hand, small counts
/// written "<5", charts that are well-formed pictures with a title and a description, a differencing guard
/// against filters one person apart, and only the group's organizers let in.
@Suite("Volunteering: figures")
struct FigureTests {
    /// Leeds Tenants, as seen on 2027-02-18 (150 days after the test clock's 2026-09-21):
    ///
    /// - olive (organizer) and vol1…vol9 joined on 2026-09-21 (the September cohort, 10 people); rex1…rex3 joined
    ///   on 2026-10-21 (the October cohort, 3 people).
    /// - vol1…vol5 logged an hour on 2026-09-22 and nothing since: lapsed (90 days), left in September.
    /// - olive and vol6…vol9 logged an hour on 2026-09-25, 2026-10-12 and 2027-02-10: still active.
    /// - rex1…rex3 logged an hour on 2026-10-25 and nothing since: left in October.
    /// - vol1…vol6 have the skill "first aid", vol1…vol5 "cooking".
    ///
    /// By hand: the September cohort is active 10, 5, 0, 0, 0, 5 in its months 0…5 (100%, 50%, <5, <5, <5, 50%);
    /// 13 joined and 8 left in the last 365 days, a revolving door of 8 ÷ 13 = 0.62; joins by month: September
    /// 10, October <5; leavers: September 5, October <5. Kaplan–Meier: 5 of 13 lapse on day 1 (8/13), 3 of 8 on
    /// day 4 (5/13 = 38%), so half have left by day 4 and 38% are still active after 30 and 90 days.
    struct Seeded {
        var olive: Visitor
        var vol1: Visitor
        let slug: String
        let handles: [String]
    }

    func seeded(_ app: TestApp) async throws -> Seeded {
        var olive = try await app.person("olive")
        let slug = try await olive.createGroup("Leeds Tenants")
        let vols = (1...9).map { "vol\($0)" }
        let rexes = (1...3).map { "rex\($0)" }
        for handle in vols {
            var visitor = try await app.person(handle)
            try #require(try await visitor.post("/groups/\(slug)/join").status == .seeOther)
        }
        app.clock.advance(seconds: 30 * 86_400)
        for handle in rexes {
            var visitor = try await app.person(handle)
            try #require(try await visitor.post("/groups/\(slug)/join").status == .seeOther)
        }
        app.clock.advance(seconds: 120 * 86_400)
        let sql = app.store.sql
        let group = try #require(
            try await sql.raw("SELECT id FROM groups WHERE slug = \(bind: slug)").value("id", as: Int.self)
        )
        func log(_ handle: String, _ days: [String]) async throws {
            let person = try #require(
                try await sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").value("id", as: Int.self)
            )
            for day in days {
                try await sql.insert(into: "volunteer_hours")
                    .columns("person_id", "group_id", "minutes", "on_day", "note", "created_at")
                    .values(
                        SQLBind(person),
                        SQLBind(group),
                        SQLBind(60),
                        SQLBind(day),
                        SQLBind(""),
                        SQLBind(app.clock.now)
                    )
                    .run()
            }
        }
        func skill(_ handle: String, _ name: String) async throws {
            let person = try #require(
                try await sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").value("id", as: Int.self)
            )
            try await sql.insert(into: "volunteer_skills")
                .columns("person_id", "skill", "wants", "created_at")
                .values(SQLBind(person), SQLBind(name), SQLBind(false), SQLBind(app.clock.now))
                .run()
        }
        for handle in vols.prefix(5) { try await log(handle, ["2026-09-22"]) }
        for handle in ["olive"] + vols.suffix(4) { try await log(handle, ["2026-09-25", "2026-10-12", "2027-02-10"]) }
        for handle in rexes { try await log(handle, ["2026-10-25"]) }
        for handle in vols.prefix(6) { try await skill(handle, "first aid") }
        for handle in vols.prefix(5) { try await skill(handle, "cooking") }
        // 150 days on, the sessions have run out: olive and vol1 sign in again.
        return Seeded(
            olive: try await signIn(app, "olive"),
            vol1: try await signIn(app, "vol1"),
            slug: slug,
            handles: vols + rexes
        )
    }

    func signIn(_ app: TestApp, _ handle: String) async throws -> Visitor {
        var visitor = app.visitor()
        let page = try await visitor.post("/login", [("login", handle), ("password", Visitor.password)])
        try #require(page.status == .seeOther, "\(handle) could not sign in")
        return visitor
    }

    @Test func theFiguresEqualTheGoldenNumbersWorkedOutByHand() async throws {
        try await withApp(mail: false) { app in
            // setup
            var group = try await seeded(app)
            // act
            let page = try await group.olive.get("/groups/\(group.slug)/figures")
            let api = try await group.olive.api(.get, "/api/v1/groups/\(group.slug)/figures")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("Revolving door: 0.62"), "\(page.body)")
            #expect(page.contains("2026-09 (10 joined)"))
            #expect(page.contains("2026-10 (&lt;5 joined)"))
            let september = try #require(
                page.body.firstMatch(of: #/<th scope="row">2026-09 \(10 joined\)</th>(.*?)</tr>/#)
            )
            #expect(
                september.output.1
                    == "<td>10 (100%)</td><td>5 (50%)</td><td>&lt;5</td><td>&lt;5</td><td>&lt;5</td><td>5 (50%)</td>"
                    + String(repeating: "<td></td>", count: 6)
            )
            #expect(page.contains("Half the people have left by day 4."))
            #expect(api.status == .ok)
            let json = api.json
            #expect(json["joinedLastYear"] as? Int == 13)
            #expect(json["leftLastYear"] as? Int == 8)
            #expect(abs((json["revolvingDoor"] as? Double ?? 0) - 8.0 / 13.0) < 1e-9)
            #expect(json["suppressedBelow"] as? Int == 5)
            let cohorts = try #require(json["cohorts"] as? [[String: Any]])
            #expect(cohorts.count == 2)
            #expect(cohorts.first?["month"] as? String == "2026-09")
            #expect((cohorts.first?["active"] as? [Any])?.map { $0 as? Int } == [10, 5, nil, nil, nil, 5])
            #expect(cohorts.last?["size"] is NSNull, "a cohort of 3 is not told")
            let months = try #require(json["months"] as? [[String: Any]])
            let september2026 = try #require(months.first { $0["month"] as? String == "2026-09" })
            #expect(september2026["joined"] as? Int == 10)
            #expect(september2026["left"] as? Int == 5)
            let october = try #require(months.first { $0["month"] as? String == "2026-10" })
            #expect(october["joined"] is NSNull && october["left"] is NSNull)
            let tenure = try #require(json["tenure"] as? [[String: Any]])
            #expect(abs((tenure.first?["survival"] as? Double ?? 0) - 5.0 / 13.0) < 1e-9)
            #expect(json["medianTenureDays"] as? Int == 4)
        }
    }

    @Test func theChartsAreWellFormedPicturesWithATitleADescriptionAndNoOutsideAddress() async throws {
        try await withApp(mail: false) { app in
            // setup
            var group = try await seeded(app)
            // act
            let page = try await group.olive.get("/groups/\(group.slug)/figures")
            // check
            let pictures = page.body.matches(of: #/<svg[\s\S]*?</svg>/#).map { String($0.output) }
            #expect(pictures.count >= 6)
            #expect(!page.contains("<script"))
            for svg in pictures {
                let parser = XMLParser(data: Data(svg.utf8))
                let reader = SVGReader()
                parser.delegate = reader
                #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
                #expect(reader.root == "svg")
                #expect(!(reader.text["title"] ?? "").isEmpty, "a picture without a title")
                #expect(!(reader.text["desc"] ?? "").isEmpty, "a picture without a description")
                let addresses = svg.matches(of: #/https?:[^"' <]*/#).map { String($0.output) }
                #expect(addresses == ["http://www.w3.org/2000/svg"], "\(addresses)")
            }
        }
    }

    @Test func aSecondFilterOnePersonApartFromAnEarlierOneIsRefused() async throws {
        try await withApp(mail: false) { app in
            // setup
            var group = try await seeded(app)
            let base = "/groups/\(group.slug)/figures"
            #expect(try await group.olive.get(base).status == .ok)
            let firstAid = try await group.olive.get(base + "?skill=first+aid")
            #expect(firstAid.status == .ok)
            #expect(!firstAid.contains("are not shown: they would differ"))
            // act
            let cooking = try await group.olive.get(base + "?skill=cooking")
            let cookingAPI = try await group.olive.api(.get, "/api/v1\(base)?skill=cooking")
            let sameAgain = try await group.olive.get(base + "?skill=first+aid")
            let byYear = try await group.olive.get(base + "?joined=2026")
            // check
            #expect(cooking.status == .ok, "a refusal is a page that says why, not an error")
            #expect(
                cooking.contains("These figures are not shown: they would differ from figures you have already seen")
            )
            #expect(!cooking.contains("<svg"))
            #expect(cookingAPI.status == .conflict)
            #expect(!sameAgain.contains("are not shown: they would differ"), "an answer already shown is shown again")
            #expect(!byYear.contains("are not shown: they would differ"), "everyone joined in 2026: the same answer")
        }
    }

    @Test func onlyTheGroupsOrganizersSeeTheFiguresAndNobodyIsNamed() async throws {
        try await withApp(mail: false) { app in
            // setup
            var group = try await seeded(app)
            var outsider = try await app.person("oscar")
            var other = try await app.person("yann")
            _ = try await other.createGroup("York Circle")
            // act
            let member = try await group.vol1.get("/groups/\(group.slug)/figures")
            let memberAPI = try await group.vol1.api(.get, "/api/v1/groups/\(group.slug)/figures")
            let stranger = try await outsider.get("/groups/\(group.slug)/figures")
            let otherOrganizer = try await other.get("/groups/\(group.slug)/figures")
            let organizer = try await group.olive.get("/groups/\(group.slug)/figures")
            let organizerAPI = try await group.olive.api(.get, "/api/v1/groups/\(group.slug)/figures")
            // check
            #expect(member.status == .notFound)
            #expect(memberAPI.status == .notFound)
            #expect(stranger.status == .notFound)
            #expect(otherOrganizer.status == .notFound)
            #expect(organizer.status == .ok)
            for handle in group.handles {
                #expect(!organizer.contains(handle), "\(handle) is named on the figures page")
                #expect(!organizerAPI.body.contains(handle))
            }
        }
    }

    @Test func aGroupWithTooFewPeopleShowsAnEmptyState() async throws {
        try await withApp(mail: false) { app in
            // setup
            var olive = try await app.person("olive")
            let slug = try await olive.createGroup("Quiet Circle")
            // act
            let page = try await olive.get("/groups/\(slug)/figures")
            // check
            #expect(page.status == .ok)
            #expect(page.contains("No figures yet"))
            #expect(!page.contains("<svg"))
        }
    }
}

/// Reads a picture with a real XML parser: its root element and the text of each element by name.
private final class SVGReader: NSObject, XMLParserDelegate {
    var root: String?
    var text: [String: String] = [:]
    private var open: [String] = []

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if root == nil { root = elementName }
        open.append(elementName)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let name = open.last { text[name, default: ""] += string }
    }
}
