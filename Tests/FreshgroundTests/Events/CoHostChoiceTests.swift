import Foundation
import FreshgroundWeb
import Groups
import SQLKit
import Testing

/// Co-hosts are picked by name (issue 12, item 7): the event form and the organizers' invitation on the event page
/// suggest the groups the organizer can see, take a name (or the old address), refuse an unknown name with the
/// input kept, and never list or accept a private group the organizer is not in.
@Suite struct CoHostChoiceTests {
    @Test func theEventFormTakesCoHostsByName() async throws {
        try await withApp { app in
            // setup: a private circle olive does not belong to
            var net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("Quiet Circle", visibility: "private")

            // act
            let form = try await net.olive.get("/events/new")
            let named = try await postEvent(&net.olive, host: net.leeds, [("coHosts", "leeds students, York Circle")])
            let unknown = try await postEvent(
                &net.olive,
                host: net.leeds,
                title: "Kept title",
                [("coHosts", "Nowhere Collective")]
            )
            let hiddenByName = try await postEvent(&net.olive, host: net.leeds, [("coHosts", "Quiet Circle")])
            let hiddenByAddress = try await postEvent(&net.olive, host: net.leeds, [("coHosts", hidden)])

            // check: names offered, not addresses; the private circle neither offered nor accepted
            #expect(form.contains(#"<label for="coHosts">Co-hosts</label>"#))
            #expect(form.contains(#"list="coHosts-choices""#))
            #expect(form.contains(#"<datalist id="coHosts-choices">"#))
            #expect(form.contains(#"<option value="Leeds Students"></option>"#))
            #expect(!form.contains(#"<option value="\#(net.students)">"#))
            #expect(!form.contains("Quiet Circle") && !form.contains(hidden))
            #expect(named.status == .seeOther, "\(errorsIn(named))")
            #expect(try await net.sara.get("/me/events").contains("invites Leeds Students to co-host"))
            #expect(try await net.yann.get("/me/events").contains("invites York Circle to co-host"))
            #expect(unknown.status == .unprocessableContent)
            #expect(
                fieldError(unknown, "coHosts")
                    == "There is no group called “Nowhere Collective” among those you can choose. Pick from the list of names."
            )
            #expect(unknown.contains(#"value="Nowhere Collective""#) && unknown.contains(#"value="Kept title""#))
            #expect(hiddenByName.status == .unprocessableContent)
            #expect(fieldError(hiddenByName, "coHosts")?.contains("“Quiet Circle”") == true)
            #expect(hiddenByAddress.status == .unprocessableContent)
            #expect(fieldError(hiddenByAddress, "coHosts")?.contains("“\(hidden)”") == true)
        }
    }

    @Test func theEventPageInvitesACoHostByName() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            let hidden = try await pia.createGroup("Quiet Circle", visibility: "private")
            let id = try await scheduleEvent(&net.olive, host: net.leeds)

            // act
            let page = try await net.olive.get("/events/\(id)")
            let named = try await net.olive.post("/events/\(id)/hosts", [("group", "York Circle")])
            let unknown = try await net.olive.post("/events/\(id)/hosts", [("group", "Nowhere Collective")])
            let hiddenByName = try await net.olive.post("/events/\(id)/hosts", [("group", "Quiet Circle")])

            // check
            #expect(page.contains(#"<label for="group">Invite a co-host group</label>"#))
            #expect(page.contains(#"<option value="York Circle"></option>"#))
            #expect(!page.contains("Quiet Circle") && !page.contains(hidden))
            #expect(named.status == .seeOther)
            #expect(try await net.yann.get("/me/events").contains("invites York Circle to co-host"))
            #expect(unknown.status == .unprocessableContent)
            #expect(fieldError(unknown, "group") == "There is no group called Nowhere Collective.")
            #expect(unknown.contains(#"value="Nowhere Collective""#))
            #expect(hiddenByName.status == .unprocessableContent)
            #expect(!hiddenByName.contains(hidden))
        }
    }

    @Test func twoGroupsOfOneNameAreToldApart() async throws {
        try await withApp { app in
            // setup: a second public "York Circle"
            var net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            let twin = "york-circle-two"
            let created = try await pia.post(
                "/groups",
                [
                    ("name", "York Circle"), ("slug", twin), ("kind", "circle"), ("description", "Another"),
                    ("place_kind", "city"), ("city", "York"), ("visibility", "public"), ("join_policy", "open"),
                    ("basis", "Solidarity."),
                ]
            )
            try #require(created.status == .seeOther, "\(errorsIn(created))")

            // act
            let form = try await net.olive.get("/events/new")
            let ambiguous = try await postEvent(&net.olive, host: net.leeds, [("coHosts", "York Circle")])
            let shown = try await postEvent(&net.olive, host: net.leeds, [("coHosts", "York Circle (\(twin))")])

            // check: each is offered with what tells it apart; the bare name is refused, the shown one taken
            #expect(form.contains(#"<option value="York Circle (\#(net.york))"></option>"#))
            #expect(form.contains(#"<option value="York Circle (\#(twin))"></option>"#))
            #expect(ambiguous.status == .unprocessableContent)
            #expect(
                fieldError(ambiguous, "coHosts")
                    == "More than one group is called “York Circle”. Pick the one you mean from the list of names."
            )
            #expect(shown.status == .seeOther, "\(errorsIn(shown))")
            #expect(try await pia.get("/me/events").contains("invites York Circle to co-host"))
            #expect(!(try await net.yann.get("/me/events").contains("invites York Circle to co-host")))
        }
    }

    /// The co-host choices suggest only some public groups (a network of a hundred thousand made the event page of
    /// every organizer a page of megabytes), yet a group beyond them is taken by its name in any case or by its
    /// address; the person's own groups are always offered; and naming a private group the person
    /// is not in does not bring it in.
    @Test func aGroupBeyondTheSuggestedOnesIsStillTakenByNameOrAddress() async throws {
        try await withApp { app in
            // setup: olive organizes Leeds Tenants; "Leeds Students" comes before "York Circle" by name
            let net = try await eventNetwork(app)
            var pia = try await app.person("pia")
            _ = try await pia.createGroup("Quiet Circle", visibility: "private")
            let sql = app.store.sql
            let id = try #require(
                try await sql.select().column("id").from("people").where("handle", .equal, "olive").value(
                    "id",
                    as: Int.self
                )
            )
            let olive = CurrentPerson(id: id, handle: "olive", displayName: "olive", isAdmin: false)
            func choices(_ typed: String) async throws -> NamedChoices {
                try await GroupChoices.named(visibleTo: olive, naming: typed, suggesting: 1, in: sql)
            }

            // act
            let suggested = try await choices("")
            let byName = try await choices("YORK circle")
            let byAddress = try await choices(net.york)
            let listed = try await choices("york circle, North Center")
            let hidden = try await choices("Quiet Circle")

            // check
            #expect(suggested.choices.map(\.name) == ["Leeds Students", "Leeds Tenants"])
            #expect(try byName.value(of: "YORK circle", field: "coHosts") == net.york)
            #expect(try byAddress.value(of: net.york, field: "coHosts") == net.york)
            #expect(try listed.values(of: "york circle, North Center", field: "coHosts") == [net.york, net.center])
            #expect(!hidden.choices.contains { $0.name == "Quiet Circle" })
            #expect(throws: AppError.self) { try hidden.value(of: "Quiet Circle", field: "coHosts") }
        }
    }
}
