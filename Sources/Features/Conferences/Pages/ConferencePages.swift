import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Pieces shared by the conference pages.
enum ConferenceParts {
    /// A one-button form (every action is a POST with the CSRF token).
    static func button(
        _ context: AppContext,
        _ action: String,
        _ label: String,
        fields: [(String, String)] = []
    )
        -> HTML
    {
        FormParts.button(
            context,
            action,
            label,
            fields: fields.map { FormParts.hidden($0.0, $0.1) }.joined(),
            style: "secondary"
        )
    }

    /// `Sat 2 May 2026, 10:00–11:00` in the conference's zone.
    static func span(_ start: Date, _ end: Date, zone: String) -> HTML {
        let sameDay = ZonedTime.day(start, zone: zone) == ZonedTime.day(end, zone: zone)
        let finish = sameDay ? ZonedTime.time(end, zone: zone) : ZonedTime.display(end, zone: zone)
        return """
            <time datetime="\(ZonedTime.localInput(start, zone: zone))">\(ZonedTime.display(start, zone: zone))</time>\
            –<time datetime="\(ZonedTime.localInput(end, zone: zone))">\(finish)</time>
            """
    }

    static func people(_ people: [PersonRef]) -> String {
        people.map { "\($0.name) (@\($0.handle))" }.joined(separator: ", ")
    }

    /// The conference's own navigation.
    static func nav(_ conference: ConferenceView) -> HTML {
        let id = conference.id
        let review: HTML = .when(conference.roles.seesProposals) {
            " <a href=\"\(ConferencePaths.proposals(id))\">Proposals</a>"
        }
        let build: HTML = .when(conference.roles.isOrganizer) {
            " <a href=\"\(ConferencePaths.editSchedule(id))\">Build the schedule</a>"
        }
        return """
            <nav class="conference-nav" aria-label="Conference"><a href="\(ConferencePaths.conference(id))">Conference</a> \
            <a href="\(ConferencePaths.schedule(id))">Schedule</a> <a href="\(ConferencePaths.agenda(id))">My agenda</a> \
            <a href="\(ConferencePaths.actions(id))">Action proposals</a> \
            <a href="\(ConferencePaths.proxies(id))">Proxies</a>\(review)\(build)</nav>
            """
    }

    static func header(_ conference: ConferenceView, _ heading: String) -> HTML {
        """
        <h1>\(heading)</h1>
        <p class="meta"><a href="\(EventPaths.event(conference.id))">\(conference.event.title)</a> · \(conference.event.whenLabel) \
        · \(conference.event.whereLabel)</p>
        \(nav(conference))
        """
    }
}

/// The conference's front page: the call for proposals, tracks, rooms, committee, the viewer's proposals and,
/// for organizers, the forms that run it.
enum ConferencePages {
    static func overview(
        _ context: AppContext,
        _ conference: ConferenceView,
        mine: [ProposalView],
        invitations: [CoSpeakerInvitation] = [],
        fields: FieldSet = FieldSet(),
        people: NamedChoices = PersonChoices.named([])
    ) -> HTML {
        let settings = conference.settings
        let call: HTML =
            conference.acceptingProposals
            ? """
            <p>The call for proposals is open\(settings.cfpClosesAt.map { " until \(ZonedTime.display($0, zone: conference.zone))" } ?? "").\
            \(HTML.when(settings.blindReview) { " Review is blind: the committee does not see who proposed a session until it decides." })</p>
            <p><a class="button" href="\(ConferencePaths.newProposal(conference.id))">Propose a session</a></p>
            """
            : "<p>The call for proposals is closed.</p>"
        let myList = mine.map { proposal -> HTML in
            """
            <li><a href="\(ConferencePaths.proposal(conference.id, proposal.id))">\(proposal.title)</a> \
            <span class="meta">\(proposal.kind.label) · \(proposal.status.rawValue)</span></li>
            """
        }
        return Layout.page(
            title: conference.event.title,
            context: context,
            main: """
                \(ConferenceParts.header(conference, conference.event.title))
                <section aria-labelledby="cfp-heading"><h2 id="cfp-heading">Call for proposals</h2>
                \(HTML.when(!settings.cfpText.isEmpty) { "<div class=\"post-body\">\(HTML.markdown(settings.cfpText))</div>" })
                \(call)</section>
                \(CoSpeakerParts.invitations(context, invitations, namingConference: false))
                \(HTML.when(!myList.isEmpty) { "<section aria-labelledby=\"mine-heading\"><h2 id=\"mine-heading\">Your proposals</h2><ul>\(myList)</ul></section>" })
                <section aria-labelledby="program-heading"><h2 id="program-heading">Tracks and rooms</h2>
                <p>Tracks: \(conference.tracks.isEmpty ? "none yet" : conference.tracks.map(\.name).joined(separator: ", "))</p>
                <p>Rooms: \(conference.rooms.isEmpty ? "none yet" : conference.rooms.map(\.name).joined(separator: ", "))</p>
                <p>Program committee: \(conference.committee.isEmpty ? "not named yet" : ConferenceParts.people(conference.committee))</p>
                </section>
                \(HTML.when(conference.roles.isOrganizer) { manage(context, conference, fields, people: people) })
                """
        )
    }

