import Foundation
import HTTPTypes
import Testing

/// The shared speaker roster: added for a group by its organizers or editors, searchable by everyone, the contact
/// kept to the organizers of the groups the speaker works with.
@Suite("Events: the speaker roster")
struct SpeakerTests {
    static let contact = "rosa@example.org"

    @Test func aCenterAddsASpeakerAndOnlyItsOrganizersReadTheContact() async throws {
        try await withApp { app in
            // setup: alice organizes North Center, bob is a plain member; sam organizes South Center
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var bob = try await app.person("bob")
            try #require(try await bob.post("/groups/\(center)/join").status == .seeOther)
            var sam = try await app.person("sam")
            _ = try await sam.createGroup("South Center", kind: "center", city: "Bristol")
            var anonymous = app.visitor()
            // act
            let id = try await addSpeaker(
                &alice,
                group: center,
                name: "Rosa Example",
                topics: "Housing, tenant unions, housing",
                contact: Self.contact,
                bio: "Organizer of *tenant unions*."
            )
            var reads: [(String, Page)] = []
            for path in ["/speakers/\(id)", "/api/v1/speakers/\(id)", "/speakers?topic=housing", "/api/v1/speakers"] {
                reads.append(("anonymous \(path)", try await Self.read(&anonymous, path)))
                reads.append(("member \(path)", try await Self.read(&bob, path)))
                reads.append(("other organizer \(path)", try await Self.read(&sam, path)))
            }
            let own = try await alice.get("/speakers/\(id)")
            let ownAPI = try await alice.api(.get, "/api/v1/speakers/\(id)")
            // check: the entry is public, the contact only for alice
            #expect(own.contains("<h1>Rosa Example</h1>"))
            #expect(own.contains("Organizer of <em>tenant unions</em>."))
            #expect(own.contains(Self.contact))
            #expect(ownAPI.json["contact"] as? String == Self.contact)
            #expect(ownAPI.json["topics"] as? [String] == ["Housing", "tenant unions"], "duplicates kept once")
            for (who, page) in reads {
                #expect(page.status == .ok, "\(who): \(page.status)")
                #expect(page.contains("Rosa Example"), "\(who) sees the speaker")
                #expect(!page.contains("rosa@"), "\(who) must not see the contact")
            }
            let memberAPI = try await bob.api(.get, "/api/v1/speakers/\(id)")
            #expect(memberAPI.json["contact"] is NSNull, "the key is there, empty: \(memberAPI.body)")
        }
    }

