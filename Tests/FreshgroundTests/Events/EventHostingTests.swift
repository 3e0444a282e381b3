import Foundation
import HTTPTypes
import Testing

/// Co-hosts consent before they are listed; promoting groups get no rights; organizers change and cancel.
@Suite("Event hosting")
struct EventHostingTests {
    @Test("a co-host group is listed only once its organizers accept, and only they can accept")
    func coHostConsent() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, [("coHosts", net.students)])
            var anonymous = app.visitor()
            let before = try await anonymous.get("/events/\(id)")
            #expect(before.contains("Leeds Tenants"))
            #expect(!before.contains("Leeds Students"), "an invited co-host is not listed before it accepts")
            let invitations = try await net.sara.get("/me/events")
            #expect(invitations.contains("invites Leeds Students to co-host"))
            // bob is a plain member of the invited group: he cannot answer for it.
            let refused = try await net.bob.post("/events/\(id)/hosts/\(net.students)/accept")
            #expect(refused.status == .forbidden)
            #expect(try await anonymous.get("/events/\(id)").contains("Leeds Students") == false)
            let accepted = try await net.sara.post("/events/\(id)/hosts/\(net.students)/accept")
            #expect(accepted.status == .seeOther)
            #expect(try await anonymous.get("/events/\(id)").contains("Leeds Students"))
            #expect(try await anonymous.get("/groups/\(net.students)/events").contains("Rent strike forum"))
            // Answering twice is a conflict, not a second change.
            #expect(try await net.sara.post("/events/\(id)/hosts/\(net.students)/decline").status == .conflict)
        }
    }

    @Test("a declined invitation never lists the group, and its organizers do not run the event")
    func declinedCoHost() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, [("coHosts", net.york)])
            #expect(try await net.yann.post("/events/\(id)/hosts/\(net.york)/decline").status == .seeOther)
            #expect(!(try await app.anonymousGet("/events/\(id)").contains("York Circle")))
            #expect(try await net.yann.get("/events/\(id)/attendees").status == .forbidden)
            #expect(try await net.yann.post("/events/\(id)/cancel").status == .forbidden)
        }
    }

    @Test("any group may promote a public event: it shows as promoted, with no rights over the event")
    func promotionWithoutRights() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            // A plain member cannot promote for the center; its organizer can.
            #expect(try await net.mona.post("/events/\(id)/promotions", [("group", net.center)]).status == .forbidden)
            let promoted = try await net.carol.post("/events/\(id)/promotions", [("group", net.center)])
            #expect(promoted.status == .seeOther)
            let page = try await app.anonymousGet("/events/\(id)")
            #expect(page.contains("Promoted by"))
            #expect(page.contains("North Center"))
            let list = try await app.anonymousGet("/groups/\(net.center)/events")
            #expect(list.contains("Rent strike forum"))
            #expect(list.contains("Promoted by North Center"))
            // The promotion reaches the center's members: in their events and in the group's feed.
            #expect(try await net.mona.get("/me/events").contains("Promoted by North Center"))
            #expect(try await app.anonymousGet("/groups/\(net.center)").contains("Promoted event: Rent strike forum"))
            // No rights: the center's organizer cannot see attendees, invite hosts or cancel.
            #expect(try await net.carol.get("/events/\(id)/attendees").status == .forbidden)
            #expect(try await net.carol.post("/events/\(id)/hosts", [("group", net.center)]).status == .forbidden)
            #expect(try await net.carol.post("/events/\(id)/cancel").status == .forbidden)
            #expect(try await net.carol.post("/events/\(id)/promotions", [("group", net.center)]).status == .conflict)
            // Stopping removes it from the group's list and feed.
            #expect(try await net.carol.post("/events/\(id)/promotions/\(net.center)/delete").status == .seeOther)
            #expect(!(try await app.anonymousGet("/groups/\(net.center)/events").contains("Rent strike forum")))
            #expect(!(try await app.anonymousGet("/groups/\(net.center)").contains("Promoted event")))
        }
    }

    @Test("a private event is hidden from outsiders everywhere and cannot be promoted")
    func privateEvent() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(
                &net.olive,
                host: net.leeds,
                title: "Members' meeting",
                [("isPublic", "off")]
            )
            #expect(try await net.bob.get("/events/\(id)").status == .ok)
            for var outsider in [app.visitor(), net.yann] {
                #expect(try await outsider.get("/events/\(id)").status == .notFound)
                #expect(!(try await outsider.get("/cities/leeds?month=2026-10").contains("Members' meeting")))
                #expect(!(try await outsider.get("/groups/\(net.leeds)/events").contains("Members' meeting")))
                #expect(!(try await outsider.get("/groups/\(net.leeds)/events.ics").contains("Members")))
                #expect(!(try await outsider.get("/events").contains("Members' meeting")))
            }
            #expect(try await net.carol.post("/events/\(id)/promotions", [("group", net.center)]).status == .notFound)
            var stranger = app.visitor()
            #expect(
                try await stranger.post("/events/\(id)/rsvp/email", [("name", "X"), ("email", "x@example.org")]).status
                    == .notFound
            )
        }
    }

    @Test("bad input gets messages next to the fields, never a 500")
    func badInput() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let cases: [([(String, String)], String)] = [
                ([("title", "")], "title"), ([("start", "tomorrow")], "start"),
                ([("end", "2026-10-20T18:00")], "end"), ([("city", "Atlantis")], "city"),
                ([("capacity", "-3")], "capacity"), ([("capacity", "many")], "capacity"),
                ([("timeZone", "Mars/Olympus")], "timeZone"), ([("onlineURL", "javascript:alert(1)")], "onlineURL"),
                ([("kind", "party")], "kind"), ([("host", net.york)], "host"),
                ([("repeats", "daily")], "repeats"), ([("repeats", "weekly"), ("until", "")], "until"),
                // 01:30 on 29 March 2026 does not exist in London: the clocks jump from 01:00 to 02:00.
                ([("start", "2026-03-29T01:30"), ("end", "2026-03-29T03:00")], "start"),
                ([("title", String(repeating: "x", count: 300))], "title"), ([("title", "a\u{7}b")], "title"),
            ]
            for (fields, field) in cases {
                let page = try await postEvent(&net.olive, host: net.leeds, fields)
                #expect(page.status == .unprocessableContent, "\(fields): \(page.status)")
                #expect(page.contains("id=\"\(field)-error\""), "\(fields) should mark \(field): \(errorsIn(page))")
            }
            var stranger = app.visitor()
            #expect(try await stranger.post("/events", [("title", "x")]).status == .unauthorized)
            #expect(try await net.olive.get("/events/99999").status == .notFound)
            #expect(try await net.olive.get("/events/abc").status.code < 500)
        }
    }

    @Test("cancelling tells everyone coming by email and marks the event cancelled")
    func cancel() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            #expect(try await net.bob.post("/events/\(id)/cancel").status == .forbidden)
            #expect(try await net.olive.post("/events/\(id)/cancel").status == .seeOther)
            #expect(try await app.anonymousGet("/events/\(id)").contains("This event is cancelled"))
            #expect(try await net.olive.post("/events/\(id)/cancel").status == .conflict)
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .conflict)
        }
    }
}

