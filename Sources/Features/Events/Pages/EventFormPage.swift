import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The form to schedule an event, with the clash warning shown before anything is saved.
enum EventFormPage {
    static func page(
        _ context: AppContext,
        fields: FieldSet,
        hosts: [(value: String, label: String)],
        coHosts: NamedChoices,
        cities: [City],
        clashes: [ClashView] = [],
        editing id: Int? = nil
    ) -> HTML {
        let heading = id == nil ? "Schedule an event" : "Change the event"
        let cityOptions = cities.map { city -> HTML in "<option value=\"\(city.name)\"></option>" }
        let zones = Set(cities.map(\.timeZone)).sorted().map { zone -> HTML in "<option value=\"\(zone)\"></option>" }
        let noHosts: HTML = .when(hosts.isEmpty && id == nil) {
            """
            <p class="form-error" role="alert">You organize no group yet. Events are hosted by groups: \
            <a href="\(GroupPaths.new())">start one</a> or ask an organizer of yours.</p>
            """
        }
        return Layout.page(
            title: heading,
            context: context,
            main: """
                <h1>\(heading)</h1>
                \(noHosts)
                \(warning(context, clashes))
                \(fields.summary)
                \(FormParts.postForm(context, to: id.map { EventPaths.event($0) } ?? EventPaths.events(), novalidate: true))
                \(HTML.when(id == nil) { hostFields(fields, hosts, coHosts) })
                \(fields.select("kind", label: "Kind", options: EventParts.kindOptions))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("description", label: "Description", rows: 8, hint: "Markdown: **bold**, *italic*, [links](https://…) and lists."))
                \(fields.text("start", label: "Starts", type: "datetime-local", required: true, hint: "Local time in the event's city."))
                \(fields.text("end", label: "Ends", type: "datetime-local", required: true))
                \(fields.text("city", label: "City", hint: "Pick from the list; add a missing one on the cities page.", extra: " list=\"city-list\""))
                <datalist id="city-list">\(cityOptions)</datalist>
                \(fields.text("timeZone", label: "Time zone", hint: "Leave empty to use the city's. For online events, such as Europe/London.", extra: " list=\"zone-list\""))
                <datalist id="zone-list">\(zones)</datalist>
                \(fields.text("address", label: "Address"))
                \(fields.text("onlineURL", label: "Online link", type: "url", hint: "Shown only to people who RSVP."))
                \(fields.text("capacity", label: "Capacity", type: "number", hint: "Leave empty for no limit. When full, people join a wait list."))
                \(fields.checkbox("isPublic", label: "Public: anyone can see it and RSVP (otherwise only the hosts' members)", checked: true))
                \(HTML.when(id == nil) { repeatFields(fields) })
                \(HTML.when(!clashes.isEmpty) {
                    "<input type=\"hidden\" name=\"ignoreClashes\" value=\"\(clashKey(fields.values))\">"
                })
                <input type="hidden" name="_submitted" value="1">
                <button type="submit">\(clashes.isEmpty ? (id == nil ? "Schedule the event" : "Save the changes") : id == nil ? "Schedule it anyway" : "Save it anyway")</button>
                </form>
                """
        )
    }

    /// `coHosts` are the groups the person may see, offered by name.
    private static func hostFields(
        _ fields: FieldSet,
        _ hosts: [(value: String, label: String)],
        _ coHosts: NamedChoices
    ) -> HTML {
        """
        \(fields.select("host", label: "Hosted by", options: hosts))
        \(fields.named("coHosts", label: "Co-hosts", choices: coHosts, hint: "Other groups' names, separated by commas; the list suggests them as you type. Each group's organizers accept before it is listed."))
        """
    }

    private static func repeatFields(_ fields: FieldSet) -> HTML {
        """
        <fieldset><legend>Repeat</legend>
        \(fields.select("repeats", label: "Repeats", options: EventParts.repeatOptions))
        \(fields.text("until", label: "Last day of the series", type: "date"))
        \(fields.textarea("except", label: "Days to skip", rows: 3, hint: "One date per line, such as 2026-12-24."))
        </fieldset>
        """
    }

    /// The warning: which public events in the same city this overlaps, whose hosts share people with ours.
    /// What the clash warning was about: the fields that decide clashes, as the organizer saw them. "Schedule
    /// it anyway" goes ahead only while they stay the same; a changed time or place is checked again.
    static func clashKey(_ values: FormData) -> String {
        let fields = ["start", "end", "timeZone", "city", "isPublic", "host", "coHosts", "repeats", "until", "except"]
        return String(Token.digest(fields.map { values.raw($0) }.joined(separator: "\u{1F}")).prefix(32))
    }

    static func warning(_ context: AppContext, _ clashes: [ClashView]) -> HTML {
        guard !clashes.isEmpty else { return .empty }
        let items = clashes.map { clash -> HTML in
            """
            <li><a href="\(EventPaths.event(clash.event.id))">\(clash.event.title)</a> (\(EventParts.when(clash.event))), \
            hosted by \(clash.hosts.joined(separator: ", ")): overlaps by \(duration(clash.overlapMinutes)), \
            and \(clash.sharedAudience) of the same people or groups would be torn between the two. \
            <a href="\(EventPaths.event(clash.event.id))#hosts">Contact its hosts</a></li>
            """
        }
        return """
            <section class="clash-warning" role="alert" aria-labelledby="clash-heading">
            <h2 id="clash-heading">This clashes with \(clashes.count == 1 ? "another event" : "\(clashes.count) other events")</h2>
            <ul>\(items)</ul>
            <p>Change the date or time below, talk to the other hosts, or schedule it anyway.</p>
            </section>
            """
    }

    static func duration(_ minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = minutes / 60
        let rest = minutes % 60
        return rest == 0 ? "\(hours) hour\(hours == 1 ? "" : "s")" : "\(hours) h \(rest) min"
    }
}
