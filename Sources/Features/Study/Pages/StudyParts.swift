import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Pieces the study pages share.
enum StudyParts {
    /// "Leeds Tenants and Leeds Students", each linked.
    static func groups(_ groups: [GroupRef]) -> HTML {
        let links = groups.map { group -> HTML in "<a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>" }
        switch links.count {
        case 0: return "no group yet"
        case 1: return links[0]
        default: return HTML(raw: links.dropLast().map(\.raw).joined(separator: ", ") + " and " + links.last!.raw)
        }
    }

    /// When and where a session meets, in its own zone.
    static func when(_ session: SessionTime) -> HTML {
        let start = ZonedTime.display(session.startsAt, zone: session.timeZone)
        let end = ZonedTime.time(session.endsAt, zone: session.timeZone)
        let cancelled: HTML = .when(session.cancelled) { "<strong>Cancelled:</strong> " }
        return """
            \(cancelled)<time datetime="\(ZonedTime.iso(session.startsAt))">\(start)</time> to \(end)\
            \(HTML.when(!session.place.isEmpty) { " · \(session.place)" })\
            \(session.onlineURL.map { " · <a href=\"\($0)\" rel=\"nofollow noopener noreferrer\">join online</a>" } ?? .empty) · \
            <a href="\(EventPaths.event(session.eventID))">event page</a>
            """
    }

    /// The agenda with clock times from the session's start.
    static func agenda(_ items: [AgendaItem], session: SessionTime?) -> HTML {
        guard !items.isEmpty else { return .empty }
        var at = session?.startsAt
        let rows = items.map { item -> HTML in
            let clock: HTML = at.map { "<td>\(ZonedTime.time($0, zone: session!.timeZone))</td>" } ?? .empty
            at = at?.addingTimeInterval(Double(item.minutes * 60))
            return "<tr>\(clock)<td>\(item.title)</td><td>\(item.minutes) min</td></tr>"
        }
        let head: HTML =
            session == nil ? "<th scope=\"col\">Item</th>" : "<th scope=\"col\">At</th><th scope=\"col\">Item</th>"
        return """
            <table class="agenda"><caption>Agenda</caption><thead><tr>\(head)<th scope="col">Length</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The fields of a session's time and place, for one week's session or every remaining week's.
    static func sessionFields(_ fields: FieldSet, startLabel: String) -> HTML {
        """
        \(fields.text("start", label: startLabel, type: "datetime-local", required: true, hint: "YYYY-MM-DDTHH:MM"))
        \(fields.text("minutes", label: "Length in minutes", type: "number", hint: "Empty: the agenda's length"))
        \(fields.text("city", label: "City", hint: "Leave empty for sessions only online"))
        \(fields.text("address", label: "Address"))
        \(fields.text("onlineURL", label: "Online link", type: "url", hint: "Shown to participants and organizers"))
        \(fields.text("timeZone", label: "Time zone", hint: "Empty: the city's"))
        """
    }

    /// A download size such as 2.1 GB.
    static func size(_ bytes: Int64?) -> String {
        guard let bytes, bytes > 0 else { return "" }
        return ByteCountFormatter.string(fromByteCount: bytes, countStyle: .file)
    }

    /// The field messages of a failed form, when it is the one that failed.
    static func fields(_ name: String, failed: String?, _ fields: FieldSet) -> FieldSet {
        failed == name ? fields : FieldSet()
    }

    /// The messages of a failed form that belong to no field of it (a swap of two people, a note-taker).
    static func alerts(_ fields: FieldSet, except: Set<String>) -> HTML {
        let messages = fields.errors.filter { !except.contains($0.key) }.sorted { $0.key < $1.key }
        guard !messages.isEmpty else { return .empty }
        return
            "<div class=\"form-error\" role=\"alert\">\(messages.map { message -> HTML in "<p>\(message.value)</p>" })</div>"
    }

    /// A form's field names are `prefix` + the write's names with a capital (readingTitle for title), so forms on
    /// one page keep their own ids; this maps the write's messages back.
    static func prefixed(_ errors: [String: String], _ prefix: String) -> [String: String] {
        // The API's sizeBytes is typed in megabytes on the page.
        let renamed = ["sizeBytes": "sizeMB"]
        return Dictionary(
            uniqueKeysWithValues: errors.map {
                let key = renamed[$0.key] ?? $0.key
                return (prefix + key.prefix(1).uppercased() + key.dropFirst(), $0.value)
            }
        )
    }
}
