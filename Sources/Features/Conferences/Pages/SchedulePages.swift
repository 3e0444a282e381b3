import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb

/// An accepted proposal the builder may place, and where it is now.
struct Placeable: Sendable {
    let id: Int
    let title: String
    let session: ScheduledSession?
}

/// The public schedule (by day or by track), the personal agenda and the organizers' schedule builder. Times
/// are shown in the conference's zone.
enum SchedulePages {
    enum Grouping: String { case day, track }

    static func schedule(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ sessions: [ScheduledSession],
        by grouping: Grouping
    ) -> HTML {
        let schedule = ConferencePaths.schedule(conference.id)
        let toggle: HTML =
            grouping == .day
            ? "<p>By day · <a href=\"\(schedule)?by=track\">By track</a></p>"
            : "<p><a href=\"\(schedule)\">By day</a> · By track</p>"
        let draft: HTML = .when(!conference.settings.schedulePublished) {
            "<p class=\"flash\" role=\"status\">Draft: only organizers see the schedule until it is published.</p>"
        }
        return Layout.page(
            title: "Schedule of \(conference.event.title)",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Schedule"))
                \(draft)\(toggle)
                <p><a href="\(ConferencePaths.scheduleFeed(conference.id))">Add the whole schedule to your calendar (iCal)</a></p>
                \(sessions.isEmpty ? "<p class=\"empty\">No sessions are scheduled yet.</p>" : grouped(context, conference, sessions, by: grouping))
                """
        )
    }

    /// Day, then room; or track, then day. The order of sessions (by start) is kept inside each group.
    static func grouped(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ sessions: [ScheduledSession],
        by grouping: Grouping
    ) -> HTML {
        let zone = conference.zone
        var out: [HTML] = []
        switch grouping {
        case .day:
            for (day, daySessions) in ordered(sessions, key: { ZonedTime.day($0.startsAt, zone: zone) }) {
                let label = ZonedTime.dateLabel(daySessions[0].startsAt, zone: zone)
                out.append("<section aria-label=\"\(label)\" id=\"day-\(day)\"><h2>\(label)</h2>")
                let rooms = ordered(daySessions, key: { $0.room.name }).sorted { $0.0 < $1.0 }
                for (room, roomSessions) in rooms {
                    out.append(
                        "<h3>\(room)</h3><ul class=\"sessions\">\(roomSessions.map { item(context, conference, $0) })</ul>"
                    )
                }
                out.append("</section>")
            }
        case .track:
            let tracks = ordered(sessions, key: { $0.track?.name ?? "" }).sorted {
                ($0.0.isEmpty ? 1 : 0, $0.0) < ($1.0.isEmpty ? 1 : 0, $1.0)
            }
            for (track, trackSessions) in tracks {
                let name = track.isEmpty ? "No track" : track
                out.append("<section aria-label=\"\(name)\"><h2>\(name)</h2>")
                for (_, daySessions) in ordered(trackSessions, key: { ZonedTime.day($0.startsAt, zone: zone) }) {
                    out.append("<h3>\(ZonedTime.dateLabel(daySessions[0].startsAt, zone: zone))</h3>")
                    out.append("<ul class=\"sessions\">\(daySessions.map { item(context, conference, $0) })</ul>")
                }
                out.append("</section>")
            }
        }
        return out.joined()
    }

    /// Groups by `key` in order of first appearance.
    static func ordered(
        _ sessions: [ScheduledSession],
        key: (ScheduledSession) -> String
    )
        -> [(String, [ScheduledSession])]
    {
        var order: [String] = []
        var groups: [String: [ScheduledSession]] = [:]
        for session in sessions {
            let k = key(session)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(session)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    static func item(_ context: AppContext, _ conference: ConferenceView, _ session: ScheduledSession) -> HTML {
        let zone = conference.zone
        let star: HTML = .when(context.person != nil) {
            let action = session.starred ? ConferencePaths.unstar : ConferencePaths.star
            let label: HTML =
                session.starred
                ? "Remove from my agenda<span class=\"visually-hidden\">: \(session.title)</span>"
                : "Add to my agenda<span class=\"visually-hidden\">: \(session.title)</span>"
            return """
                \(FormParts.postForm(context, to: action(conference.id, session.id), class: "inline"))<button type="submit" class="secondary">\(label)</button></form>
                """
        }
        return """
            <li class="session" id="session-\(session.id)"><p><strong>\(ZonedTime.time(session.startsAt, zone: zone))–\
            \(ZonedTime.time(session.endsAt, zone: zone))</strong> \(session.title) \
            <span class="meta">\(session.kind.label) · \(session.room.name)\(session.track.map { " · \($0.name)" } ?? "")\
            \(HTML.when(session.starred) { " · in your agenda" })</span></p>
            \(HTML.when(!session.speakers.isEmpty) { "<p class=\"meta\">\(ConferenceParts.people(session.speakers))\(session.group.map { " for \($0.name)" } ?? "")</p>" })
            <details><summary>About<span class="visually-hidden"> \(session.title)</span></summary>\
            <div class="post-body">\(HTML(raw: session.abstractHTML))</div></details>\(star)</li>
            """
    }

    static func agenda(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ sessions: [ScheduledSession],
        feedURL: String
    ) -> HTML {
        Layout.page(
            title: "My agenda",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "My agenda"))
                <p>Sessions you starred, in time order. Star sessions on the <a href="\(ConferencePaths.schedule(conference.id))">schedule</a>.</p>
                \(sessions.isEmpty ? "<p class=\"empty\">You have not starred any session yet.</p>" : grouped(context, conference, sessions, by: .day))
                <h2>In your calendar</h2>
                <p>Your agenda of every conference, as a calendar feed only you know the address of:</p>
                <p><input aria-label="Your agenda's secret calendar address" type="text" readonly value="\(feedURL)"></p>
                \(ConferenceParts.button(context, ConferencePaths.renewAgendaKey(), "Make a new secret address (the old one stops working)"))
                """
        )
    }