    /// The organizers' forms: the call's settings, tracks, rooms and the committee.
    static func manage(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ fields: FieldSet,
        people: NamedChoices
    ) -> HTML {
        let settings = conference.settings
        var values = fields.values
        if !values.has("_submitted") {
            values.set("cfpText", settings.cfpText)
            values.set(
                "cfpClosesAt",
                settings.cfpClosesAt.map { ZonedTime.localInput($0, zone: conference.zone) } ?? ""
            )
        }
        let form = FieldSet(values: values, errors: fields.errors)
        let id = conference.id
        let places = { (kind: Conferences.PlaceKind, items: [NamedItem]) -> HTML in
            let list = items.map { item -> HTML in
                "<li>\(item.name) \(ConferenceParts.button(context, ConferencePaths.removePlace(kind)(id, item.id), "Remove \(item.name)"))</li>"
            }
            return """
                <ul>\(list)</ul>
                \(FormParts.postForm(context, to: ConferencePaths.places(kind)(id), novalidate: true))
                \(form.text(kind.field, label: "New \(kind.rawValue)'s name"))
                <button type="submit">Add the \(kind.rawValue)</button></form>
                """
        }
        let members = conference.committee.map { member -> HTML in
            """
            <li>\(member.name) (@\(member.handle)) \(ConferenceParts.button(context, ConferencePaths.removeCommitteeMember(id), "Remove \(member.name)", fields: [("handle", member.handle)]))</li>
            """
        }
        return """
            <section aria-labelledby="manage-heading"><h2 id="manage-heading">Run the conference</h2>
            \(form.summary)
            \(FormParts.postForm(context, to: ConferencePaths.settings(id), novalidate: true))
            <fieldset><legend>Call for proposals and schedule</legend>
            \(form.checkbox("cfpOpen", label: "The call for proposals is open", checked: settings.cfpOpen))
            \(form.text("cfpClosesAt", label: "The call closes at (local time, \(conference.zone))", type: "datetime-local", hint: "Leave empty to close it by hand."))
            \(form.checkbox("blindReview", label: "Blind review: the committee does not see who proposed until a decision", checked: settings.blindReview))
            \(form.textarea("cfpText", label: "The call's text", rows: 6, hint: "Markdown: what you are looking for, formats, deadlines."))
            \(form.checkbox("schedulePublished", label: "The schedule is published", checked: settings.schedulePublished))
            <input type="hidden" name="_submitted" value="1">
            <button type="submit">Save the settings</button></fieldset></form>
            <h3>Tracks</h3>\(places(.track, conference.tracks))
            <h3>Rooms</h3>\(places(.room, conference.rooms))
            <h3>Program committee</h3><ul>\(members)</ul>
            \(FormParts.postForm(context, to: ConferencePaths.committee(id), novalidate: true))
            \(form.named("handle", label: "Add a committee member", choices: people, hint: "Their name or handle. The list offers the members of the host groups you may see."))
            <button type="submit">Add to the committee</button></form>
            </section>
            """
    }
}
