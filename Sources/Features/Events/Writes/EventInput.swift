import Foundation
import FreshgroundCore
import FreshgroundWeb

/// An event as typed into the form or sent to the API: local wall times in the event's zone, a city by name
/// or slug, co-hosts by slug. `validate` turns it into a draft or field messages.
package struct EventInput: Decodable, Sendable {
    package var kind: String?
    package var title: String?
    package var description: String?
    /// Local wall time, `2026-03-28T19:00`.
    package var start: String?
    package var end: String?
    /// IANA zone; defaults to the city's.
    package var timeZone: String?
    package var city: String?
    package var address: String?
    package var onlineURL: String?
    package var capacity: Int?
    package var isPublic: Bool?
    /// The hosting group's slug; the person must organize it.
    package var host: String?
    package var coHosts: [String]?
    /// `weekly` or `monthly`; empty for a single event.
    package var repeats: String?
    /// The last day of the series, `2026-12-31`.
    package var until: String?
    /// Days struck out of the series.
    package var except: [String]?
    /// Schedule even though it clashes with other events.
    package var ignoreClashes: Bool?

    package init() {}

    /// The longest an event may last; lets calendar queries read only a bounded range of start times.
    static let longest: TimeInterval = 14 * 86_400

    /// A series of occurrences to create.
    package struct Series: Sendable {
        package let frequency: Recurrence.Frequency
        package let until: CivilTime
        package let exceptions: Set<String>
    }

    /// The draft and the series, or every problem at once as field messages.
    package func validate(cities: Cities) async throws -> (EventDraft, Series?) {
        var errors: [String: String] = [:]
        for (field, value) in [("start", start), ("end", end), ("timeZone", timeZone), ("until", until)] {
            _ = FieldRules.line(value, field, nil, max: 64, &errors)
        }
        let kind = EventKind(rawValue: kind ?? "")
        if kind == nil { errors["kind"] = "Choose what kind of event this is." }
        let title = FieldRules.line(title, "title", "Give the event a title of 1 to 200 characters.", max: 200, &errors)
        let description = FieldRules.text(description, "description", max: 20_000, &errors)
        let address = FieldRules.line(address, "address", nil, max: 300, &errors)
        let online = FieldRules.url(onlineURL, "onlineURL", &errors)
        var city: City?
        let cityName = FieldRules.line(self.city, "city", nil, max: 100, &errors)
        if !cityName.isEmpty && errors["city"] == nil {
            city = try await cities.named(cityName)
            if city == nil { errors["city"] = "We don't know \(cityName) yet: add it on the cities page first." }
        } else if cityName.isEmpty && online.isEmpty {
            errors["city"] = "Give the city, or an online link for an event held online."
        }
        let zone =
            (timeZone ?? "").trimmingWhitespace().isEmpty ? (city?.timeZone ?? "UTC") : timeZone!.trimmingWhitespace()
        if errors["timeZone"] == nil && !ZonedTime.isKnownZone(zone) {
            errors["timeZone"] = "Choose a time zone such as Europe/London."
        }
        let starts = parseTime(start, "start", zone: zone, &errors)
        let ends = parseTime(end, "end", zone: zone, &errors)
        if let starts, let ends {
            if ends <= starts {
                errors["end"] = "The event must end after it starts."
            } else if ends.timeIntervalSince(starts) > Self.longest {
                errors["end"] = "An event lasts at most 14 days; make a series for longer."
            }
        }
        if let capacity, !(1...100_000).contains(capacity) {
            errors["capacity"] = "Give a capacity from 1 to 100,000, or leave it empty for no limit."
        }
        let series = validateSeries(start: starts, zone: zone, &errors)
        guard errors.isEmpty, let kind, let starts, let ends else { throw AppError.validation(errors) }
        let draft = EventDraft(
            kind: kind,
            title: title,
            description: description.replacingOccurrences(of: "\r\n", with: "\n"),
            startsAt: starts,
            endsAt: ends,
            timeZone: zone,
            cityID: city?.id,
            address: address,
            onlineURL: online.isEmpty ? nil : online,
            capacity: capacity,
            isPublic: isPublic ?? true
        )
        return (draft, series)
    }

    private func parseTime(_ text: String?, _ field: String, zone: String, _ errors: inout [String: String]) -> Date? {
        guard errors[field] == nil else { return nil }
        let text = (text ?? "").trimmingWhitespace()
        guard !text.isEmpty else {
            errors[field] = field == "start" ? "Say when the event starts." : "Say when the event ends."
            return nil
        }
        guard CivilTime(parsing: text) != nil, text.contains("T") else {
            errors[field] = "Give a date and time such as 2026-03-28T19:00."
            return nil
        }
        guard let date = ZonedTime.parse(text, zone: zone) else {
            if errors["timeZone"] == nil {
                errors[field] = "That time does not exist in \(zone): the clocks change then. Choose another."
            }
            return nil
        }
        return date
    }

    private func validateSeries(start: Date?, zone: String, _ errors: inout [String: String]) -> Series? {
        let repeats = (repeats ?? "").trimmingWhitespace()
        guard !repeats.isEmpty else { return nil }
        guard let frequency = Recurrence.Frequency(rawValue: repeats) else {
            errors["repeats"] = "Choose weekly or monthly, or no repetition."
            return nil
        }
        let text = (self.until ?? "").trimmingWhitespace()
        guard errors["until"] == nil else { return nil }
        guard let until = CivilTime(parsing: text), !text.contains("T")
        else {
            errors["until"] = "Give the last day of the series, such as 2026-12-31."
            return nil
        }
        if let start, until < ZonedTime.civil(start, zone: zone) {
            errors["until"] = "The series must end after its first event."
        } else if let start, until.epochSeconds - Int(start.timeIntervalSince1970) > 400 * 86_400 {
            errors["until"] = "A series can run for at most a year; make another one after."
        }
        var exceptions = Set<String>()
        for day in except ?? [] {
            let day = day.trimmingWhitespace()
            guard !day.isEmpty else { continue }
            guard let parsed = CivilTime(parsing: day), !day.contains("T") else {
                errors["except"] = "Give the days to skip as dates such as 2026-12-24, one per line."
                return nil
            }
            exceptions.insert(parsed.isoDate)
        }
        return Series(frequency: frequency, until: until, exceptions: exceptions)
    }
}
