import Foundation
import FreshgroundWeb
import Groups
import Library
import SQLKit

/// What the organizers' forms on a series' page offer by name: the groups they can see, to invite as
/// co-organizers, and the reading lists they can read, to turn into weeks.
struct SeriesChoices: Sendable {
    let groups: NamedChoices
    let lists: NamedChoices

    /// The choices for `viewer` when they organize `series`; nil for everyone else, who sees no such forms.
    static func load(
        _ services: AppServices,
        _ series: StudySeries,
        viewer: CurrentPerson?
    ) async throws
        -> SeriesChoices?
    {
        guard series.viewer.isOrganizer, let viewer else { return nil }
        return SeriesChoices(
            groups: try await GroupChoices.named(visibleTo: viewer, naming: "", in: services.store.sql),
            lists: try await ReadingLists(services: services).choices(readableBy: viewer)
        )
    }

    private struct SeriesRow: Decodable {
        let id: Int
        let title: String
        let createdAt: Date
    }

    /// Every series (anyone may read one), by title, to copy a syllabus from (told apart by the day it was
    /// started when titles repeat); picked by title or by its old number.
    static func series(_ services: AppServices) async throws -> NamedChoices {
        let rows = try await services.store.sql.raw(
            "SELECT id, title, created_at FROM study_series ORDER BY lower(title), id"
        ).rows(SeriesRow.self)
        let choices = rows.map { row in
            NamedChoice(
                value: String(row.id),
                name: row.title,
                detail: "started \(ZonedTime.day(row.createdAt, zone: "UTC"))"
            )
        }
        return NamedChoices(choices, noun: "series")
    }
}
