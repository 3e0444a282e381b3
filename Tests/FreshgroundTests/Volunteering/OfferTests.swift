import Foundation
import Testing

/// An organizer's assignment is an offer the person alone accepts or declines; declining needs no reason and is
/// counted nowhere; an organizer learns of a person's load only "over their pledge: yes or no".
@Suite("Volunteering: offers and load")
struct OfferTests {
    @Test func anOfferIsAcceptedOrDeclinedByThePersonAndADeclineShowsNowhereElse() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Food bank door"))
            // act: olive offers the shift to mia, who declines
            let offered = try await circle.olive.post("/work/\(shift)/offer", [("person", "@mia")])
            #expect(offered.status == .seeOther, "\(errorsIn(offered))")
            let flash = try await circle.olive.get(try #require(offered.location))
            let mine = try await circle.mia.get("/volunteering")
            let offer = try #require(assignmentIDs(mine).first)
            let declined = try await circle.mia.post("/work/assignments/\(offer)/answer", [("accept", "no")])
            let again = try await circle.mia.post("/work/assignments/\(offer)/answer", [("accept", "yes")])
            // check
            #expect(flash.contains("It would not take them over what they pledged."))
            #expect(mine.contains("Food bank door") && mine.contains("Decline"))
            #expect(declined.status == .seeOther)
            #expect(again.status == .conflict, "a declined offer stays declined")
            let work = try await circle.olive.get("/work/\(shift)")
            let board = try await circle.olive.get("/groups/\(circle.slug)/work")
            let members = try await circle.olive.get("/groups/\(circle.slug)/members")
            for page in [work, board, members] {
                #expect(!page.contains("declined"), "a decline is shown to nobody but the person")
            }
            #expect(work.contains("<h2 id=\"people\">Who signed up</h2>\n<p class=\"empty\">Nobody yet.</p>"))
            let access = try await circle.mia.get("/volunteering/access")
            #expect(access.contains("your pledged hours"), "the members page showed olive her pledge")
            #expect(try await circle.mia.get("/volunteering").contains("Food bank door (Care Circle): declined"))

            // act: a new offer, which she accepts
            let second = try await circle.olive.post("/work/\(shift)/offer", [("person", "mia")])
            #expect(second.status == .seeOther, "\(errorsIn(second))")
            let next = try #require(assignmentIDs(try await circle.mia.get("/volunteering")).first)
            let accepted = try await circle.mia.post("/work/assignments/\(next)/answer", [("accept", "yes")])
            #expect(accepted.status == .seeOther, "\(errorsIn(accepted))")
            let after = try await circle.olive.get("/work/\(shift)")
            #expect(after.contains("@mia): taken on"))
            #expect(after.contains("1 of 3 places taken"))
            let twice = try await circle.olive.post("/work/\(shift)/offer", [("person", "mia")])
            #expect(twice.status == .unprocessableContent && twice.contains("already have this work"))
        }
    }

    @Test func theOrganizerLearnsOnlyYesOrNoAndOverPledgeWorkNeedsTheirYes() async throws {
        try await withApp(mail: false) { app in
            // setup: mia pledged 3 hours here and 1 in another circle, where she holds a 2-hour shift this week
            var circle = try await volunteerCircle(app)
            var rosa = try await app.person("rosa")
            let other = try await rosa.createGroup("Tenants Union")
            _ = try await circle.mia.post("/groups/\(other)/join")
            _ = try await circle.mia.post("/groups/\(other)/pledge", [("hours", "1")])
            let theirs = try await postWork(&rosa, other, twoHourShift("Secret stall at the depot"))
            let signed = try await circle.mia.post("/work/\(theirs)/sign-up")
            #expect(signed.status == .seeOther, "\(errorsIn(signed))")
            let task = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "task"), ("title", "Write the leaflet"), ("minutes", "150"), ("due", "2026-09-24")]
            )
            // act
            let offered = try await circle.olive.post("/work/\(task)/offer", [("person", "mia")])
            let flash = try await circle.olive.get(try #require(offered.location))
            let mine = try await circle.mia.get("/volunteering")
            let offer = try #require(assignmentIDs(mine).first)
            let unconfirmed = try await circle.mia.post("/work/assignments/\(offer)/answer", [("accept", "yes")])
            let confirmed = try await circle.mia.post(
                "/work/assignments/\(offer)/answer",
                [("accept", "yes"), ("confirmOverPledge-\(offer)", "on")]
            )
            let load = try await circle.mia.get("/volunteering")
            // check: 2 + 2.5 hours against 4 pledged is over, and olive is told only that
            #expect(flash.contains("It would take them over what they pledged"))
            for page in [flash, try await circle.olive.get("/work/\(task)")] {
                #expect(!page.contains("Secret stall") && !page.contains("Tenants Union"))
                #expect(!page.contains("4.5") && !page.contains("hours of the"))
            }
            #expect(mine.contains("This would take you over the hours you pledged."))
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.contains("Tick the box to take it on anyway"))
            #expect(confirmed.status == .seeOther, "\(errorsIn(confirmed))")
            #expect(load.contains("<strong>4.5 hours</strong> of the 4 you pledged"), "\(load.body.prefix(3000))")
            let access = try await circle.mia.get("/volunteering/access")
            #expect(access.contains("olive") && access.contains("whether work would take you over your pledge"))
        }
    }

    @Test func peopleSignUpAndCancelThemselvesAndAFullShiftRefusesMore() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Stall", places: 1))
            // act
            let mia = try await circle.mia.post("/work/\(shift)/sign-up")
            let bobFirst = try await circle.bob.post("/work/\(shift)/sign-up")
            let held = try #require(assignmentIDs(try await circle.mia.get("/volunteering")).first)
            let confirm = try await circle.mia.get("/work/assignments/\(held)/cancel")
            let cancelled = try await circle.mia.post("/work/assignments/\(held)/cancel")
            let bobAgain = try await circle.bob.post("/work/\(shift)/sign-up")
            // check
            #expect(mia.status == .seeOther, "\(errorsIn(mia))")
            #expect(bobFirst.status == .conflict && bobFirst.contains("Every place on this shift is taken."))
            #expect(confirm.contains("Cancel my part"))
            #expect(cancelled.status == .seeOther)
            #expect(bobAgain.status == .seeOther, "\(errorsIn(bobAgain))")
            var stranger = try await app.person("rosa")
            let rosa = try await stranger.post("/work/\(shift)/sign-up")
            #expect(rosa.status == .notFound, "an outsider cannot even see the shift")
        }
    }

    @Test func onlyTheOrganizersAndTheShiftsLeadSeeWhoSignedUp() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            var lena = try await app.person("lena")
            _ = try await lena.post("/groups/\(circle.slug)/join")
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Door", lead: "lena"))
            _ = try await circle.mia.post("/work/\(shift)/sign-up")
            // act
            let byLead = try await lena.get("/work/\(shift)")
            let byMember = try await circle.bob.get("/work/\(shift)")
            var sam = try await app.person("sam")
            let byStranger = try await sam.get("/work/\(shift)")
            let boardByStranger = try await sam.get("/groups/\(circle.slug)/work")
            let anonymous = try await anonymousGet(app, "/work/\(shift)")
            let offerByMember = try await circle.bob.post("/work/\(shift)/offer", [("person", "mia")])
            // check
            #expect(byLead.contains("@mia): taken on"))
            #expect(!byLead.contains("Offer it to someone"), "a lead sees sign-ups, not the offer form")
            #expect(byMember.status == .ok && !byMember.contains("@mia"))
            #expect(byMember.contains("1 of 3 places taken"))
            #expect(byStranger.status == .notFound && boardByStranger.status == .notFound)
            #expect(anonymous.status == .notFound)
            #expect(offerByMember.status == .forbidden)
        }
    }

    @Test func suggestionsRankRoomLeftAndNeverNameThePausedOrFull() async throws {
        try await withApp(mail: false) { app in
            // setup: bob has 5 hours of room, mia 3; carol pledged 10 but is paused; dan pledged nothing
            var circle = try await volunteerCircle(app)
            var carol = try await app.person("carol")
            var dan = try await app.person("dan")
            for visitor in [carol, dan] {
                var visitor = visitor
                _ = try await visitor.post("/groups/\(circle.slug)/join")
            }
            _ = try await carol.post("/groups/\(circle.slug)/pledge", [("hours", "10")])
            let paused = try await carol.post("/volunteering/pause", [("until", "2026-10-30")])
            #expect(paused.status == .seeOther, "\(errorsIn(paused))")
            _ = try await dan.get("/")
            let shift = try await postWork(&circle.olive, circle.slug, twoHourShift("Canvass"))
            // act
            let page = try await circle.olive.get("/work/\(shift)")
            // check
            let list = try #require(
                page.body.firstMatch(of: /<h3>Who could take this<\/h3>.*?<\/ol>/.dotMatchesNewlines())
            )
            let named = String(list.output).matches(of: /@([a-z]+)/).map { String($0.1) }
            #expect(named == ["bob", "mia"])
            #expect(try await circle.bob.get("/volunteering/access").contains("whether work would take you over"))
            #expect(!(try await carol.get("/volunteering/access").contains("olive")), "carol was not named")
        }
    }

    @Test func hoursArePersonalAndAFormKeepsWhatWasTyped() async throws {
        try await withApp(mail: false) { app in
            // setup
            var circle = try await volunteerCircle(app)
            // act
            let bad = try await circle.mia.post(
                "/volunteering/hours",
                [("group", circle.slug), ("minutes", "lots"), ("note", "Leafleting the estate")]
            )
            let good = try await circle.mia.post(
                "/volunteering/hours",
                [("group", circle.slug), ("minutes", "90"), ("day", "2026-09-20"), ("note", "Leafleting the estate")]
            )
            let page = try await circle.mia.get("/volunteering")
            let skills = try await circle.mia.post(
                "/volunteering/skills",
                [("has", "Design, leafleting"), ("wants", "")]
            )
            let task = try await postWork(
                &circle.olive,
                circle.slug,
                [("kind", "task"), ("title", "Poster"), ("minutes", "60"), ("skills", "design, printing")]
            )
            _ = try await circle.mia.post("/work/\(task)/sign-up")
            let held = try #require(assignmentIDs(try await circle.mia.get("/volunteering")).first)
            let done = try await circle.mia.post("/work/assignments/\(held)/done")
            let after = try await circle.mia.get("/volunteering")
            // check
            #expect(bad.status == .unprocessableContent && bad.contains("value=\"lots\""))
            #expect(bad.contains("Leafleting the estate"))
            #expect(good.status == .seeOther, "\(errorsIn(good))")
            #expect(page.contains("2026-09-20: 90 minutes for Care Circle"))
            #expect(skills.status == .seeOther)
            #expect(done.status == .seeOther, "\(errorsIn(done))")
            #expect(after.contains("Practised here: design, printing."), "\(after.body.prefix(200))")
            let olive = try await circle.olive.get("/volunteering")
            #expect(!olive.contains("Leafleting the estate"), "hours are the person's own")
        }
    }
}
