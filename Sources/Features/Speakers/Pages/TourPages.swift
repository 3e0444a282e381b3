import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The tours' pages: the list, the form to start a tour, and a tour's page with its stops, the hosts' answers,
/// the planner's proposal and the tools to add stops and schedule.
enum TourPages {
    static func index(_ context: AppContext, mine: [TourCard], asked: [TourCard], scheduled: [TourCard]) -> HTML {
        func list(_ cards: [TourCard], empty: String) -> HTML {
            guard !cards.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
            let items = cards.map { card -> HTML in
                """
                <li><a href="\(SpeakerPaths.tour(card.id))">\(card.title)</a> <span class="meta">\(card.speaker) · \
                \(card.startsOn) to \(card.endsOn) · planned by \(card.group.name)\
                \(card.status == .planning ? " · being planned" : "")</span></li>
                """
            }
            return "<ul>\(items)</ul>"
        }
        let personal: HTML = .when(context.person != nil) {
            """
            <h2>Asking your groups to host</h2>
            \(list(asked, empty: "No tour is waiting for your groups’ answer."))
            <h2>Tours your groups plan</h2>
            \(list(mine, empty: "Your groups plan no tour."))
            """
        }
        return Layout.page(
            title: "Speaking tours",
            context: context,
            main: """
                <h1>Speaking tours</h1>
                <p>To plan a tour, choose a speaker on the <a href="\(SpeakerPaths.roster())">roster</a> and follow “Plan a speaking tour”.</p>
                \(personal)
                <h2>Scheduled tours</h2>
                \(list(scheduled, empty: "No tour is scheduled yet."))
                """
        )
    }

    /// `speakers` is the roster, offered by name.
    static func new(
        _ context: AppContext,
        fields: FieldSet,
        speaker: SpeakerCard?,
        speakers: NamedChoices,
        groups: [GroupRef]
    ) -> HTML {
        let none: HTML = .when(groups.isEmpty) {
            "<p class=\"form-error\" role=\"alert\">Only organizers of a group plan tours.</p>"
        }
        return Layout.page(
            title: "Plan a speaking tour",
            context: context,
            main: """
                <h1>Plan a speaking tour</h1>
                \(speaker.map { speaker -> HTML in "<p>With <a href=\"\(speaker.url)\">\(speaker.name)</a>, from \(speaker.city.name).</p>" })
                \(none)
                \(fields.summary)
                \(FormParts.postForm(context, to: SpeakerPaths.tours(), novalidate: true))
                \(fields.select("speaker", label: "Speaker", choices: speakers, none: "Choose a speaker from the roster"))
                \(fields.select("group", label: "Planned by the group", options: groups.map { ($0.slug, $0.name) }))
                \(fields.text("title", label: "Title of the tour (optional)"))
                \(fields.text("from", label: "First day", type: "date", required: true, hint: "YYYY-MM-DD"))
                \(fields.text("until", label: "Last day", type: "date", required: true, hint: "YYYY-MM-DD"))
                <button type="submit">Start planning</button></form>
                """
        )
    }

