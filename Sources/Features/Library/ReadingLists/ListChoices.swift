import FreshgroundWeb
import Groups
import SQLKit

extension ReadingLists {
    private struct ChoiceRow: Decodable {
        let id: Int
        let title: String
        let keeper: String
    }

    /// The reading lists `viewer` may read, by title, for a form's picker (told apart by the keeping group, or
    /// "yours", when titles repeat; another person's list is not tied to them): their own, their groups', and the public lists of people and of public groups. The same
    /// rule as `list(_:viewer:)`, which the write still applies to what is chosen.
    package func choices(readableBy viewer: CurrentPerson) async throws -> NamedChoices {
        let rows = try await services.store.sql.raw(
            """
            SELECT l.id, l.title,
              CASE WHEN g.name IS NOT NULL THEN g.name WHEN l.person_id = \(bind: viewer.id) THEN 'yours' ELSE '' END
              AS keeper
            FROM reading_lists l LEFT JOIN groups g ON g.id = l.group_id
            WHERE (l.group_id IS NULL AND (l.person_id = \(bind: viewer.id) OR l.is_public))
            OR (l.group_id IS NOT NULL AND (\(GroupAccess.actsFor("l.group_id", viewer))
              OR (l.is_public AND g.visibility = 'public')))
            ORDER BY lower(l.title), l.id
            """
        ).rows(ChoiceRow.self)
        return NamedChoices(
            rows.map { NamedChoice(value: String($0.id), name: $0.title, detail: $0.keeper) },
            noun: "reading list"
        )
    }
}
