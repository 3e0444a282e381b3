import Foundation
import FreshgroundCore
import FreshgroundWeb

/// What the form or the API gives to post or change a piece of work. Which fields matter depends on `kind`.
package struct WorkInput: Sendable, Decodable {
    package var kind: String
    package var title: String
    package var details: String
    package var skills: String
    /// A task's estimate in minutes.
    package var minutes: String
    /// A task's due day, YYYY-MM-DD, or empty.
    package var due: String
    /// A shift's start and end as local times (YYYY-MM-DDTHH:MM) in `zone`.
    package var starts: String
    package var ends: String
    package var zone: String
    package var places: String
    /// What a person does on the shift ("door", "stall"), free text.
    package var shiftRole: String
    /// The handle of the shift's lead, or empty.
    package var lead: String
    /// A role's hours a week and term in months.
    package var weeklyHours: String
    package var termMonths: String
    /// The id of an event of the group the work serves, or empty.
    package var event: String

    enum CodingKeys: String, CodingKey {
        case kind, title, details, skills, minutes, due, starts, ends, zone, places, shiftRole, lead, weeklyHours
        case termMonths, event
    }

    package init(form: FormData) {
        kind = form["kind"]
        title = form["title"]
        details = form["details"]
        skills = form["skills"]
        minutes = form["minutes"]
        due = form["due"]
        starts = form["starts"]
        ends = form["ends"]
        zone = form["zone"]
        places = form["places"]
        shiftRole = form["shiftRole"]
        lead = form["lead"]
        weeklyHours = form["weeklyHours"]
        termMonths = form["termMonths"]
        event = form["event"]
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String {
            if let number = try? c.decodeIfPresent(Double.self, forKey: key) {
                // A whole number as digits (within what an Int holds exactly); anything else as written, which the
                // checks then refuse by its field.
                guard number == number.rounded(), abs(number) < 1e15 else { return String(number) }
                return String(Int(number))
            }
            return try c.decodeIfPresent(String.self, forKey: key) ?? ""
        }
        kind = try text(.kind)
        title = try text(.title)
        details = try text(.details)
        skills = try text(.skills)
        minutes = try text(.minutes)
        due = try text(.due)
        starts = try text(.starts)
        ends = try text(.ends)
        zone = try text(.zone)
        places = try text(.places)
        shiftRole = try text(.shiftRole)
        lead = try text(.lead)
        weeklyHours = try text(.weeklyHours)
        termMonths = try text(.termMonths)
        event = try text(.event)
    }

    /// The input as a form would show it again, for a form that failed or an edit.
    package var form: FormData {
        var form = FormData()
        for (key, value) in [
            ("kind", kind), ("title", title), ("details", details), ("skills", skills), ("minutes", minutes),
            ("due", due), ("starts", starts), ("ends", ends), ("zone", zone), ("places", places),
            ("shiftRole", shiftRole), ("lead", lead), ("weeklyHours", weeklyHours), ("termMonths", termMonths),
            ("event", event),
        ] { form.set(key, value) }
        return form
    }
}

/// A checked `WorkInput`: the columns to store.
struct CheckedWork {
    var kind: WorkKind
    var title: String
    var details: String
    var skills: String
    var minutes: Int?
    var dueOn: String?
    var startsAt: Date?
    var endsAt: Date?
    var zone: String
    var places: Int?
    var shiftRole: String
    var weeklyHours: Double?
    var termMonths: Int?

    /// Checks every field the kind uses, with a message per field; fields of other kinds are ignored.
    static func check(_ input: WorkInput, _ errors: inout [String: String]) -> CheckedWork? {
        let kind = WorkKind(rawValue: input.kind.trimmingWhitespace())
        if kind == nil { errors["kind"] = "Choose a task, a shift or a role." }
        let title = FieldRules.line(input.title, "title", "Give the work a title.", max: 160, &errors)
        let details = FieldRules.text(input.details, "details", max: 4_000, &errors)
        let skills = VolunteerSkills.stored(input.skills)
        var checked = CheckedWork(
            kind: kind ?? .task,
            title: title,
            details: details,
            skills: skills,
            zone: "UTC",
            shiftRole: ""
        )
        switch kind {
        case .task?:
            checked.minutes = whole(
                input.minutes,
                "minutes",
                5...6_000,
                "Give an estimate from 5 to 6,000 minutes.",
                &errors
            )
            if !input.due.trimmingWhitespace().isEmpty {
                if let day = IsoDay.parse(input.due.trimmingWhitespace()) {
                    checked.dueOn = IsoDay.format(day)
                } else {
                    errors["due"] = "Give the due date as YYYY-MM-DD, for example 2027-05-01."
                }
            }
        case .shift?:
            let zone = input.zone.trimmingWhitespace().isEmpty ? "UTC" : input.zone.trimmingWhitespace()
            if ZonedTime.isKnownZone(zone) {
                checked.zone = zone
            } else {
                errors["zone"] = "Choose a known time zone, such as Europe/Berlin."
            }
            checked.startsAt = ZonedTime.parse(input.starts, zone: checked.zone)
            checked.endsAt = ZonedTime.parse(input.ends, zone: checked.zone)
            if checked.startsAt == nil {
                errors["starts"] = "Give the start as a date and time, for example 2027-05-01T10:00."
            }
            if checked.endsAt == nil {
                errors["ends"] = "Give the end as a date and time, for example 2027-05-01T13:00."
            }
            if let start = checked.startsAt, let end = checked.endsAt {
                if end <= start {
                    errors["ends"] = "The shift ends after it starts."
                } else if end.timeIntervalSince(start) > 24 * 3600 {
                    errors["ends"] = "Keep a shift under 24 hours; post several shifts for longer work."
                }
            }
            checked.places = whole(input.places, "places", 1...500, "Give how many people, from 1 to 500.", &errors)
            checked.shiftRole = FieldRules.line(input.shiftRole, "shiftRole", nil, max: 80, &errors)
        case .role?:
            let hours = Double(input.weeklyHours.trimmingWhitespace().replacingOccurrences(of: ",", with: "."))
            if let hours, hours > 0, hours <= 40 {
                checked.weeklyHours = hours
            } else {
                errors["weeklyHours"] = "Give the hours a week, more than 0 and at most 40."
            }
            checked.termMonths = whole(
                input.termMonths,
                "termMonths",
                1...60,
                "Give a term from 1 to 60 months.",
                &errors
            )
        case nil: break
        }
        return errors.isEmpty ? checked : nil
    }

    /// A whole number in `range` typed in `text`, or nil with `message` by `field` (also for the group's settings).
    static func whole(
        _ text: String,
        _ field: String,
        _ range: ClosedRange<Int>,
        _ message: String,
        _ errors: inout [String: String]
    ) -> Int? {
        guard let value = Int(text.trimmingWhitespace()), range.contains(value) else {
            errors[field] = message
            return nil
        }
        return value
    }
}
