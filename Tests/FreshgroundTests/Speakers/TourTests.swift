import Foundation
import HTTPTypes
import SQLKit
import Testing

/// Speaking tours: a coalition plans a tour for a speaker from the roster through cities whose groups accept to
/// host; the planner orders the stops for the least travel on days the speaker can do, and scheduling makes each
/// stop an event co-hosted by its groups.
@Suite("Events: speaking tours")
struct TourTests {
    /// North Center (carol) keeps the speaker Rosa (home Leeds, free 5–7 and 11–13 November 2026); the Left
    /// Coalition (alice) plans; Glasgow Circle (gina, with member gus) and Manchester Circle (moira) host.
    struct Network {
        var carol: Visitor
        var alice: Visitor
        var gina: Visitor
        var gus: Visitor
        var mo: Visitor
        let coalition: String
        let glasgow: String
        let manchester: String
        let speaker: Int
    }

    static func network(_ app: TestApp) async throws -> Network {
        var carol = try await app.person("carol")
        let center = try await carol.createGroup("North Center", kind: "center")
        let speaker = try await addSpeaker(&carol, group: center, name: "Rosa Example", contact: "rosa@example.org")
        let talk = try await carol.post(
            "/speakers/\(speaker)/talks",
            [("title", "Rent strikes"), ("abstract", "Then and now."), ("minutes", "60")]
        )
        try #require(talk.status == .seeOther)
        try await addDates(&carol, speaker, "2026-11-05", "2026-11-07")
        try await addDates(&carol, speaker, "2026-11-11", "2026-11-13")
        var alice = try await app.person("alice")
        let coalition = try await alice.createGroup("Left Coalition", kind: "coalition")
        var gina = try await app.person("gina")
        let glasgow = try await gina.createGroup("Glasgow Circle", city: "Glasgow")
        var gus = try await app.person("gus")
        try #require(try await gus.post("/groups/\(glasgow)/join").status == .seeOther)
        var mo = try await app.person("moira")
        let manchester = try await mo.createGroup("Manchester Circle", city: "Manchester")
        return Network(
            carol: carol,
            alice: alice,
            gina: gina,
            gus: gus,
            mo: mo,
            coalition: coalition,
            glasgow: glasgow,
            manchester: manchester,
            speaker: speaker
        )
    }

    /// Starts a tour through the form and returns its number.
    static func startTour(
        _ visitor: inout Visitor,
        _ net: Network,
        from: String = "2026-11-02",
        until: String = "2026-11-15"
    )
        async throws -> Int
    {
        let page = try await visitor.post(
            "/tours",
            [("speaker", String(net.speaker)), ("group", net.coalition), ("from", from), ("until", until)]
        )
        guard page.status == .seeOther, let location = page.location, let id = Int(location.dropFirst("/tours/".count))
        else { throw TestFailure("could not start the tour: \(page.status) \(page.body.prefix(2000))") }
        return id
    }

    static func addStop(
        _ visitor: inout Visitor,
        _ tour: Int,
        _ city: String,
        hosts: String,
        talk: Int? = nil
    )
        async throws
    {
        let page = try await visitor.post(
            "/tours/\(tour)/stops",
            [("city", city), ("hosts", hosts), ("talk", talk.map(String.init) ?? "")]
        )
        guard page.status == .seeOther else {
            throw TestFailure("could not add \(city): \(page.status) \(page.body.prefix(2000))")
        }
    }

