import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// People offered by name in forms (a committee, moderators, a presenter, co-speakers, a speaker's account), so
/// nobody has to know a handle by heart. A person is offered only where the one filling in the form may already
/// see them: themselves, and the members of groups whose member list they may see (`GroupRules.canSeeMembers`:
/// groups they organize, and groups whose members see each other, where they are an active member). Never all
/// accounts, and only names and handles, never email addresses. A handle typed exactly still names its person.
package enum PersonChoices {
    /// A person as a form offers them.
    package struct Person: Sendable, Decodable, Equatable {
        package let handle: String
        package let displayName: String

        package init(handle: String, displayName: String) {
            self.handle = handle
            self.displayName = displayName
        }
    }

    /// `people` as a form's choices: shown as "Display Name (@handle)", or "@handle" for someone without a
    /// display name; taken by that, or by the handle with or without "@".
    package static func named(_ people: [Person]) -> NamedChoices {
        let choices = people.map { person in
            NamedChoice(
                value: person.handle,
                name: person.displayName.isEmpty ? "@\(person.handle)" : "\(person.displayName) (@\(person.handle))",
                aliases: [person.handle, "@\(person.handle)"]
            )
        }
        return NamedChoices(choices, noun: "person", plural: "people")
    }

    /// The people `viewer` may see as members, as a form's choices: the active members of the groups (among
    /// `groups`, a query of group ids, when given) whose member list the viewer may see, and the viewer unless
    /// `includingViewer` is false (nobody is their own co-speaker).
    package static func seen(
        by viewer: CurrentPerson?,
        in groups: SQLQueryString? = nil,
        includingViewer: Bool = true,
        sql: any SQLDatabase
    ) async throws -> NamedChoices {
        guard let viewer else { return named([]) }
        let within: SQLQueryString = groups.map { " AND g.id IN (\($0))" } ?? ""
        let viewerID = includingViewer ? viewer.id : 0
        let people = try await sql.raw(
            """
            SELECT p.handle, p.display_name FROM people p WHERE (p.id = \(bind: viewerID) OR p.id IN (
            SELECT m.person_id FROM memberships m JOIN groups g ON g.id = m.group_id
            WHERE m.status = 'active'\(within) AND EXISTS (SELECT 1 FROM memberships v WHERE v.group_id = g.id
            AND v.person_id = \(bind: viewer.id) AND v.status = 'active'
            AND (v.role = 'organizer' OR g.members_visible = \(bind: true)))))
            AND p.id <> \(bind: includingViewer ? 0 : viewer.id)
            ORDER BY lower(CASE WHEN p.display_name = '' THEN p.handle ELSE p.display_name END), p.handle
            """
        ).rows(Person.self)
        return named(people)
    }

    /// The handles a field names (one, or with `several` a list separated by commas), for a write that itself
    /// refuses a handle nobody has: an entry is a choice's shown name or handle, or any account's exact handle
    /// (with or without "@", as typing one always worked). An entry that names nobody is kept as typed, with the
    /// field's message naming it, for `AppError.refining`.
    package static func handles(
        _ typed: String,
        field: String,
        offered: NamedChoices,
        several: Bool = false,
        sql: any SQLDatabase
    ) async throws -> (values: [String], messages: [String: String]) {
        let read = { (choices: NamedChoices) -> (values: [String], messages: [String: String]) in
            guard !several else { return choices.valuesOrTyped(typed, field: field) }
            let one = choices.valueOrTyped(typed, field: field)
            return (one.value.isEmpty ? [] : [one.value], one.messages)
        }
        let first = read(offered)
        guard !first.messages.isEmpty else { return first }
        let known = Set(offered.choices.map(\.value))
        let typedHandles = first.values.filter { !known.contains($0) }.map { entry in
            (entry.hasPrefix("@") ? String(entry.dropFirst()) : entry).lowercased()
        }
        guard !typedHandles.isEmpty else { return first }
        let found = try await sql.raw("SELECT handle FROM people WHERE handle IN (\(binds: typedHandles))")
            .column("handle", as: String.self)
        guard !found.isEmpty else { return first }
        let extra = found.map { NamedChoice(value: $0, name: "@\($0)", aliases: [$0, "@\($0)"]) }
        let widened = NamedChoices(offered.choices + extra, noun: offered.noun, plural: offered.plural)
        return read(widened)
    }
}
