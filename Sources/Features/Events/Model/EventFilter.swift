import Foundation
import FreshgroundCore
import FreshgroundWeb

/// What `/events` narrows the upcoming public events to: a city, a kind, and days from and until (in UTC, as the
/// list shows them). Read from the page's address; a value that does not fit is a field message, not a silent
/// "everything".
struct EventFilter: Sendable, Equatable {
    var cityID: Int?
    var kind: EventKind?
    var from: Date?
    var until: Date?

    /// The filter the query string asks for; refused values are `AppError.validation` with a message each.
    static func read(_ form: FormData, cities: [City]) throws(AppError) -> EventFilter {
        var filter = EventFilter()
        var errors: [String: String] = [:]
        if !form["city"].isEmpty {
            filter.cityID = cities.first { $0.slug == form["city"] }?.id
            if filter.cityID == nil { errors["city"] = "Choose a city from the list." }
        }
        if !form["kind"].isEmpty {
            filter.kind = EventKind(rawValue: form["kind"])
            if filter.kind == nil { errors["kind"] = "Choose a kind from the list." }
        }
        let from = form["from"].isEmpty ? nil : LocalDay(form["from"])
        let until = form["until"].isEmpty ? nil : LocalDay(form["until"])
        if !form["from"].isEmpty && from == nil { errors["from"] = "Give the day as YYYY-MM-DD." }
        if !form["until"].isEmpty && until == nil { errors["until"] = "Give the day as YYYY-MM-DD." }
        if let from, let until, until < from { errors["until"] = "The last day comes after the first." }
        guard errors.isEmpty else { throw .validation(errors) }
        filter.from = from.map { Date(timeIntervalSince1970: Double($0.number) * 86_400) }
        filter.until = until.map { Date(timeIntervalSince1970: Double($0.number + 1) * 86_400) }
        return filter
    }
}
