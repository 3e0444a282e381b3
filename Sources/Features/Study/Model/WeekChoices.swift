import FreshgroundWeb
import Groups
import Library
import SQLKit

/// What the organizers' forms on a week's page offer by name: the library pieces a syllabus may name (published
/// pieces of public journals, since a syllabus may be public), the speakers on the roster and, as presenters, the
/// people the organizer may see among the members of the series' organizing groups (`PersonChoices`).
struct WeekChoices: Sendable {
    let pieces: NamedChoices
    let speakers: NamedChoices
    var people = PersonChoices.named([])

    private struct SpeakerRow: Decodable {
        let id: Int
        let name: String
        let city: String
    }

    /// The people offered as presenters of `series` to `viewer`.
    static func presenters(
        of series: Int,
        for viewer: CurrentPerson?,
        _ sql: any SQLDatabase
    ) async throws
        -> NamedChoices
    {
        try await PersonChoices.seen(
            by: viewer,
            in: """
                SELECT group_id FROM study_organizers WHERE series_id = \(bind: series) \
                AND status IN ('lead', 'accepted')
                """,
            sql: sql
        )
    }

    /// The pieces a syllabus may name (of public journals, since a syllabus may be public), with those `typed`
    /// names.
    static func pieces(_ sql: any SQLDatabase, naming typed: String = "") async throws -> NamedChoices {
        try await PieceChoices.published(readableBy: nil, publicOnly: true, naming: typed, in: sql)
    }

    /// The choices; with `series` and `viewer`, the presenters too.
    static func load(
        _ services: AppServices,
        series: Int? = nil,
        viewer: CurrentPerson? = nil
    ) async throws
        -> WeekChoices
    {
        let sql = services.store.sql
        let speakers = try await sql.raw(
            """
            SELECT s.id, s.name, c.name AS city FROM speakers s JOIN cities c ON c.id = s.home_city_id
            ORDER BY s.name_key, s.id
            """
        ).rows(SpeakerRow.self)
        var choices = WeekChoices(
            pieces: try await pieces(sql),
            speakers: NamedChoices(
                speakers.map { NamedChoice(value: String($0.id), name: $0.name, detail: $0.city) },
                noun: "speaker"
            )
        )
        if let series, let viewer { choices.people = try await presenters(of: series, for: viewer, sql) }
        return choices
    }
}
