import FreshgroundWeb
import Library
import SQLKit

/// What the organizers' forms on a week's page offer by name: the library pieces a syllabus may name (published
/// pieces of public journals, since a syllabus may be public) and the speakers on the roster.
struct WeekChoices: Sendable {
    let pieces: NamedChoices
    let speakers: NamedChoices

    private struct SpeakerRow: Decodable {
        let id: Int
        let name: String
        let city: String
    }

    static func load(_ services: AppServices) async throws -> WeekChoices {
        let sql = services.store.sql
        let speakers = try await sql.raw(
            """
            SELECT s.id, s.name, c.name AS city FROM speakers s JOIN cities c ON c.id = s.home_city_id
            ORDER BY s.name_key, s.id
            """
        ).rows(SpeakerRow.self)
        return WeekChoices(
            pieces: try await PieceChoices.published(readableBy: nil, publicOnly: true, in: sql),
            speakers: NamedChoices(
                speakers.map { NamedChoice(value: String($0.id), name: $0.name, detail: $0.city) },
                noun: "speaker"
            )
        )
    }
}
