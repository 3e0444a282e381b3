import FreshgroundWeb
import SQLKit

extension SpeakerQueries {
    private struct ChoiceRow: Decodable {
        let id: Int
        let name: String
        let city: String
    }

    /// Every speaker on the roster (which everyone may read), by name, for a form's picker: picked by name (told
    /// apart by home city when names repeat) or by number from an old link or a script.
    package func choices() async throws -> NamedChoices {
        let rows = try await services.store.sql.raw(
            """
            SELECT s.id, s.name, c.name AS city FROM speakers s JOIN cities c ON c.id = s.home_city_id
            ORDER BY s.name_key, s.id
            """
        ).rows(ChoiceRow.self)
        return NamedChoices(
            rows.map { NamedChoice(value: String($0.id), name: $0.name, detail: $0.city) },
            noun: "speaker"
        )
    }
}