    /// `form`/`errors` carry a failed stop form back to its fields; `alert` a refusal to schedule. `hosts` are the
    /// groups the planner may see, offered by name for a stop.
    static func show(
        _ context: AppContext,
        _ tour: Tour,
        cities: [RosterCity],
        talks: [SpeakerTalk],
        hosts: NamedChoices,
        form: FormData = FormData(),
        errors: [String: String] = [:],
        alert: String? = nil
    ) -> HTML {
        let fields = FieldSet(values: form, errors: errors)
        let stops = tour.stops.map { stop -> HTML in stopItem(context, tour, stop) }
        let proposal: HTML =
            if let proposal = tour.proposal {
                """
                <h2>Proposed order and dates</h2>
                <p>The order with the least travel from \(tour.speaker.city.name) that fits the speaker’s available \
                dates and the hosts’ dates, one stop a day: \(proposal.kilometres) km in all. A leg over \
                \(Int(TourDates.restAfterKilometres)) km gets a rest day before the next stop when the dates allow.</p>
                <table><thead><tr><th scope="col">Date</th><th scope="col">City</th><th scope="col">Travel</th></tr></thead>
                <tbody>\(proposal.stops.map { stop -> HTML in
                    "<tr><td>\(stop.date)</td><td>\(stop.city)</td><td>\(stop.kilometres) km\(stop.afterRestDay ? ", after a rest day" : "")</td></tr>"
                })</tbody></table>
                """
            } else if let problem = tour.problem {
                "<div class=\"form-error\" role=\"alert\"><h2>No dates fit</h2><p>\(problem)</p></div>"
            } else {
                .empty
            }
        let planning: HTML = .when(tour.canPlan && tour.status == .planning) {
            """
            \(FormParts.postForm(context, to: SpeakerPaths.stops(tour.id), novalidate: true))
            <fieldset><legend>Add a stop</legend>
            \(fields.select("city", label: "City", options: [("", "Choose a city")] + cities.map { ($0.slug, $0.name) }))
            \(fields.named("hosts", label: "Host groups", choices: hosts, required: true, hint: "Their names, separated by commas; the list suggests them as you type. Each group’s organizers accept or decline."))
            \(fields.select("talk", label: "Talk", options: [("", "Not decided")] + talks.map { (String($0.id), $0.title) }))
            \(fields.text("hostsFrom", label: "The hosts can do it from (optional)", type: "date", hint: "YYYY-MM-DD"))
            \(fields.text("hostsUntil", label: "The hosts can do it until (optional)", type: "date", hint: "YYYY-MM-DD"))
            \(fields.text("startTime", label: "Start time, local", type: "time", hint: "HH:MM; 19:00 if left empty"))
            \(fields.text("address", label: "Address (optional)"))
            <button type="submit">Add the stop</button></fieldset></form>
            \(FormParts.postForm(context, to: SpeakerPaths.schedule(tour.id)))
            <p>Scheduling creates one public event per stop on its proposed date, co-hosted by the groups that accepted.</p>
            <button type="submit">Schedule the tour</button></form>
            """
        }
        return Layout.page(
            title: tour.title,
            context: context,
            main: """
                <h1>\(tour.title)</h1>
                <p class="meta"><a href="\(tour.speaker.url)">\(tour.speaker.name)</a> · \(tour.startsOn) to \
                \(tour.endsOn) · planned by \(tour.group.link) · \
                \(tour.status == .planning ? "Being planned" : "Scheduled")</p>
                \(alert.map { alert -> HTML in "<div class=\"form-error\" role=\"alert\"><p>\(alert)</p></div>" })
                \(fields.summary)
                <h2>Stops</h2>
                \(stops.isEmpty ? "<p class=\"empty\">No stop yet.</p>" : "<ol>\(stops)</ol>" as HTML)
                \(tour.status == .planning ? proposal : .empty)
                \(planning)
                """
        )
    }

    private static func stopItem(_ context: AppContext, _ tour: Tour, _ stop: TourStopView) -> HTML {
        let hosts = stop.hosts.map { host -> HTML in
            let answer: HTML = .when(tour.status == .planning && tour.decides.contains(host.group.slug)) {
                """
                \(HTML.when(host.status != .accepted) {
                    SpeakerPages.button(context, SpeakerPaths.hostAnswer(tour.id, stop.id, host.group.slug), "Accept for \(host.group.name)", fields: SpeakerPages.hidden("answer", "accept"))
                })\(HTML.when(host.status != .declined) {
                    SpeakerPages.button(context, SpeakerPaths.hostAnswer(tour.id, stop.id, host.group.slug), "Decline for \(host.group.name)", fields: SpeakerPages.hidden("answer", "decline"))
                })
                """
            }
            return
                "<li><a href=\"\(GroupPaths.group(host.group.slug))\">\(host.group.name)</a>: \(host.status.rawValue) \(answer)</li>"
        }
        let dates: HTML = .when(stop.hostsFrom != nil || stop.hostsUntil != nil) {
            " · hosts can do \(stop.hostsFrom ?? tour.startsOn) to \(stop.hostsUntil ?? tour.endsOn)"
        }
        let remove: HTML = .when(tour.canPlan && tour.status == .planning) {
            SpeakerPages.button(
                context,
                SpeakerPaths.removeStop(tour.id, stop.id),
                "Remove the stop in \(stop.city.name)"
            )
        }
        return """
            <li><h3>\(stop.city.name)\(stop.date.map { date -> HTML in ", \(date)" })</h3>
            <p class="meta">\(stop.talk?.title ?? "Talk not decided") · starts \(stop.startTime) local time\(dates)\
            \(HTML.when(!stop.address.isEmpty) { " · \(stop.address)" })\
            \(stop.eventID.map { id -> HTML in " · <a href=\"\(EventPaths.event(id))\">The event</a>" })</p>
            <ul>\(hosts)</ul>\(remove)</li>
            """
    }
}
