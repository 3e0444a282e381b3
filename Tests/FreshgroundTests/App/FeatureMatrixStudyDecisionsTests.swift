import Foundation
import Testing

/// Study series (series, weeks, sessions, attendance, breakouts, reading lists) and decisions (proposals,
/// ballots, results) as tables of who may read and do what; see `FeatureMatrixSupport`.
@Suite("Authorization matrix: study and decisions")
struct FeatureMatrixStudyDecisionsTests {
    static let pledger = AuthorizationMatrixTests.pledger

    /// In the private coalition: a series ("Hidden Reading Circle") whose first week ("Secret Week Topic") has a
    /// session, quinn and pip present and in one breakout. In the public coalition: a series ("Open Reading
    /// Circle") quinn enrolled in. A secret ballot in the private coalition ("Hidden Strike Ballot") quinn voted
    /// in with a reason, and a closed one ("Hidden Closed Ballot"); a named vote in the public coalition ("Open
    /// Named Vote") quinn voted no in, and a secret one ("Open Secret Ballot").
    static func plant(_ app: TestApp, _ world: inout FeatureWorld) async throws {
        let (hidden, open) = (world.values["hidden"]!, world.values["open"]!)
        for (key, title, group) in [
            ("series", "Hidden Reading Circle", hidden), ("openSeries", "Open Reading Circle", open),
        ] {
            let made = try await world.olive.api(
                .post,
                "/api/v1/study",
                json: try jsonBody([
                    "title": title, "description": "Weekly.", "group": group, "enrollment": "open",
                    "publishReports": false,
                ])
            )
            let series = try FeatureWorld.id(json: made, title)
            world.values[key] = series
            try await addWeek(&world.olive, Int(series)!, topic: key == "series" ? "Secret Week Topic" : "Open Topic")
            try await scheduleSession(&world.olive, Int(series)!, 1)
            for person in [\FeatureWorld.quinn, \FeatureWorld.pip] {
                #expect(try await enroll(&world[keyPath: person], Int(series)!) == "enrolled", "setup: enroll")
            }
        }
        let series = Int(world.values["series"]!)!
        try await markPresent(&world.olive, series, 1, [pledger, "pip-promotee"])
        let formed = try await world.olive.api(
            .post,
            "/api/v1/study/\(series)/weeks/1/breakouts",
            json: try jsonBody(["size": 2, "seed": 7])
        )
        try #require(formed.status == .created, "setup: breakouts \(formed.body.prefix(300))")

        let ballot = try await openDecision(app, &world.olive, in: hidden, title: "Hidden Strike Ballot")
        let closed = try await openDecision(app, &world.olive, in: hidden, title: "Hidden Closed Ballot")
        let named = try await openDecision(app, &world.olive, in: open, title: "Open Named Vote", [("secret", "-")])
        let secret = try await openDecision(app, &world.olive, in: open, title: "Open Secret Ballot")
        for (id, position, reason) in [
            (ballot, "yes", "QuinnBallotReason"), (closed, "no", "QuinnClosedReason"),
            (named, "no", "QuinnNamedReason"),
            (secret, "yes", "QuinnSecretReason"),
        ] {
            let voted = try await vote(&world.quinn, on: id, [("position", position), ("reason", reason)])
            try #require(voted.status == .seeOther, "setup: vote \(voted.status)")
        }
        try #require(try await world.olive.post("/decisions/\(closed)/close").status == .seeOther, "setup: close")
        for (key, id) in [("ballot", ballot), ("closed", closed), ("named", named), ("secretBallot", secret)] {
            world.values[key] = String(id)
        }
    }

    static let group = "Hidden Coalition"
    static let insiders: Set<FeatureViewer> = [.member, .editor, .organizer]

