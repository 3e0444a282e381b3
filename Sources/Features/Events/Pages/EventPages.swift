import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import People

/// What the event page needs to know about the viewer.
struct EventViewer {
    var rsvp: RSVPStatus?
    var isOrganizer = false
    /// Groups the viewer may promote for.
    var promoteFor: [GroupRef] = []
    /// The RSVP-by-email form as typed, with its messages, when it failed.
    var rsvpFields = FieldSet()
    /// For an organizer: the co-host invitation form (as typed when it failed) and the groups it offers by name.
    var coHost = (fields: FieldSet(), choices: NamedChoices([], noun: "group"))
    /// Whether mail about the event can reach this viewer: the site sends mail and (signed in) the account has an
    /// address. Without it the page says so instead of promising a link or a reminder.
    var getsMail = true
}

/// The events list and one event's page.
enum EventPages {
    static func index(
        _ context: AppContext,
        page: Page<EventSummary>,
        hosts: [Int: [String]],
        filter: FieldSet = FieldSet(),
        cities: [City] = []
    ) -> HTML {
        let query = ["city", "kind", "from", "until"].compactMap { name -> String? in
            let value = filter.values[name]
            return value.isEmpty
                ? nil : "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        let base = EventPaths.events() + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let narrowed = !query.isEmpty
        return Layout.page(
            title: "Events",
            context: context,
            main: """
                <h1>Events</h1>
                <p><a href="\(EventPaths.new())">Schedule an event</a> · <a href="\(EventPaths.cities())">City calendars</a> · \
                <a href="/speakers">Speakers</a> · <a href="/tours">Speaking tours</a> · <a href="\(EventPaths.myEvents())">My events</a></p>
                \(filterForm(filter, cities: cities))
                \(EventParts.cards(page.items, hosts: hosts, empty: narrowed ? "No public event matches these choices." : "No public event is coming up yet."))
                \(paginationNav(page, base: base))
                """
        )
    }

    /// Narrowing the list by city, kind and days; it works without script (a GET form) and keeps what was asked.
    private static func filterForm(_ fields: FieldSet, cities: [City]) -> HTML {
        let cityOptions = [("", "Every city")] + cities.map { ($0.slug, $0.name) }
        let kindOptions = [("", "Every kind")] + EventKind.allCases.map { ($0.rawValue, $0.label) }
        return """
            <form class="event-filter" action="\(EventPaths.events())" method="get" role="search" novalidate>
            \(fields.summary)
            \(fields.select("city", label: "City", options: cityOptions))
            \(fields.select("kind", label: "Kind", options: kindOptions))
            \(fields.text("from", label: "From (day)", type: "date"))
            \(fields.text("until", label: "Until (day)", type: "date"))
            <button type="submit">Show</button></form>
            """
    }

    static func show(_ context: AppContext, detail: EventDetail, viewer: EventViewer) -> HTML {
        let event = detail.event
        let listed = detail.hosts.filter { $0.status == .accepted }
        let hosts = listed.map { group -> HTML in
            "<li><a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a></li>"
        }
        let invited = detail.hosts.filter { $0.status == .invited }.map { group -> HTML in
            "<li>\(group.name) (invited, not yet accepted)</li>"
        }
        let promoters = detail.promotedBy.enumerated().map { index, group -> HTML in
            "\(index == 0 ? "" : ", ")<a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>"
        }
        let space: HTML =
            detail.capacity.map { capacity -> HTML in
                "<p>\(detail.going) of \(capacity) places taken\(detail.waitlisted > 0 ? ", \(detail.waitlisted) on the wait list" : "").</p>"
            } ?? "<p>\(detail.going) going.</p>"
        return Layout.page(
            title: event.title,
            context: context,
            main: """
                <article class="event">
                <p class="kind">\(event.kind.label)\(HTML.when(!event.isPublic) { " · Members of the hosts only" })</p>
                <h1>\(event.title)</h1>
                \(HTML.when(event.status == .cancelled) { "<p class=\"form-error\" role=\"status\"><strong>This event is cancelled.</strong></p>" })
                <p><strong>When:</strong> \(EventParts.when(event)) <span class="hint">(\(event.timeZone))</span> \
                · <a href="\(EventPaths.eventFile(event.id))" download>Add to my calendar (.ics)</a></p>
                <p><strong>Where:</strong> \(event.whereLabel)\(event.city.map { name -> HTML in " · <a href=\"\(EventPaths.city(cityLink(name)))\">\(name) calendar</a>" })</p>
                \(detail.onlineURL.map { url -> HTML in "<p><strong>Online:</strong> <a href=\"\(url)\">\(url)</a></p>" })
                \(HTML.when(event.isOnline && detail.onlineURL == nil && detail.placesAt == nil) { "<p>The online link is sent to people who RSVP.</p>" })
                \(space)
                \(HTML.when(event.kind == .conference) {
                    "<p><a href=\"/events/\(event.id)/conference\">The conference: call for proposals, program and schedule</a></p>"
                })
                \(HTML.when(!detail.descriptionHTML.isEmpty) {
                    "<section class=\"description\" aria-labelledby=\"about\"><h2 id=\"about\">About the event</h2>\(HTML(raw: detail.descriptionHTML))</section>"
                })
                <h2 id="hosts">Hosts</h2>
                <ul>\(hosts)\(HTML.when(viewer.isOrganizer) { invited.joined() })</ul>
                \(contactHosts(listed))
                \(HTML.when(!promoters.isEmpty) { "<p class=\"promoted\">Promoted by \(promoters)</p>" })
                </article>
                \(rsvpBox(context, detail: detail, viewer: viewer))
                \(promoteBox(context, event: event, viewer: viewer, detail: detail))
                \(organizerBox(context, event: event, viewer: viewer))
                """
        )
    }

    static func cityLink(_ name: String) -> String { Slug.make(from: name) }

    /// "Contact its hosts": a link to write to the organizers of each host the viewer may see (the list is read so).
    private static func contactHosts(_ hosts: [EventGroup]) -> HTML {
        guard !hosts.isEmpty else { return .empty }
        let links = hosts.map { group -> HTML in
            "<a href=\"\(GroupPaths.contact(group.slug))\">write to the organizers of \(group.name)</a>"
        }
        return "<p class=\"contact-hosts\">Contact its hosts: \(links.joined(separator: " · "))</p>"
    }

    private static let noMail: HTML = """
        <p class="notice" role="note">You will get no email about this event (your account has no email address, \
        or this site sends no mail): a change or a cancellation shows here.</p>
        """

    private static func rsvpBox(_ context: AppContext, detail: EventDetail, viewer: EventViewer) -> HTML {
        let event = detail.event
        guard event.status == .scheduled else { return .empty }
        if let path = detail.placesAt {
            // Another feature gives the places: no RSVP here, only the way there (and out of an RSVP made before).
            let held = viewer.rsvp == .going || viewer.rsvp == .waitlisted
            let way: HTML =
                path.hasPrefix("/")
                ? "Places at this event are not given by RSVP: <a href=\"\(path)\">see where they are given</a>."
                : "This event is hosted on another server: <a href=\"\(path)\" rel=\"nofollow\">RSVP there</a>."
            return """
                <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Coming?</h2>
                <p>\(way)</p>\
                \(HTML.when(held) { FormParts.button(context, EventPaths.cancelRSVP(event.id), "Cancel my RSVP") })</section>
                """
        }
        if context.person != nil {
            switch viewer.rsvp {
            case .going:
                return """
                    <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Your RSVP</h2>
                    <p role="status">You're going.</p>\(FormParts.button(context, EventPaths.cancelRSVP(event.id), "Cancel my RSVP"))</section>
                    """
            case .waitlisted:
                return """
                    <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Your RSVP</h2>
                    <p role="status">You're on the wait list.</p>\(FormParts.button(context, EventPaths.cancelRSVP(event.id), "Leave the wait list"))</section>
                    """
            default:
                let full = detail.spacesLeft == 0
                return """
                    <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Coming?</h2>
                    \(FormParts.button(context, EventPaths.rsvp(event.id), full ? "Join the wait list" : "RSVP: I'm going"))\
                    \(HTML.when(!viewer.getsMail) { noMail })</section>
                    """
            }
        }
        guard event.isPublic else { return .empty }
        guard viewer.getsMail else {
            // The RSVP by email works through a mailed link, which a site without mail cannot send.
            return """
                <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Coming?</h2>
                <p><a href="\(PeoplePaths.logIn(next: EventPaths.event(event.id)))">Log in</a> or \
                <a href="\(PeoplePaths.signUp(next: EventPaths.event(event.id)))">sign up</a> to RSVP. (This site sends no \
                email, so it cannot confirm an RSVP by email.)</p></section>
                """
        }
        let fields = viewer.rsvpFields
        return """
            <section class="rsvp" aria-labelledby="rsvp-heading"><h2 id="rsvp-heading">Coming?</h2>
            <p>No account needed: give a name and an email, and confirm with the link we send. Only the hosts' \
            organizers see who is coming. Or <a href="\(PeoplePaths.logIn(next: EventPaths.event(event.id)))">log in</a> \
            or <a href="\(PeoplePaths.signUp(next: EventPaths.event(event.id)))">sign up</a> to RSVP with an account.</p>
            \(fields.summary)
            \(FormParts.postForm(context, to: EventPaths.rsvpByEmail(event.id), novalidate: true))
            \(fields.text("name", label: "Your name", required: true, autocomplete: "name"))
            \(fields.text("email", label: "Your email", type: "email", required: true, autocomplete: "email"))
            <button type="submit">Send me the confirmation link</button></form></section>
            """
    }

    private static func promoteBox(
        _ context: AppContext,
        event: EventSummary,
        viewer: EventViewer,
        detail: EventDetail
    )
        -> HTML
    {
        guard event.isPublic, event.status == .scheduled else { return .empty }
        let promoting = Set(detail.promotedBy.map(\.slug))
        let hosting = Set(detail.hosts.map(\.slug))
        let choices = viewer.promoteFor.filter { !promoting.contains($0.slug) && !hosting.contains($0.slug) }
        let stop = viewer.promoteFor.filter { promoting.contains($0.slug) }.map { group -> HTML in
            FormParts.button(
                context,
                EventPaths.removePromotion(event.id, group.slug),
                "Stop promoting for \(group.name)"
            )
        }
        guard !choices.isEmpty || !stop.isEmpty else { return .empty }
        let options = choices.map { group -> HTML in "<option value=\"\(group.slug)\">\(group.name)</option>" }
        return """
            <section aria-labelledby="promote-heading"><h2 id="promote-heading">Promote to your group</h2>
            <p>It appears in your group's events, calendar and feed, marked as promoted. You get no rights over it.</p>
            \(HTML.when(!choices.isEmpty) {
                """
                \(FormParts.postForm(context, to: EventPaths.promotions(event.id)))
                <label for="promote-group">Group</label> <select id="promote-group" name="group">\(options)</select>
                <button type="submit">Promote</button></form>
                """
            })\(stop)</section>
            """
    }

    private static func organizerBox(_ context: AppContext, event: EventSummary, viewer: EventViewer) -> HTML {
        guard viewer.isOrganizer else { return .empty }
        return """
            <section class="organizers" aria-labelledby="organizers-heading"><h2 id="organizers-heading">For the organizers</h2>
            <p><a href="\(EventPaths.attendees(event.id))">Attendees and check-in at the door</a> · \
            <a href="\(EventPaths.edit(event.id))">Change the time, place or text</a></p>
            \(FormParts.postForm(context, to: EventPaths.hosts(event.id)))
            \(viewer.coHost.fields.named("group", label: "Invite a co-host group", choices: viewer.coHost.choices, hint: "The group's name; the list suggests them as you type. Its organizers accept before it is listed."))
            <button type="submit">Invite</button></form>
            \(HTML.when(event.status == .scheduled) { "<a class=\"button secondary\" href=\"\(EventPaths.cancel(event.id))\">Cancel the event…</a>" as HTML })
            </section>
            """
    }

    /// The page the emailed link opens: confirm, or cancel.
    static func rsvpLink(
        _ context: AppContext,
        token: String,
        event: EventSummary,
        status: RSVPStatus,
        name: String
    )
        -> HTML
    {
        let state: HTML =
            switch status {
            case .unconfirmed: "Your place is not confirmed yet."
            case .going: "You're going."
            case .waitlisted: "You're on the wait list; we'll email you if a place frees up."
            case .cancelled: "This RSVP is cancelled."
            }
        return Layout.page(
            title: "Your RSVP",
            context: context,
            main: """
                <h1>Your RSVP, \(name)</h1>
                <p><a href="\(EventPaths.event(event.id))">\(event.title)</a> · \(EventParts.when(event)) · \(event.whereLabel)</p>
                <p role="status">\(state)</p>
                \(HTML.when(status == .unconfirmed && event.status == .scheduled) {
                    FormParts.button(context, EventPaths.confirmRSVP(token), "Confirm my place")
                })
                \(HTML.when(status == .going || status == .waitlisted) {
                    FormParts.button(context, EventPaths.cancelRSVPLink(token), "Cancel my RSVP")
                })
                """
        )
    }

    /// How many on a list mail cannot reach, and whether the site sends mail at all.
    struct MailReach {
        let missing: Int
        let siteSends: Bool

        /// What the organizers are told above the list; nothing when everyone gets mail.
        var notice: HTML {
            guard siteSends else {
                return
                    "<p class=\"notice\" role=\"note\">This site has no mail server: nobody on this list gets mail.</p>"
            }
            guard missing > 0 else { return .empty }
            let people = missing == 1 ? "1 of these people" : "\(missing) of these people"
            return "<p class=\"notice\" role=\"note\">\(people) will get no mail (no email address).</p>"
        }
    }

    static func attendees(_ context: AppContext, event: EventSummary, list: [Attendee], mail: MailReach) -> HTML {
        let rows = list.map { person -> HTML in
            let who: HTML = person.handle.map { "@\($0)" } ?? HTML(stringLiteral: person.email ?? "")
            let action: HTML =
                person.status == .going
                ? FormParts.button(
                    context,
                    EventPaths.checkIn(event.id, person.id),
                    person.checkedInAt == nil ? "Check in \(person.name)" : "Undo check-in of \(person.name)",
                    fields: FormParts.hidden("arrived", person.checkedInAt == nil ? "on" : "off")
                ) : .empty
            return """
                <tr><td>\(person.name)</td><td>\(who)</td><td>\(label(person.status))</td>\
                <td>\(person.checkedInAt == nil ? "" : "Arrived")</td><td>\(action)</td></tr>
                """
        }
        let arrived = list.filter { $0.checkedInAt != nil }.count
        let going = list.filter { $0.status == .going }.count
        return Layout.page(
            title: "Attendees: \(event.title)",
            context: context,
            main: """
                <h1>Attendees</h1>
                <p><a href="\(EventPaths.event(event.id))">\(event.title)</a> · \(EventParts.when(event))</p>
                <p role="status">\(arrived) of \(going) arrived. This list is seen only by the hosts' organizers.</p>
                \(HTML.when(!list.isEmpty) { mail.notice })
                \(list.isEmpty ? "<p class=\"empty\">Nobody has RSVPed yet.</p>" : """
                <table><caption>People coming</caption><thead><tr><th scope="col">Name</th><th scope="col">Account or email</th>\
                <th scope="col">RSVP</th><th scope="col">At the door</th><th scope="col">Check-in</th></tr></thead>\
                <tbody>\(rows)</tbody></table>
                """ as HTML)
                """
        )
    }

    static func label(_ status: RSVPStatus) -> String {
        switch status {
        case .unconfirmed: "Not confirmed"
        case .going: "Going"
        case .waitlisted: "Wait list"
        case .cancelled: "Cancelled"
        }
    }
}