    @Test func recommendingOrHostingGroupsOrganizersReadTheContactToo() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var sam = try await app.person("sam")
            let south = try await sam.createGroup("South Center", kind: "center", city: "Bristol")
            let id = try await addSpeaker(&alice, group: center, name: "Rosa Example", contact: Self.contact)
            let before = try await sam.get("/speakers/\(id)")
            // act
            let recommended = try await sam.post(
                "/speakers/\(id)/recommend",
                [("group", south), ("note", "Brilliant on rent.")]
            )
            let after = try await sam.get("/speakers/\(id)")
            let again = try await sam.api(
                .post,
                "/api/v1/speakers/\(id)/recommendations",
                json: #"{"group":"\#(south)"}"#
            )
            let withdrawn = try await sam.api(.delete, "/api/v1/speakers/\(id)/recommendations/\(south)")
            let afterWithdrawal = try await sam.get("/speakers/\(id)")
            // check
            #expect(!before.contains(Self.contact))
            #expect(recommended.status == .seeOther)
            #expect(after.contains(Self.contact), "a recommending group's organizer reads the contact")
            #expect(after.contains("South Center</a>: Brilliant on rent."))
            #expect(again.status == .conflict)
            #expect(withdrawn.status == .noContent)
            #expect(!afterWithdrawal.contains(Self.contact))
            #expect(!afterWithdrawal.contains("Brilliant on rent."))
        }
    }

    @Test func onlyOrganizersAndEditorsAddSpeakersAndBadInputIsShownAtItsField() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var bob = try await app.person("bob")
            try #require(try await bob.post("/groups/\(center)/join").status == .seeOther)
            // act
            let byMember = try await bob.post("/speakers", [("group", center), ("name", "Rosa"), ("city", "leeds")])
            let empty = try await alice.post(
                "/speakers",
                [("group", center), ("name", " "), ("city", "atlantis"), ("handle", "nobody-here")]
            )
            let api = try await alice.api(
                .post,
                "/api/v1/speakers",
                json: #"{"group":"\#(center)","name":"","city":""}"#
            )
            let broken = try await alice.api(.post, "/api/v1/speakers", json: #"{"name": 12"#)
            let anonymous = try await Discussion.anonymous(app, "/speakers/new")
            let roster = try await alice.get("/speakers")
            // check
            #expect(byMember.status == .unprocessableContent)
            #expect(fieldError(byMember, "group")?.contains("Only organizers and editors of North Center") == true)
            #expect(empty.status == .unprocessableContent)
            #expect(fieldError(empty, "name") != nil)
            #expect(fieldError(empty, "city")?.hasSuffix("home city from the list.") == true)
            #expect(fieldError(empty, "handle")?.contains("nobody-here") == true)
            #expect(empty.contains(#"aria-describedby="name-error" aria-invalid="true""#))
            #expect(empty.contains(#"<label for="name">Name (required)</label>"#))
            #expect(api.status == .unprocessableContent)
            #expect(Set((api.json["errors"] as? [String: String] ?? [:]).keys) == ["name", "city"])
            #expect(broken.status == .badRequest)
            #expect(anonymous.status == .seeOther || anonymous.status == .unauthorized)
            #expect(roster.contains("No speaker matches."), "nothing was added")
        }
    }

    @Test func talksAndDatesAreKeptByTheEntrysKeepers() async throws {
        try await withApp { app in
            // setup
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            var sam = try await app.person("sam")
            _ = try await sam.createGroup("South Center", kind: "center", city: "Bristol")
            let id = try await addSpeaker(&alice, group: center, name: "Rosa Example")
            // act
            let talk = try await alice.post(
                "/speakers/\(id)/talks",
                [("title", "Rent strikes then and now"), ("abstract", "From *1915* to today."), ("minutes", "45")]
            )
            let badTalk = try await alice.post("/speakers/\(id)/talks", [("title", "Too long"), ("minutes", "900")])
            let badDates = try await alice.post(
                "/speakers/\(id)/availability",
                [("from", "2026-05-10"), ("until", "2026-05-01")]
            )
            let notADate = try await alice.api(
                .post,
                "/api/v1/speakers/\(id)/availability",
                json: #"{"from":"2026-02-30","until":"2026-03-02"}"#
            )
            try await addDates(&alice, id, "2026-05-01", "2026-05-10")
            let bySam = try await sam.post("/speakers/\(id)/talks", [("title", "Hijack"), ("minutes", "30")])
            let editBySam = try await sam.api(
                .put,
                "/api/v1/speakers/\(id)",
                json: #"{"name":"Hijacked","city":"leeds"}"#
            )
            let page = try await alice.get("/speakers/\(id)")
            let api = try await alice.api(.get, "/api/v1/speakers/\(id)")
            // check
            #expect(talk.status == .seeOther)
            #expect(page.contains("<h3>Rent strikes then and now</h3>"))
            #expect(page.contains("From <em>1915</em> to today."))
            #expect(page.contains("2026-05-01 to 2026-05-10"))
            #expect(badTalk.status == .unprocessableContent)
            #expect(fieldError(badTalk, "minutes") == "Give the length in minutes, from 5 to 480.")
            #expect(badTalk.contains(#"value="Too long""#), "what was typed comes back")
            #expect(badDates.status == .unprocessableContent)
            #expect(fieldError(badDates, "until") == "The last day comes before the first.")
            #expect(notADate.status == .unprocessableContent)
            #expect((notADate.json["errors"] as? [String: String])?["from"] != nil)
            #expect(bySam.status == .forbidden)
            #expect(editBySam.status == .forbidden)
            let talks = try #require(api.json["talks"] as? [[String: Any]])
            #expect(talks.count == 1 && talks[0]["minutes"] as? Int == 45)
            #expect((api.json["availability"] as? [[String: Any]])?.count == 1)
            #expect(api.json["name"] as? String == "Rosa Example")
        }
    }

    @Test func searchFindsSpeakersByTopicCityAndAvailableDates() async throws {
        try await withApp { app in
            // setup: Ana (Leeds, housing, 1–10 May), Ben (Glasgow, housing, June), Cy (Leeds, climate, no dates)
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            let ana = try await addSpeaker(&alice, group: center, name: "Ana", topics: "Housing")
            try await addDates(&alice, ana, "2026-05-01", "2026-05-10")
            let ben = try await addSpeaker(
                &alice,
                group: center,
                name: "Ben",
                city: "glasgow",
                topics: "housing, unions"
            )
            try await addDates(&alice, ben, "2026-06-01", "2026-06-30")
            try await addSpeaker(&alice, group: center, name: "Cy", topics: "Climate")
            var reader = app.visitor()
            // act
            func names(_ query: String) async throws -> ([String], [String]) {
                let page = try await reader.get("/speakers?\(query)")
                let api = try await reader.api(.get, "/api/v1/speakers?\(query)")
                #expect(page.status == .ok && api.status == .ok, "\(query): \(page.status) \(api.status)")
                return (speakerNames(page), speakerNames(api))
            }
            let all = try await names("")
            let housing = try await names("topic=HOUSING")
            let housingInLeeds = try await names("topic=housing&city=leeds")
            let earlyMay = try await names("from=2026-05-08&until=2026-05-20")
            let fromJune = try await names("from=2026-06-30")
            let untilApril = try await names("until=2026-04-30")
            let badDate = try await reader.get("/speakers?from=2026-13-01")
            let badDateAPI = try await reader.api(.get, "/api/v1/speakers?from=soon")
            let reversed = try await reader.api(.get, "/api/v1/speakers?from=2026-05-02&until=2026-05-01")
            // check: the HTML page and the API agree
            #expect(all.0 == ["Ana", "Ben", "Cy"] && all.1 == all.0)
            #expect(housing.0 == ["Ana", "Ben"] && housing.1 == housing.0)
            #expect(housingInLeeds.0 == ["Ana"] && housingInLeeds.1 == ["Ana"])
            #expect(earlyMay.0 == ["Ana"] && earlyMay.1 == ["Ana"])
            #expect(fromJune.0 == ["Ben"] && fromJune.1 == ["Ben"])
            #expect(untilApril.0.isEmpty && untilApril.1.isEmpty)
            #expect(badDate.status == .unprocessableContent)
            #expect(fieldError(badDate, "from") != nil)
            #expect(badDateAPI.status == .unprocessableContent)
            #expect(reversed.status == .unprocessableContent)
            #expect((reversed.json["errors"] as? [String: String])?["until"] != nil)
        }
    }

    @Test func theRosterIsPagedTwentyAtATime() async throws {
        try await withApp { app in
            // setup: 21 speakers on history, one on something else
            var alice = try await app.person("alice")
            let center = try await alice.createGroup("North Center", kind: "center")
            for number in 1...21 {
                let made = try await alice.api(
                    .post,
                    "/api/v1/speakers",
                    json:
                        #"{"group":"\#(center)","name":"Speaker \#(String(format: "%02d", number))","city":"leeds","topics":["History"]}"#
                )
                try #require(made.status == .created, "\(made.body)")
            }
            try await addSpeaker(&alice, group: center, name: "Zed", topics: "Climate")
            var reader = app.visitor()
            // act
            let first = try await reader.get("/speakers?topic=history")
            let second = try await reader.get("/speakers?topic=history&page=2")
            let firstAPI = try await reader.api(.get, "/api/v1/speakers?topic=history")
            let secondAPI = try await reader.api(.get, "/api/v1/speakers?topic=history&page=2")
            // check
            #expect(speakerNames(first).count == 20)
            #expect(speakerNames(first).first == "Speaker 01")
            #expect(first.contains(#"<a rel="next" href="/speakers?topic=history&amp;page=2">"#))
            #expect(speakerNames(second) == ["Speaker 21"])
            #expect(second.contains(#"rel="prev""#) && !second.contains(#"rel="next""#))
            #expect(firstAPI.json["hasNext"] as? Bool == true)
            #expect(speakerNames(secondAPI) == ["Speaker 21"])
            #expect(secondAPI.json["hasNext"] as? Bool == false)
        }
    }

    static func read(_ visitor: inout Visitor, _ path: String) async throws -> Page {
        path.hasPrefix("/api/") ? try await visitor.api(.get, path) : try await visitor.get(path)
    }
}
