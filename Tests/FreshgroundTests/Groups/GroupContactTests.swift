import Foundation
import Testing

@Suite("Groups: writing to a group's organizers")
struct GroupContactTests {
    /// Riverside Circle (`visibility`), organized by olive with an email address, with mona as a plain member; sam
    /// (also with an address) belongs to no group.
    struct Contact {
        var olive: Visitor
        var mona: Visitor
        var sam: Visitor
        let slug: String
        let oliveMail: String
        let samMail: String
    }

    static func contact(_ app: TestApp, visibility: String = "public") async throws -> Contact {
        let oliveMail = "olive-\(UUID().uuidString.prefix(8))@example.org"
        let samMail = "sam-\(UUID().uuidString.prefix(8))@example.org"
        var olive = app.visitor()
        try await olive.signUp("olive", displayName: "Olive Organizer", email: oliveMail)
        let slug = try await olive.createGroup("Riverside Circle", visibility: visibility)
        var mona = try await app.person("mona")
        if visibility == "private" {
            let token = try await olive.createInvite(slug)
            try #require(try await mona.post("/invites/\(token)").status == .seeOther)
        } else {
            try await makeMember(app, &mona, of: slug, organizer: &olive)
        }
        var sam = app.visitor()
        try await sam.signUp("sam", displayName: "Sam Sender", email: samMail)
        return Contact(olive: olive, mona: mona, sam: sam, slug: slug, oliveMail: oliveMail, samMail: samMail)
    }

    static func write(_ visitor: inout Visitor, _ slug: String, subject: String, body: String) async throws -> Page {
        try await visitor.post("/groups/\(slug)/contact", [("subject", subject), ("body", body)])
    }

