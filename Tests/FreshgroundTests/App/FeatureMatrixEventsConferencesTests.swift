import Foundation
import Testing

/// Events (private and co-hosted events, RSVPs, attendance) and conferences (call, proposals, schedule) as
/// tables of who may read and do what; see `FeatureMatrixSupport`.
@Suite("Authorization matrix: events and conferences")
struct FeatureMatrixEventsConferencesTests {
    /// A private event of the private coalition ("Hidden Noon Meeting") co-hosted by cora's Partner Circle; a
    /// public event of the public coalition ("Open Rent Forum"), and one it co-hosts with the private coalition
    /// ("Joint Public Forum"); quinn goes to all three. A conference on a private event of the private coalition
    /// ("Hidden Congress") and on a public event of the public one ("Open Congress"), with a proposal of quinn's
    /// in each ("Quinn Hidden Proposal", "Quinn Open Proposal").
    static func plant(_ app: TestApp, _ world: inout FeatureWorld) async throws {
        let (hidden, open) = (world.values["hidden"]!, world.values["open"]!)
        var cora = try await app.person("cora-cohost")
        let partner = try await cora.createGroup("Partner Circle")
        let meeting = try await scheduleEvent(
            &world.olive,
            host: hidden,
            title: "Hidden Noon Meeting",
            start: "2026-11-03T12:00",
            end: "2026-11-03T13:00",
            [("isPublic", "off")]
        )
        let forum = try await scheduleEvent(
            &world.olive,
            host: open,
            title: "Open Rent Forum",
            start: "2026-11-04T19:00",
            end: "2026-11-04T21:00"
        )
        let joint = try await scheduleEvent(
            &world.olive,
            host: open,
            title: "Joint Public Forum",
            start: "2026-11-05T19:00",
            end: "2026-11-05T21:00"
        )
        for (event, group, answerer) in [(meeting, partner, "cora"), (joint, hidden, "olive")] {
            let asked = try await world.olive.post("/events/\(event)/hosts", [("group", group)])
            try #require(asked.status == .seeOther, "setup: co-host \(errorsIn(asked))")
            var accepting = answerer == "cora" ? cora : world.olive
            let accepted = try await accepting.post("/events/\(event)/hosts/\(group)/accept")
            try #require(accepted.status == .seeOther, "setup: accept \(errorsIn(accepted))")
        }
        for event in [meeting, forum, joint] {
            try #require(try await world.quinn.post("/events/\(event)/rsvp").status == .seeOther, "setup: rsvp")
        }
        for (key, event) in [("meeting", meeting), ("forum", forum), ("joint", joint), ("partner", 0)] {
            world.values[key] = key == "partner" ? partner : String(event)
        }

        for (key, title, group, isPublic, day) in [
            ("congress", "Hidden Congress", hidden, "off", 14), ("openCongress", "Open Congress", open, "on", 21),
        ] {
            let id = try await scheduleEvent(
                &world.olive,
                host: group,
                title: title,
                start: "2026-11-\(day)T09:00",
                end: "2026-11-\(day + 1)T18:00",
                [("kind", "conference"), ("isPublic", isPublic)]
            )
            let settings = [("cfpOpen", "on"), ("cfpText", "Send sessions."), ("_submitted", "1")]
            try await expectRedirect(try await world.olive.post("/events/\(id)/conference/settings", settings))
            let title = key == "congress" ? "Quinn Hidden Proposal" : "Quinn Open Proposal"
            let proposed = try await world.quinn.post("/events/\(id)/conference/proposals", proposal(title))
            let proposal = try FeatureWorld.id(proposed, "proposal")
            world.values[key] = String(id)
            world.values[key + "Proposal"] = proposal
        }
    }

    static let pledger = AuthorizationMatrixTests.pledger
    static let insiders: Set<FeatureViewer> = [.member, .editor, .organizer]
    static let meeting = "Hidden Noon Meeting"

