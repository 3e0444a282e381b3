import Foundation
import Testing

/// Campaigns (campaign, plan items, pledged hours) and volunteering (work, sign-ups, offers, logged hours) as
/// tables of who may read and do what; see `FeatureMatrixSupport`.
@Suite("Authorization matrix: campaigns and volunteering")
struct FeatureMatrixCampaignsVolunteeringTests {
    /// A private campaign of the private coalition ("Hidden Rent Campaign") on its 2027 plan, a second one not yet
    /// planned, and a public one of the public coalition ("Open Rent Campaign"), with quinn's hours pledged to each. Work on the private
    /// coalition's board ("Hidden Door Shift") quinn took on and pip was offered, and on the public one's ("Open
    /// Stall Shift") quinn took on; quinn logged 40 minutes for the private coalition ("QuinnHoursNote").
    static func plant(_ app: TestApp, _ world: inout FeatureWorld) async throws {
        let (hidden, open) = (world.values["hidden"]!, world.values["open"]!)
        let campaign = try await startCampaign(
            &world.olive,
            group: hidden,
            title: "Hidden Rent Campaign",
            visibility: "private"
        )
        let unplanned = try await startCampaign(
            &world.olive,
            group: hidden,
            title: "Hidden Second Campaign",
            visibility: "private"
        )
        world.values["unplanned"] = String(unplanned)
        let openCampaign = try await startCampaign(&world.olive, group: open, title: "Open Rent Campaign")
        for (id, group, hours) in [(campaign, hidden, "9"), (openCampaign, open, "12")] {
            let pledged = try await world.quinn.post("/campaigns/\(id)/hours", [("hours", hours), ("group", group)])
            try #require(pledged.status == .seeOther, "setup: hours \(errorsIn(pledged))")
        }
        let planned = try await world.olive.post(
            "/groups/\(hidden)/plan/2027/items",
            [
                ("campaign", String(campaign)), ("startsOn", "2027-03-01"), ("endsOn", "2027-03-28"),
                ("hoursNeeded", "100"),
            ]
        )
        try #require(planned.status == .seeOther, "setup: plan \(errorsIn(planned))")
        world.values["campaign"] = String(campaign)
        world.values["openCampaign"] = String(openCampaign)

        let shift = try await postWork(&world.olive, hidden, twoHourShift("Hidden Door Shift"))
        let openShift = try await postWork(&world.olive, open, twoHourShift("Open Stall Shift"))
        for id in [shift, openShift] {
            let signed = try await world.quinn.post("/work/\(id)/sign-up", [("confirmOverPledge", "on")])
            try #require(signed.status == .seeOther, "setup: sign-up \(errorsIn(signed))")
        }
        let offered = try await world.olive.post("/work/\(shift)/offer", [("person", "pip-promotee")])
        try #require(offered.status == .seeOther, "setup: offer \(errorsIn(offered))")
        let logged = try await world.quinn.post(
            "/volunteering/hours",
            [("group", hidden), ("minutes", "40"), ("note", "QuinnHoursNote")]
        )
        try #require(logged.status == .seeOther, "setup: hours \(errorsIn(logged))")
        world.values["shift"] = String(shift)
        world.values["openShift"] = String(openShift)
    }

    static let pledger = AuthorizationMatrixTests.pledger
    static let insiders: Set<FeatureViewer> = [.member, .editor, .organizer]