    @Test func everyStopNeedsAHostThatAcceptedBeforeTheTourIsScheduled() async throws {
        try await withApp { app in
            // setup: Glasgow and Manchester invited; London hosted by the coalition itself (accepted at once)
            var net = try await Self.network(app)
            let tour = try await Self.startTour(&net.alice, net)
            try await Self.addStop(&net.alice, tour, "glasgow", hosts: net.glasgow)
            try await Self.addStop(&net.alice, tour, "manchester", hosts: net.manchester)
            try await Self.addStop(&net.alice, tour, "london", hosts: net.coalition)
            let stops = try await Self.stopIDs(app, tour)
            // act
            let tooEarly = try await net.alice.post("/tours/\(tour)/schedule")
            let asked = try await net.gina.get("/tours")
            let byMember = try await net.gus.post(
                "/tours/\(tour)/stops/\(stops[0])/hosts/\(net.glasgow)",
                [("answer", "accept")]
            )
            let accepted = try await net.gina.post(
                "/tours/\(tour)/stops/\(stops[0])/hosts/\(net.glasgow)",
                [("answer", "accept")]
            )
            let declined = try await net.mo.api(
                .post,
                "/api/v1/tours/\(tour)/stops/\(stops[1])/hosts/\(net.manchester)",
                json: #"{"answer":"decline"}"#
            )
            let stillWaiting = try await net.alice.post("/tours/\(tour)/schedule")
            let wrongGroup = try await net.mo.api(
                .post,
                "/api/v1/tours/\(tour)/stops/\(stops[1])/hosts/\(net.glasgow)",
                json: #"{"answer":"accept"}"#
            )
            try #require(
                try await net.mo.post(
                    "/tours/\(tour)/stops/\(stops[1])/hosts/\(net.manchester)",
                    [("answer", "accept")]
                )
                .status == .seeOther
            )
            let scheduled = try await net.alice.post("/tours/\(tour)/schedule")
            let page = try await net.alice.get("/tours/\(tour)")
            // check
            #expect(tooEarly.status == .conflict)
            #expect(tooEarly.contains("Still waiting: Glasgow, Manchester."))
            #expect(asked.contains("Asking your groups to host") && asked.contains(#"<a href="/tours/\#(tour)">"#))
            #expect(byMember.status == .notFound, "a plain member of a host group does not answer for it")
            #expect(accepted.status == .seeOther)
            #expect(declined.status == .ok)
            #expect(stillWaiting.status == .conflict)
            #expect(stillWaiting.contains("Still waiting: Manchester."))
            #expect(wrongGroup.status == .forbidden)
            #expect(scheduled.status == .seeOther, "\(scheduled.body.prefix(1500))")
            #expect(page.contains("Scheduled</p>"))
            #expect(!page.contains("Add a stop"), "a scheduled tour takes no more stops")
        }
    }

    @Test func onlyThePlanningGroupsOrganizersPlanAndOthersDoNotSeeThePlan() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.network(app)
            let tour = try await Self.startTour(&net.alice, net)
            try await Self.addStop(&net.alice, tour, "glasgow", hosts: net.glasgow)
            var stranger = try await app.person("stan")
            // act
            let byOutsider = try await net.gus.post(
                "/tours",
                [
                    ("speaker", String(net.speaker)), ("group", net.coalition), ("from", "2026-11-02"),
                    ("until", "2026-11-09"),
                ]
            )
            let badDates = try await net.alice.post(
                "/tours",
                [
                    ("speaker", "/speakers/999"), ("group", net.coalition), ("from", "2026-11-09"),
                    ("until", "2026-11-02"),
                ]
            )
            let stopByHost = try await net.gina.post(
                "/tours/\(tour)/stops",
                [("city", "leeds"), ("hosts", net.glasgow)]
            )
            let scheduleByHost = try await net.gina.api(.post, "/api/v1/tours/\(tour)/schedule")
            let badStop = try await net.alice.post(
                "/tours/\(tour)/stops",
                [("city", ""), ("hosts", "no-such-group"), ("startTime", "25:00"), ("hostsFrom", "someday")]
            )
            let anonymous = try await Discussion.anonymous(app, "/tours/\(tour)")
            let anonymousAPI = try await Discussion.anonymous(app, "/api/v1/tours/\(tour)")
            let byStranger = try await stranger.get("/tours/\(tour)")
            let byHost = try await net.gina.get("/tours/\(tour)")
            // check
            #expect(byOutsider.status == .unprocessableContent)
            #expect(fieldError(byOutsider, "group")?.contains("Only organizers of Left Coalition") == true)
            #expect(badDates.status == .unprocessableContent)
            #expect(fieldError(badDates, "speaker") == "Choose a speaker from the roster.")
            #expect(fieldError(badDates, "until") == "The last day comes before the first.")
            #expect(stopByHost.status == .forbidden)
            #expect(scheduleByHost.status == .forbidden)
            #expect(badStop.status == .unprocessableContent)
            for field in ["city", "hosts", "startTime", "hostsFrom"] {
                #expect(fieldError(badStop, field) != nil, "\(field) has its message")
            }
            #expect(anonymous.status == .notFound && anonymousAPI.status == .notFound)
            #expect(byStranger.status == .notFound)
            #expect(byHost.status == .ok && byHost.contains("Accept for Glasgow Circle"))
            #expect(!byHost.contains("Add a stop"))
        }
    }

    @Test func theProposedOrderIsTheShortestAndItsDatesFitTheSpeaker() async throws {
        try await withApp { app in
            // setup: four stops given in a long order
            var net = try await Self.network(app)
            let tour = try await Self.startTour(&net.alice, net)
            for city in ["london", "glasgow", "manchester", "newcastle"] {
                try await Self.addStop(&net.alice, tour, city, hosts: net.coalition)
            }
            // act
            let api = try await net.alice.api(.get, "/api/v1/tours/\(tour)")
            let page = try await net.alice.get("/tours/\(tour)")
            // check: the order matches a brute-force search over every order
            let proposal = try #require(api.json["proposal"] as? [String: Any], "\(api.body)")
            let stops = try #require(proposal["stops"] as? [[String: Any]])
            let cities = stops.compactMap { $0["city"] as? String }
            let best = Self.shortest(from: "Leeds", through: ["London", "Glasgow", "Manchester", "Newcastle"])
            #expect(cities == best.order)
            #expect(abs(Double(proposal["kilometres"] as? Int ?? 0) - best.kilometres) <= 1)
            let dates = stops.compactMap { $0["date"] as? String }
            #expect(dates == ["2026-11-05", "2026-11-06", "2026-11-07", "2026-11-11"], "only days the speaker is free")
            #expect(page.contains("Proposed order and dates"))
            #expect(page.contains("<td>2026-11-05</td><td>\(best.order[0])</td>"))
        }
    }

    @Test func aTourThatCannotFitSaysWhyOnThePage() async throws {
        try await withApp { app in
            // setup: the speaker is free on only three days of 4–8 November; four stops
            var net = try await Self.network(app)
            let tour = try await Self.startTour(&net.alice, net, from: "2026-11-04", until: "2026-11-08")
            for city in ["london", "glasgow", "manchester", "newcastle"] {
                try await Self.addStop(&net.alice, tour, city, hosts: net.coalition)
            }
            // act
            let page = try await net.alice.get("/tours/\(tour)")
            let schedule = try await net.alice.post("/tours/\(tour)/schedule")
            let api = try await net.alice.api(.get, "/api/v1/tours/\(tour)")
            // check
            #expect(page.contains("No dates fit"))
            #expect(page.contains("available on only 3 days of the tour’s range, fewer than its 4 stops"))
            #expect(schedule.status == .conflict)
            #expect(schedule.contains("available on only 3 days"))
            #expect(api.json["proposal"] is NSNull)
            #expect((api.json["problem"] as? String)?.contains("only 3 days") == true)
        }
    }

    @Test func aPrivatePlannerIsNotNamedOnTheScheduledTour() async throws {
        try await withApp { app in
            // setup: a private coalition plans and schedules a one-stop tour it hosts itself
            let net = try await Self.network(app)
            var pat = try await app.person("pat")
            let hidden = try await pat.createGroup("Quiet Coalition Zq", kind: "coalition", visibility: "private")
            let started = try await pat.post(
                "/tours",
                [("speaker", String(net.speaker)), ("group", hidden), ("from", "2026-11-02"), ("until", "2026-11-15")]
            )
            let tour = try #require(started.location.flatMap { Int($0.dropFirst("/tours/".count)) })
            try await Self.addStop(&pat, tour, "london", hosts: hidden)
            let scheduled = try await pat.post("/tours/\(tour)/schedule")
            try #require(scheduled.status == .seeOther, "\(scheduled.status) \(scheduled.body.prefix(1500))")
            // act
            let page = try await app.anonymousGet("/tours/\(tour)")
            let list = try await app.anonymousGet("/tours")
            let api = try await app.anonymousGet("/api/v1/tours/\(tour)")
            let own = try await pat.get("/tours/\(tour)")
            // check: the tour is public, its planner is not named to outsiders, and its members still see it
            #expect(page.status == .ok)
            #expect(page.contains("planned by a private group"))
            for answer in [page, list, api] {
                let named = answer.contains("Quiet Coalition Zq") || answer.contains("/groups/\(hidden)")
                #expect(!named, "the private planner is named at \(answer.status)")
            }
            #expect(own.contains("Quiet Coalition Zq"))
        }
    }

    @Test func schedulingMakesEachStopAnEventCoHostedByItsGroups() async throws {
        try await withApp { app in
            // setup: a three-stop tour of the speaker's talk, every host accepted
            var net = try await Self.network(app)
            let tour = try await Self.startTour(&net.alice, net)
            let talk = try await app.store.sql.raw("SELECT id FROM speaker_talks").first()?.decode(
                column: "id",
                as: Int.self
            )
            try await Self.addStop(&net.alice, tour, "glasgow", hosts: net.glasgow, talk: talk)
            try await Self.addStop(&net.alice, tour, "manchester", hosts: net.manchester, talk: talk)
            try await Self.addStop(&net.alice, tour, "london", hosts: net.coalition, talk: talk)
            let stops = try await Self.stopIDs(app, tour)
            _ = try await net.gina.post("/tours/\(tour)/stops/\(stops[0])/hosts/\(net.glasgow)", [("answer", "accept")])
            _ = try await net.mo.post(
                "/tours/\(tour)/stops/\(stops[1])/hosts/\(net.manchester)",
                [("answer", "accept")]
            )
            // act
            let scheduled = try await net.alice.api(.post, "/api/v1/tours/\(tour)/schedule")
            let again = try await net.alice.api(.post, "/api/v1/tours/\(tour)/schedule")
            let glasgowEvents = try await Discussion.anonymous(app, "/groups/\(net.glasgow)/events")
            let publicTour = try await Discussion.anonymous(app, "/tours/\(tour)")
            // check: one talk per stop, on the proposed date, at 19:00 local, hosted by the coalition and the stop's group
            #expect(scheduled.status == .ok, "\(scheduled.body.prefix(1500))")
            #expect(scheduled.json["status"] as? String == "scheduled")
            #expect(again.status == .conflict)
            let rows = try await app.store.sql.raw(
                """
                SELECT st.local_date, c.name AS city, e.kind, e.title, e.time_zone, e.starts_at, e.is_public,
                  (SELECT COUNT(*) FROM event_hosts h WHERE h.event_id = e.id AND h.status = 'accepted') AS hosts
                FROM tour_stops st JOIN cities c ON c.id = st.city_id JOIN events e ON e.id = st.event_id
                WHERE st.tour_id = \(bind: tour) ORDER BY st.position
                """
            ).all()
            let cities = try rows.map { try $0.decode(column: "city", as: String.self) }
            #expect(cities == Self.shortest(from: "Leeds", through: ["Glasgow", "Manchester", "London"]).order)
            #expect(
                try rows.map { try $0.decode(column: "local_date", as: String.self) } == [
                    "2026-11-05", "2026-11-06", "2026-11-07",
                ]
            )
            for row in rows {
                #expect(try row.decode(column: "kind", as: String.self) == "talk")
                #expect(try row.decode(column: "title", as: String.self) == "Rosa Example: Rent strikes")
                #expect(try row.decode(column: "time_zone", as: String.self) == "Europe/London")
                #expect(try row.decode(column: "is_public", as: Bool.self))
            }
            let hostCounts = Dictionary(
                uniqueKeysWithValues: zip(cities, try rows.map { try $0.decode(column: "hosts", as: Int.self) })
            )
            #expect(
                hostCounts == ["Glasgow": 2, "Manchester": 2, "London": 1],
                "the coalition plus the stop's group; London is the coalition's own"
            )
            let firstStart = try rows.first?.decode(column: "starts_at", as: Date.self)
            #expect(firstStart == (try Date("2026-11-05T19:00:00Z", strategy: .iso8601)), "19:00 in London time (GMT)")
            #expect(glasgowEvents.status == .ok)
            #expect(glasgowEvents.contains("Rosa Example: Rent strikes"))
            #expect(publicTour.status == .ok, "a scheduled tour is public")
            #expect(publicTour.contains("/events/"))
        }
    }

    /// The stops' ids in the order they were added.
    static func stopIDs(_ app: TestApp, _ tour: Int) async throws -> [Int] {
        try await app.store.sql.raw("SELECT id FROM tour_stops WHERE tour_id = \(bind: tour) ORDER BY id").all()
            .map { try $0.decode(column: "id", as: Int.self) }
    }

    /// The seeded coordinates of the cities these tests use.
    static let places: [String: (Double, Double)] = [
        "Leeds": (53.80, -1.55), "London": (51.51, -0.13), "Glasgow": (55.86, -4.25), "Manchester": (53.48, -2.24),
        "Newcastle": (54.98, -1.61),
    ]

    static func kilometres(_ a: String, _ b: String) -> Double {
        let (lat1, lon1) = places[a]!
        let (lat2, lon2) = places[b]!
        let r = Double.pi / 180
        let h =
            pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
        return 2 * 6_371 * asin(min(1, h.squareRoot()))
    }

    /// Every order of the stops, checked one by one.
    static func shortest(from home: String, through stops: [String]) -> (order: [String], kilometres: Double) {
        var best: ([String], Double) = ([], .infinity)
        func permute(_ rest: [String], _ order: [String]) {
            guard !rest.isEmpty else {
                let length = zip([home] + order, order).reduce(0) { $0 + kilometres($1.0, $1.1) }
                if length < best.1 { best = (order, length) }
                return
            }
            for index in rest.indices {
                var remaining = rest
                let next = remaining.remove(at: index)
                permute(remaining, order + [next])
            }
        }
        permute(stops, [])
        return best
    }
}