    /// A series is public whoever organizes it (as a public event of a private group is); only the private
    /// coalition's own members learn that it organizes it. Who enrolled, came and met whom is the series'
    /// organizers' alone.
    // swift-format-ignore
    static let reads: [FeatureRead] = [
        //            path                                          anon     outsider member   editor   organizer other    admin
        FeatureRead("/study",                                       .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: group, for: []),
        FeatureRead("/api/v1/study",                                .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: group, for: []),
        FeatureRead("/study/{series}",                              .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: group, for: insiders),
        FeatureRead("/api/v1/study/{series}",                       .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: group, for: insiders),
        FeatureRead("/study/{series}/edit",                         .login,  .denied, .denied, .denied, .seen,   .denied, .denied),
        FeatureRead("/study/{series}/participants",                 .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/study/{series}/participants",          .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/study/{series}/mailings",                     .login,  .denied, .denied, .denied, .seen,   .denied, .denied),
        FeatureRead("/api/v1/study/{series}/mailings",              .login,  .denied, .denied, .denied, .seen,   .denied, .denied),
        FeatureRead("/study/{series}/weeks/1",                      .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/study/{series}/weeks/1",               .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: []),
        // The series is public, so its session page and breakouts refuse (403) even a visitor not logged in.
        FeatureRead("/study/{series}/weeks/1/session",              .denied, .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/study/{series}/weeks/1/attendance",    .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/study/{series}/weeks/1/breakouts",     .denied, .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/study/{openSeries}/participants",             .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/study/{openSeries}/weeks/1/attendance", .login, .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        // Decisions are the group's members' business, even in a public group; a secret ballot's reasons are
        // nobody's, a named vote's are its members'.
        FeatureRead("/decisions",                                   .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Strike Ballot", for: insiders),
        FeatureRead("/api/v1/decisions",                            .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Strike Ballot", for: insiders),
        FeatureRead("/groups/{hidden}/decisions",                   .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Strike Ballot", for: insiders),
        FeatureRead("/api/v1/groups/{hidden}/decisions",            .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Strike Ballot", for: insiders),
        FeatureRead("/api/v1/groups/{open}/decisions",              .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Open Named Vote", for: insiders),
        FeatureRead("/groups/{hidden}/decisions/new",               .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden),
        FeatureRead("/decisions/{ballot}",                          .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnBallotReason", for: []),
        FeatureRead("/api/v1/decisions/{ballot}",                   .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Strike Ballot", for: insiders),
        FeatureRead("/decisions/{ballot}/close",                    .hidden, .hidden, .hidden, .hidden, .seen,   .hidden, .hidden),
        FeatureRead("/decisions/{ballot}/amend",                    .hidden, .hidden, .hidden, .hidden, .seen,   .hidden, .hidden),
        FeatureRead("/decisions/{closed}",                          .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnClosedReason", for: []),
        FeatureRead("/api/v1/decisions/{closed}",                   .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnClosedReason", for: []),
        FeatureRead("/decisions/{named}",                           .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnNamedReason", for: insiders),
        FeatureRead("/api/v1/decisions/{named}",                    .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnNamedReason", for: insiders),
        FeatureRead("/decisions/{secretBallot}",                    .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: []),
        FeatureRead("/api/v1/decisions/{secretBallot}",             .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "QuinnSecretReason", for: []),
    ]

    static let enrollment = #"{"newcomer":false,"online":false}"#
    static let week = #"{"topic":"Matrix Week","introduction":"Read.","questions":["Why?"]}"#

    // swift-format-ignore
    static let writes: [FeatureWrite] = [
        //           row                                                   anon    outsider member   editor   organizer other    admin
        FeatureWrite("enroll in the private coalition's series", .api("/api/v1/study/{series}/enrollment", json: enrollment),
                     effect: FeatureWorld.mine("study_enrollments", "t.series_id = {series}"),
                                                                           .login, .done,   .done,   .done,   .done,   .done,   .done),
        FeatureWrite("add a week to the series", .api("/api/v1/study/{series}/weeks", json: week),
                     effect: "SELECT COUNT(*) AS n FROM study_weeks WHERE topic = 'Matrix Week'",
                                                                           .login, .denied, .denied, .denied, .done,   .denied, .denied),
        FeatureWrite("vote in the private ballot", .form("/decisions/{ballot}/vote", [("position", "no")]),
                     effect: FeatureWorld.mine("decision_electorate", "t.decision_id = {ballot} AND t.voted"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
        FeatureWrite("close the private ballot", .form("/decisions/{ballot}/close"),
                     effect: "SELECT COUNT(*) AS n FROM decisions WHERE id = {ballot} AND closed_at IS NOT NULL",
                                                                           .hidden, .hidden, .denied, .denied, .done,  .hidden, .hidden),
        FeatureWrite("vote in the public coalition's named vote", .form("/decisions/{named}/vote", [("position", "yes")]),
                     effect: FeatureWorld.mine("decision_votes", "t.decision_id = {named}"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
    ]

    @Test("Each viewer reads and does exactly what the tables say", arguments: FeatureViewer.allCases)
    func matrix(viewer: FeatureViewer) async throws {
        try await runFeatureMatrix(viewer: viewer, reads: Self.reads, writes: Self.writes, plant: Self.plant)
    }
}
