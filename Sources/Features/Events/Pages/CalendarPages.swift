import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// City calendars, the cities list, a group's events and a person's own.
enum CalendarPages {
    static func cities(_ context: AppContext, cities: [City], fields: FieldSet) -> HTML {
        let items = cities.map { city -> HTML in
            "<li><a href=\"\(EventPaths.city(city.slug))\">\(city.name)</a> <span class=\"hint\">\(city.country)</span></li>"
        }
        return Layout.page(
            title: "City calendars",
            context: context,
            main: """
                <h1>City calendars</h1>
                <p>Every public event in a city, whoever hosts it, so groups can see each other's plans and avoid \
                clashing.</p>
                <ul class="city-list">\(items)</ul>
                <h2>Add a city</h2>
                <p>Anyone signed in can add a missing city, for instance before founding the first group there. Coordinates \
                help plan speaking tours.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: EventPaths.cities(), novalidate: true))
                \(fields.text("name", label: "Name", required: true))
                \(fields.text("country", label: "Country code", required: true, hint: "Two letters, such as GB or DE."))
                \(fields.text("latitude", label: "Latitude", required: true, hint: "Degrees north, such as 53.80."))
                \(fields.text("longitude", label: "Longitude", required: true, hint: "Degrees east, such as -1.55."))
                \(fields.text("timeZone", label: "Time zone", required: true, hint: "Such as Europe/London."))
                <button type="submit">Add the city</button></form>
                """
        )
    }

    /// A month of a city's public events, day by day, in the city's time.
    static func month(
        _ context: AppContext,
        city: City,
        month: CivilTime,
        events: [EventSummary],
        hosts: [Int: [String]]
    ) -> HTML {
        var days: [String: [EventSummary]] = [:]
        for event in events {
            let day = ZonedTime.civil(event.startsAt, zone: city.timeZone)
            let key = day.year == month.year && day.month == month.month ? day.isoDate : "\(month.isoDate)"
            days[key, default: []].append(event)
        }
        let sections = days.keys.sorted().map { key -> HTML in
            let day = CivilTime(parsing: key) ?? month
            let label = "\(CivilTime.weekdayNames[day.weekday]) \(day.day) \(CivilTime.monthNames[day.month - 1])"
            return """
                <section class="calendar-day" aria-labelledby="day-\(key)"><h2 id="day-\(key)">\(label)</h2>
                \(EventParts.cards(days[key] ?? [], hosts: hosts, empty: ""))</section>
                """
        }
        let previous = shift(month, by: -1)
        let next = shift(month, by: 1)
        let title = "\(CivilTime.monthNames[month.month - 1]) \(month.year) in \(city.name)"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Public events of every group, in local time (\(city.timeZone)). \
                <a href="\(EventPaths.cityFeed(city.slug))">Subscribe (iCalendar)</a></p>
                <nav class="pagination" aria-label="Months"><a href="\(EventPaths.city(city.slug))?month=\(monthKey(previous))" rel="prev">\
                Previous month</a> <a href="\(EventPaths.city(city.slug))?month=\(monthKey(next))" rel="next">Next month</a></nav>
                \(sections.isEmpty ? "<p class=\"empty\">No public event this month yet.</p>" : sections.joined())
                """
        )
    }

    static func groupEvents(
        _ context: AppContext,
        group: (slug: String, name: String),
        page: Page<GroupEvent>,
        hosts: [Int: [String]]
    ) -> HTML {
        let items = page.items.map { item -> HTML in
            EventParts.card(
                item.event,
                hosts: hosts[item.event.id] ?? [],
                note: item.promoted ? "Promoted by \(group.name)" : nil
            )
        }
        return Layout.page(
            title: "Events of \(group.name)",
            context: context,
            main: """
                <h1>Events of <a href="\(GroupPaths.group(group.slug))">\(group.name)</a></h1>
                <p>What the group hosts and promotes. <a href="\(EventPaths.groupFeed(group.slug))">Subscribe (iCalendar)</a></p>
                <h2>Coming up</h2>
                \(items.isEmpty ? "<p class=\"empty\">Nothing coming up.</p>" : "<ul class=\"event-list\">\(items)</ul>" as HTML)
                \(paginationNav(page, base: EventPaths.groupEvents(group.slug)))
                """
        )
    }

    static func mine(
        _ context: AppContext,
        events: [(EventSummary, String)],
        invitations: [(EventSummary, EventGroup)],
        calendarURL: String?
    ) -> HTML {
        let items = events.map { event, note -> HTML in EventParts.card(event, note: note) }
        let invites = invitations.map { event, group -> HTML in
            """
            <li><a href="\(EventPaths.event(event.id))">\(event.title)</a> (\(EventParts.when(event))): invites \(group.name) to co-host. \
            \(FormParts.button(context, EventPaths.acceptHosting(event.id, group.slug), "Accept for \(group.name)")) \
            \(FormParts.button(context, EventPaths.declineHosting(event.id, group.slug), "Decline for \(group.name)"))</li>
            """
        }
        let calendar: HTML =
            calendarURL.map { url -> HTML in
                """
                <p>Your private calendar address (your RSVPs and what your groups promote). Anyone with it can read \
                it: keep it to yourself.</p><p><input aria-label="Your calendar address" readonly value="\(url)" size="60"></p>
                \(FormParts.button(context, EventPaths.calendarKey(), "Make a new address (the old one stops working)"))
                """
            } ?? FormParts.button(context, EventPaths.calendarKey(), "Make my calendar address")
        return Layout.page(
            title: "My events",
            context: context,
            main: """
                <h1>My events</h1>
                \(HTML.when(!invites.isEmpty) { "<h2>Invitations to co-host</h2><ul>\(invites)</ul>" })
                <h2>Coming up</h2>
                \(items.isEmpty ? "<p class=\"empty\">You have not RSVPed to anything coming up.</p>" : "<ul class=\"event-list\">\(items)</ul>" as HTML)
                <h2>Calendar subscription</h2>
                \(calendar)
                """
        )
    }

    static func shift(_ month: CivilTime, by delta: Int) -> CivilTime {
        let index = month.year * 12 + month.month - 1 + delta
        return CivilTime(year: index / 12, month: index % 12 + 1, day: 1)
    }

    static func monthKey(_ month: CivilTime) -> String { "\(month.year)-\(CivilTime.pad(month.month))" }
}
