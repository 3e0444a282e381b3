import FreshgroundWeb
import SQLKit

/// Groups offered by name in other features' forms (co-hosts, co-publishers, filters), so nobody types a group's
/// address. Only groups the person may see are offered or accepted.
package enum GroupChoices {
    /// Every group `viewer` may see, by name: the public ones, and the private ones they are an active member of
    /// (only public ones for a visitor who is not signed in).
    package static func visible(to viewer: CurrentPerson?, in sql: any SQLDatabase) async throws -> [GroupRef] {
        try await sql.raw(
            "SELECT g.slug, g.name FROM groups g WHERE \(GroupAccess.visible("g", to: viewer)) ORDER BY lower(g.name), g.slug"
        ).rows(GroupRef.self)
    }

    /// `groups` as a form's choices: a group is picked by its name, or by its address from an old link or a
    /// script; two groups of one name are told apart by their address.
    package static func named(_ groups: [GroupRef]) -> NamedChoices {
        NamedChoices(groups.map { NamedChoice(value: $0.slug, name: $0.name, detail: $0.slug) }, noun: "group")
    }

    /// The groups `viewer` may see, as a form's choices.
    package static func named(visibleTo viewer: CurrentPerson?, in sql: any SQLDatabase) async throws -> NamedChoices {
        named(try await visible(to: viewer, in: sql))
    }
}