extension EventHostingTests {
    @Test("organizers change an event; everyone coming is told, and the event does not clash with itself")
    func change() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            #expect(try await net.bob.post("/events/\(id)/rsvp").status == .seeOther)
            #expect(try await net.bob.get("/events/\(id)/edit").status == .forbidden)
            let form = try await net.olive.get("/events/\(id)/edit")
            #expect(form.contains("value=\"2026-10-20T19:00\""))
            let fields: [(String, String)] = [
                ("kind", "talk"), ("title", "Rent strike forum"), ("start", "2026-10-20T19:30"),
                ("end", "2026-10-20T21:30"), ("city", "Leeds"), ("isPublic", "on"), ("_submitted", "1"),
            ]
            #expect(try await net.bob.post("/events/\(id)", fields).status == .forbidden)
            let saved = try await net.olive.post("/events/\(id)", fields)
            #expect(saved.status == .seeOther, "\(errorsIn(saved))")
            #expect(try await app.anonymousGet("/events/\(id)").contains("Tue 20 Oct 2026, 19:30 GMT+1"))
            let mail = try await Mailbox.messages(to: try await email(app, "bob")) {
                $0.subject == "Changed: Rent strike forum"
            }
            #expect(mail.contains { $0.subject == "Changed: Rent strike forum" && $0.body.contains("19:30") })
            let bad = try await net.olive.post("/events/\(id)", fields.filter { $0.0 != "title" })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.contains("id=\"title-error\""))
        }
    }
}

extension EventHostingTests {
    @Test("a private group cannot be found by inviting it, and a promoted event made private leaves the promoters")
    func privateGroupsAndPromotions() async throws {
        try await withApp { app in
            var net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("Quiet Circle", visibility: "private")
            let invited = try await postEvent(&net.olive, host: net.leeds, [("coHosts", hidden)])
            let missing = try await postEvent(&net.olive, host: net.leeds, [("coHosts", "no-such-group")])
            #expect(invited.status == .unprocessableContent)
            #expect(errorsIn(invited) == errorsIn(missing).replacingOccurrences(of: "no-such-group", with: hidden))
            let id = try await scheduleEvent(&net.olive, host: net.leeds)
            #expect(
                try await net.olive.post("/events/\(id)/hosts", [("group", hidden)]).status == .unprocessableContent
            )
            #expect(try await net.carol.post("/events/\(id)/promotions", [("group", net.center)]).status == .seeOther)
            #expect(try await net.mona.get("/me/events").contains("Rent strike forum"))
            let fields: [(String, String)] = [
                ("kind", "talk"), ("title", "Rent strike forum"), ("start", "2026-10-20T19:00"),
                ("end", "2026-10-20T21:00"), ("city", "Leeds"), ("isPublic", "off"), ("_submitted", "1"),
            ]
            #expect(try await net.olive.post("/events/\(id)", fields).status == .seeOther)
            #expect(!(try await net.mona.get("/me/events").contains("Rent strike forum")))
            #expect(!(try await app.anonymousGet("/groups/\(net.center)/events").contains("Rent strike forum")))
            #expect(!(try await app.anonymousGet("/groups/\(net.center)").contains("Promoted event")))
        }
    }
}