    static func builder(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ placeable: [Placeable],
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let id = conference.id
        let zone = conference.zone
        let proposals =
            [("", "Choose an accepted proposal")]
            + placeable.map { (String($0.id), $0.session == nil ? $0.title : "\($0.title) (move)") }
        let rooms = [("", "Choose a room")] + conference.rooms.map { (String($0.id), $0.name) }
        let tracks = [("", "The proposal's track, or none")] + conference.tracks.map { (String($0.id), $0.name) }
        var values = fields.values
        if !values.has("start") { values.set("start", ZonedTime.localInput(conference.event.startsAt, zone: zone)) }
        let form = FieldSet(values: values, errors: fields.errors)
        let placed = placeable.compactMap { item -> HTML? in
            guard let session = item.session else { return nil }
            return """
                <li>\(ConferenceParts.span(session.startsAt, session.endsAt, zone: zone)) · \(session.room.name) · \(item.title) \
                \(ConferenceParts.button(context, ConferencePaths.removeSession(id, session.id), "Take “\(item.title)” off the schedule"))</li>
                """
        }
        let waiting = placeable.filter { $0.session == nil }.map { item -> HTML in "<li>\(item.title)</li>" }
        return Layout.page(
            title: "Build the schedule",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Build the schedule"))
                <p>Times are local to the conference (\(zone)). It runs \(conference.event.whenLabel).</p>
                \(form.summary)
                \(FormParts.postForm(context, to: ConferencePaths.sessions(id), novalidate: true))
                \(form.select("proposal", label: "Session", options: proposals))
                \(form.select("room", label: "Room", options: rooms))
                \(HTML.when(!conference.tracks.isEmpty) { form.select("track", label: "Track", options: tracks) })
                \(form.text("start", label: "Starts at", type: "datetime-local", required: true))
                \(form.text("end", label: "Ends at", type: "datetime-local", required: true))
                <button type="submit">Place the session</button></form>
                <h2>Waiting for a place</h2>
                \(waiting.isEmpty ? "<p class=\"empty\">Every accepted proposal has a place.</p>" : "<ul>\(waiting)</ul>" as HTML)
                <h2>On the schedule</h2>
                \(placed.isEmpty ? "<p class=\"empty\">Nothing is scheduled yet.</p>" : "<ul>\(placed)</ul>" as HTML)
                """
        )
    }
}