    @Test func theOrganizersGetTheMessageAndItsMailWithoutAnyAddress() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app)
            let groupPage = try await net.sam.get("/groups/\(net.slug)")
            let form = try await net.sam.get("/groups/\(net.slug)/contact")

            // act
            let sent = try await Self.write(&net.sam, net.slug, subject: "Tenants' meeting", body: "Can we join?")
            let after = try await net.sam.get(sent.location ?? "/")
            let mail = try #require(
                try await Mailbox.messages(to: net.oliveMail, where: { $0.body.contains("Can we join?") }).last
            )

            // check: olive is told (not mona, not sam); nobody's address crosses over
            #expect(groupPage.contains("href=\"/groups/\(net.slug)/contact\">Write to the organizers</a>"))
            #expect(form.status == .ok && form.contains("<label for=\"subject\">"))
            #expect(sent.status == .seeOther && sent.location == "/groups/\(net.slug)")
            #expect(after.contains("Your message is sent to the organizers of Riverside Circle."))
            let notices = try await notices(app, about: "Message from Sam Sender to Riverside Circle")
            #expect(notices.map(\.handle) == ["olive"])
            let notice = try #require(notices.first)
            #expect(
                notice.kind == "message" && notice.body.contains("Tenants' meeting")
                    && notice.body.contains("Can we join?")
            )
            #expect(
                !mail.subject.contains("Riverside") && !mail.subject.contains("Sam") && !mail.subject.contains("sam")
            )
            #expect(!mail.raw.contains(net.samMail))
            for page in [form, after] { #expect(!page.contains(net.oliveMail)) }
            let oliveList = try await net.olive.get("/notifications")
            let monaList = try await net.mona.get("/notifications")
            #expect(
                oliveList.contains("Message from Sam Sender to Riverside Circle") && oliveList.contains("Can we join?")
            )
            #expect(!monaList.contains("Message from Sam Sender") && !oliveList.contains(net.samMail))
            let link = try #require(oliveList.body.firstMatch(of: #/href="(/notifications/[0-9]+)"/#)?.output.1)
            let opened = try await net.olive.get(String(link))
            #expect(opened.location == notice.path)
            let message = try await net.olive.get(notice.path)
            #expect(message.status == .ok && message.contains("Sam Sender (@sam)") && message.contains("Can we join?"))
            #expect(!message.contains(net.samMail))
        }
    }

    @Test func theOrganizersReplyReachesTheSenderWithoutNamingThem() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app)
            _ = try await Self.write(&net.sam, net.slug, subject: "Hello", body: "Who are you?")
            let path = try #require(try await notices(app, about: "Message from Sam Sender").first?.path)

            // act
            let monaLooks = try await net.mona.get(path)
            let replied = try await net.olive.post(path, [("body", "We are neighbours.")])
            let mail = try #require(
                try await Mailbox.messages(to: net.samMail, where: { $0.body.contains("We are neighbours.") }).last
            )

            // check: a member who does not organize cannot read it; sam hears from "the organizers"
            #expect(monaLooks.status == .notFound)
            #expect(replied.status == .seeOther)
            let reply = try #require(
                try await notices(app, about: "Reply from the organizers of Riverside Circle").first
            )
            #expect(reply.handle == "sam" && reply.path == "/groups/\(net.slug)/contact")
            #expect(!reply.title.contains("Olive") && !reply.body.contains("Olive"))
            #expect(!mail.raw.contains(net.oliveMail) && !mail.body.contains("Olive"))
            #expect(!mail.subject.contains("Riverside"))
        }
    }

    @Test func theSixthMessageInAnHourIsRefusedWithTheTextKept() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app)
            for number in 1...5 {
                let sent = try await Self.write(&net.sam, net.slug, subject: "Note \(number)", body: "Text \(number)")
                try #require(sent.status == .seeOther)
            }

            // act
            let sixth = try await Self.write(&net.sam, net.slug, subject: "Note six", body: "Please read this")
            try await app.advanceClockAfterMail(seconds: 3601)
            let later = try await Self.write(&net.sam, net.slug, subject: "Note six", body: "Please read this")

            // check
            #expect(sixth.status == .unprocessableContent)
            #expect(sixth.contains("You have sent 5 messages in the last hour"))
            #expect(sixth.contains("value=\"Note six\"") && sixth.contains(">Please read this</textarea>"))
            #expect(later.status == .seeOther)
            #expect(try await told(app, about: "Message from Sam Sender").count == 6)
        }
    }

    @Test func refusedInputIsKeptWithAMessage() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app)

            // act
            let noSubject = try await Self.write(&net.sam, net.slug, subject: "", body: "Body stays")
            let tooLong = try await Self.write(
                &net.sam,
                net.slug,
                subject: "Long one",
                body: String(repeating: "a", count: 5_001)
            )

            // check
            #expect(noSubject.status == .unprocessableContent && noSubject.contains("Give your message a subject."))
            #expect(noSubject.contains(">Body stays</textarea>"))
            #expect(tooLong.status == .unprocessableContent && tooLong.contains("Keep this under 5,000 characters."))
            #expect(tooLong.contains("value=\"Long one\""))
            #expect(try await told(app, about: "Message from").isEmpty)
        }
    }

    @Test func theOnlyOrganizerIsToldThereIsNobodyElseToWriteTo() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app)

            // act
            let own = try await Self.write(&net.olive, net.slug, subject: "Note to self", body: "Hello?")

            // check
            #expect(own.status == .unprocessableContent)
            #expect(own.contains("You are the only organizer of Riverside Circle: there is nobody else to write to."))
            #expect(own.contains("value=\"Note to self\""))
            #expect(try await told(app, about: "Message from").isEmpty)
        }
    }

    @Test func aStrangerCannotWriteToAPrivateGroup() async throws {
        try await withApp { app in
            // setup
            var net = try await Self.contact(app, visibility: "private")
            var anonymous = app.visitor()

            // act
            let form = try await net.sam.get("/groups/\(net.slug)/contact")
            let sent = try await Self.write(&net.sam, net.slug, subject: "Hi", body: "Let me in")
            let anonymousForm = try await anonymous.get("/groups/\(net.slug)/contact")
            let memberForm = try await net.mona.get("/groups/\(net.slug)/contact")

            // check: not found, as the group's page; its members may write
            #expect(form.status == .notFound && !form.contains("Riverside"))
            #expect(sent.status == .notFound)
            #expect(anonymousForm.status == .notFound)
            #expect(memberForm.status == .ok)
            #expect(try await told(app, about: "Message from").isEmpty)
        }
    }

    @Test func anAnonymousVisitorIsSentToLogInAndBack() async throws {
        try await withApp { app in
            // setup
            let net = try await Self.contact(app)
            var anonymous = app.visitor()
            let login = "/login?next=/groups/\(net.slug)/contact"

            // act
            let groupPage = try await anonymous.get("/groups/\(net.slug)")
            let form = try await anonymous.get("/groups/\(net.slug)/contact")
            let posted = try await Self.write(&anonymous, net.slug, subject: "Hi", body: "Anonymous")

            // check
            #expect(groupPage.contains("<a href=\"\(login)\">Log in to write to the organizers</a>"))
            #expect(form.status == .ok && form.contains("<a href=\"\(login)\">Log in to write to the organizers</a>"))
            #expect(!form.contains("name=\"body\""))
            #expect(posted.status != .seeOther || posted.location?.hasPrefix("/login") == true)
            #expect(try await told(app, about: "Message from").isEmpty)
        }
    }

    @Test func anEventPageOffersToContactItsHosts() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            let id = try await scheduleEvent(&net.olive, host: net.leeds, title: "Rent clinic")
            var anonymous = app.visitor()

            // act
            let page = try await anonymous.get("/events/\(id)")

            // check
            #expect(page.contains("Contact its hosts:"))
            #expect(
                page.contains("<a href=\"/groups/\(net.leeds)/contact\">write to the organizers of Leeds Tenants</a>")
            )
        }
    }

    @Test func aDeletedSendersNameAndTextLeaveOnlyTheNotificationsTheyCaused() async throws {
        try await withApp { app in
            // setup: sam writes; mona writes a message that mentions Sam Sender by name
            var net = try await Self.contact(app)
            _ = try await Self.write(&net.sam, net.slug, subject: "Hello", body: "Sam's private words")
            _ = try await Self.write(&net.mona, net.slug, subject: "About Sam", body: "Sam Sender asked me to write")
            // act
            let gone = try await net.sam.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "sam")]
            )
            // check: sam's notice names a deleted account and lost its text; mona's, which names sam, is untouched
            #expect(gone.status == .seeOther)
            let fromSam = try await notices(app, about: "Message from deleted account to Riverside Circle")
            #expect(fromSam.map(\.handle) == ["olive"])
            #expect(fromSam.first?.body.contains("private words") == false)
            #expect(try await notices(app, about: "Sam Sender").isEmpty)
            let fromMona = try #require(try await notices(app, about: "Message from mona").first)
            #expect(fromMona.body.contains("Sam Sender asked me to write"))
        }
    }
}