    /// A private event is its hosts' members'; a public one co-hosted by a private group names that group only to
    /// its members; who goes is the hosts' organizers' alone. A conference follows its event; its proposals are
    /// their authors' and the organizers' (and the committee's).
    // swift-format-ignore
    static let reads: [FeatureRead] = [
        //            path                                          anon     outsider member   editor   organizer other    admin
        FeatureRead("/events",                                      .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: meeting, for: []),
        FeatureRead("/api/v1/events",                               .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: meeting, for: []),
        FeatureRead("/cities/leeds/events.ics",                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: meeting, for: []),
        FeatureRead("/groups/{partner}/events",                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: meeting, for: []),
        FeatureRead("/me/events",                                   .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: meeting, for: []),
        FeatureRead("/groups/{hidden}/events",                      .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: meeting, for: insiders),
        FeatureRead("/groups/{hidden}/events.ics",                  .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: meeting, for: insiders),
        FeatureRead("/api/v1/groups/{hidden}/events",               .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: meeting, for: insiders),
        FeatureRead("/events/{meeting}",                            .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: pledger, for: []),
        FeatureRead("/api/v1/events/{meeting}",                     .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: meeting, for: insiders),
        FeatureRead("/events/{meeting}/event.ics",                  .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: meeting, for: insiders),
        FeatureRead("/events/{meeting}/edit",                       .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden),
        FeatureRead("/events/{meeting}/attendees",                  .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/events/{meeting}/attendees",           .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/events/{forum}",                              .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: pledger, for: []),
        FeatureRead("/events/{forum}/attendees",                    .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/events/{forum}/attendees",             .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/events/{joint}",                              .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Coalition", for: insiders),
        FeatureRead("/api/v1/events/{joint}",                       .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Coalition", for: insiders),
        FeatureRead("/events/{congress}/conference",                .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Quinn Hidden Proposal", for: []),
        FeatureRead("/api/v1/conferences/{congress}",               .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: "Quinn Hidden Proposal", for: []),
        FeatureRead("/events/{congress}/conference/schedule",       .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/events/{congress}/conference/proposals/new",  .login,  .hidden, .seen,   .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/events/{congress}/conference/proposals",      .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden,
                    secret: "Quinn Hidden Proposal", for: [.organizer]),
        FeatureRead("/api/v1/conferences/{congress}/proposals",     .login,  .hidden, .denied, .denied, .seen,   .hidden, .hidden,
                    secret: "Quinn Hidden Proposal", for: [.organizer]),
        FeatureRead("/events/{congress}/conference/proposals/{congressProposal}",
                                                                    .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/conferences/{congress}/proposals/{congressProposal}",
                                                                    .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/events/{openCongress}/conference",            .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Quinn Open Proposal", for: []),
        FeatureRead("/api/v1/conferences/{openCongress}",           .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Quinn Open Proposal", for: []),
        FeatureRead("/events/{openCongress}/conference/schedule",   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen),
        FeatureRead("/events/{openCongress}/conference/schedule/edit", .login, .denied, .denied, .denied, .seen,  .denied, .denied),
        FeatureRead("/events/{openCongress}/conference/proposals",  .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: "Quinn Open Proposal", for: [.organizer]),
        FeatureRead("/api/v1/conferences/{openCongress}/proposals", .login,  .denied, .denied, .denied, .seen,   .denied, .denied,
                    secret: "Quinn Open Proposal", for: [.organizer]),
        FeatureRead("/events/{openCongress}/conference/proposals/{openCongressProposal}",
                                                                    .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
        FeatureRead("/api/v1/conferences/{openCongress}/proposals/{openCongressProposal}",
                                                                    .login,  .hidden, .hidden, .hidden, .seen,   .hidden, .hidden,
                    secret: pledger, for: [.organizer]),
    ]

    static func proposal(_ title: String) -> [(String, String)] {
        [("kind", "talk"), ("title", title), ("abstract", "About it."), ("group", ""), ("speakers", ""), ("track", "")]
    }

    // swift-format-ignore
    static let writes: [FeatureWrite] = [
        //           row                                                   anon    outsider member   editor   organizer other    admin
        FeatureWrite("RSVP to the private event", .form("/events/{meeting}/rsvp"),
                     effect: FeatureWorld.mine("rsvps", "t.event_id = {meeting}"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
        FeatureWrite("RSVP to the public event", .form("/events/{forum}/rsvp"),
                     effect: FeatureWorld.mine("rsvps", "t.event_id = {forum}"),
                                                                           .login, .done,   .done,   .done,   .done,   .done,   .done),
        FeatureWrite("ask York Circle to co-host the private event", .form("/events/{meeting}/hosts", [("group", "{york}")]),
                     effect: """
                         SELECT COUNT(*) AS n FROM event_hosts h JOIN groups g ON g.id = h.group_id
                         WHERE h.event_id = {meeting} AND g.slug = '{york}'
                         """,
                                                                           .login, .hidden, .denied, .denied, .done,   .hidden, .hidden),
        FeatureWrite("propose to the private conference",
                     .form("/events/{congress}/conference/proposals", proposal("Matrix Hidden Talk")),
                     effect: FeatureWorld.mine("proposals", "t.event_id = {congress}"),
                                                                           .login, .hidden, .done,   .done,   .done,   .hidden, .hidden),
        FeatureWrite("propose to the public conference",
                     .form("/events/{openCongress}/conference/proposals", proposal("Matrix Open Talk")),
                     effect: FeatureWorld.mine("proposals", "t.event_id = {openCongress}"),
                                                                           .login, .done,   .done,   .done,   .done,   .done,   .done),
        FeatureWrite("accept quinn's proposal to the private conference",
                     .form("/events/{congress}/conference/proposals/{congressProposal}/decision", [("decision", "accept")]),
                     effect: "SELECT COUNT(*) AS n FROM proposals WHERE id = {congressProposal} AND status = 'accepted'",
                                                                           .login, .hidden, .denied, .denied, .done,   .hidden, .hidden),
    ]

    @Test("Each viewer reads and does exactly what the tables say", arguments: FeatureViewer.allCases)
    func matrix(viewer: FeatureViewer) async throws {
        try await runFeatureMatrix(viewer: viewer, reads: Self.reads, writes: Self.writes, plant: Self.plant)
    }
}