    /// A private campaign is its groups' members'; who pledged hours is the organizers' alone, and nobody's in
    /// the API (which only answers the caller's own hours).
    // swift-format-ignore
    static let reads: [FeatureRead] = [
        //            path                                          anon     outsider member   editor   organizer other    admin
        FeatureRead("/campaigns",                                   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Rent Campaign", for: insiders),
        FeatureRead("/api/v1/campaigns",                            .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Rent Campaign", for: insiders),
        FeatureRead("/campaigns/{campaign}",                        .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: []),
        FeatureRead("/api/v1/campaigns/{campaign}",                 .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: []),
        FeatureRead("/campaigns/{campaign}/edit",                   .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden),
        FeatureRead("/campaigns/{campaign}/hours",                  .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/campaigns/{campaign}/hours",           .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: []),
        FeatureRead("/campaigns/{campaign}/demands",                .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/campaigns/{campaign}/actions",                .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/campaigns/{campaign}/groups/{hidden}/statements", .hidden, .hidden, .seen, .seen,  .seen,   .hidden, .hidden),
        FeatureRead("/campaigns/{openCampaign}",                    .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: []),
        FeatureRead("/campaigns/{openCampaign}/hours",              .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/campaigns/{openCampaign}/hours",       .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: []),
        FeatureRead("/groups/{hidden}/plan/2027",                   .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Rent Campaign", for: insiders),
        FeatureRead("/api/v1/groups/{hidden}/plans/2027",           .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Rent Campaign", for: insiders),
        FeatureRead("/groups/{open}/plan/2027",                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen),
        // Work is the group's members' (public group or not); who took it on, its organizers'; logged hours,
        // their person's alone.
        FeatureRead("/groups/{hidden}/work",                        .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Door Shift", for: insiders),
        FeatureRead("/api/v1/groups/{hidden}/work",                 .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Hidden Door Shift", for: insiders),
        FeatureRead("/work/{shift}",                                .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/work/{shift}",                         .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/work/{shift}/edit",                           .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden),
        FeatureRead("/api/v1/work/{shift}/suggestions",             .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden),
        FeatureRead("/groups/{open}/work",                          .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Open Stall Shift", for: insiders),
        FeatureRead("/work/{openShift}",                            .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/work/{openShift}",                     .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/volunteering",                                .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "QuinnHoursNote", for: []),
        FeatureRead("/api/v1/me/work/hours",                        .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "QuinnHoursNote", for: []),
        FeatureRead("/api/v1/me/work",                              .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: []),
        FeatureRead("/groups/{hidden}/figures",                     .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: "QuinnHoursNote", for: []),
        FeatureRead("/groups/{hidden}/checkins",                    .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden),
        FeatureRead("/groups/{hidden}/people/export.csv",           .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
    ]

    // swift-format-ignore
    static let writes: [FeatureWrite] = [
        //           row                                                   anon    outsider member   editor   organizer other    admin
        FeatureWrite("pledge hours to the private campaign",
                     .form("/campaigns/{campaign}/hours", [("hours", "3"), ("group", "{hidden}")]),
                     effect: FeatureWorld.mine("campaign_hours", "t.campaign_id = {campaign}"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
        FeatureWrite("pledge hours to the public campaign",
                     .form("/campaigns/{openCampaign}/hours", [("hours", "3"), ("group", "{open}")]),
                     effect: FeatureWorld.mine("campaign_hours", "t.campaign_id = {openCampaign}"),
                                                                           .login, .invalid, .done,  .done,   .done,   .invalid, .invalid),
        FeatureWrite("plan the private campaign",
                     .form("/groups/{hidden}/plan/2027/items", [("campaign", "{unplanned}"), ("startsOn", "2027-05-01"),
                         ("endsOn", "2027-05-28"), ("hoursNeeded", "77")]),
                     effect: "SELECT COUNT(*) AS n FROM plan_items WHERE hours_needed = 77",
                                                                           .login, .hidden, .denied, .denied, .done,   .hidden, .hidden),
        FeatureWrite("offer the private shift to eddie", .form("/work/{shift}/offer", [("person", "eddie-editor")]),
                     effect: """
                         SELECT COUNT(*) AS n FROM volunteer_assignments t JOIN people p ON p.id = t.person_id
                         WHERE p.handle = 'eddie-editor' AND t.work_id = {shift}
                         """,
                                                                           .login, .hidden, .denied, .denied, .done,   .hidden, .hidden),
        FeatureWrite("take on the private shift", .form("/work/{shift}/sign-up", [("confirmOverPledge", "on")]),
                     effect: FeatureWorld.mine("volunteer_assignments", "t.work_id = {shift}"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
        FeatureWrite("log hours for the private coalition",
                     .form("/volunteering/hours", [("group", "{hidden}"), ("minutes", "30")]),
                     effect: FeatureWorld.mine("volunteer_hours", "t.minutes = 30"),
                                                                           .login, .invalid, .done,  .done,   .done,   .invalid, .invalid),
    ]

    @Test("Each viewer reads and does exactly what the tables say", arguments: FeatureViewer.allCases)
    func matrix(viewer: FeatureViewer) async throws {
        try await runFeatureMatrix(viewer: viewer, reads: Self.reads, writes: Self.writes, plant: Self.plant)
    }
}
