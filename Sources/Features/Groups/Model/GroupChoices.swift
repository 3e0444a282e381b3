import FreshgroundWeb
import SQLKit

/// Groups offered by name in other features' forms (co-hosts, co-publishers, filters), so nobody types a group's
/// address. Only groups the person may see are offered or accepted.
package enum GroupChoices {
    /// `groups` as a form's choices: a group is picked by its name, or by its address from an old link or a
    /// script; two groups of one name are told apart by their address.
    package static func named(_ groups: [GroupRef]) -> NamedChoices {
        NamedChoices(groups.map { NamedChoice(value: $0.slug, name: $0.name, detail: $0.slug) }, noun: "group")
    }

    /// How many public groups a bounded form suggests besides the person's own. A network of a hundred thousand
    /// groups made every co-host form a page of megabytes; the others are found by the name typed.
    package static let suggested = 200

    /// The groups `viewer` may see, as a form's choices, without reading them all: the groups they belong to, the
    /// first `limit` public groups by name, and every group they may see that `typed` names (a stored value, or
    /// what was sent) by its name, its shown name or its address, so it is shown by its name and taken, and two
    /// of one name are told apart. Names are found through the database's `lower()` (ASCII letters only on
    /// SQLite); a group among the suggestions matches as `NamedChoices` matches any choice.
    package static func named(
        visibleTo viewer: CurrentPerson?,
        naming typed: String,
        suggesting limit: Int = suggested,
        in sql: any SQLDatabase
    ) async throws -> NamedChoices {
        try await named(visibleTo: viewer, namingEach: [typed], suggesting: limit, in: sql)
    }

    /// `named(visibleTo:naming:)` for a field that names groups apart (one per line): each of `typed` is looked up
    /// as that one is.
    package static func named(
        visibleTo viewer: CurrentPerson?,
        namingEach typed: [String],
        suggesting limit: Int = suggested,
        in sql: any SQLDatabase
    ) async throws -> NamedChoices {
        var queries: [SQLQueryString] = [
            "SELECT * FROM (SELECT g.slug, g.name FROM groups g WHERE g.visibility = 'public' ORDER BY g.name LIMIT \(bind: limit)) suggested"
        ]
        if let viewer {
            queries.append(
                """
                SELECT g.slug, g.name FROM memberships m JOIN groups g ON g.id = m.group_id
                WHERE m.person_id = \(bind: viewer.id) AND m.status = 'active'
                """
            )
        }
        let lookups = typed.map(NamedChoices.lookups(in:))
        let entries = lookups.flatMap(\.entries)
        if !entries.isEmpty {
            let folded = SQLList(lookups.flatMap(\.names).map { SQLFunction("lower", args: SQLBind($0)) })
            queries.append(
                """
                SELECT g.slug, g.name FROM groups g WHERE \(GroupAccess.visible("g", to: viewer))
                AND (lower(g.name) IN (\(folded)) OR g.slug IN (\(binds: entries + lookups.flatMap(\.details))))
                """
            )
        }
        let rows = try await sql.raw("\(queries.joined(separator: " UNION "))").rows(GroupRef.self)
        return named(rows.sorted { ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug) })
    }

    /// The group a form's `field` names, by name or address, among those `viewer` may see (as an invitation
    /// form asks for one); refused with a message for that field when it names none.
    package static func chosen(
        _ typed: String,
        field: String = "group",
        by viewer: CurrentPerson,
        in sql: any SQLDatabase
    ) async throws -> String {
        guard let group = try await named(visibleTo: viewer, naming: typed, in: sql).value(of: typed, field: field)
        else {
            throw AppError.validation([field: "Choose a group by its name."])
        }
        return group
    }

    /// A form's "Led by the group" choice among `groups` (those the person organizes) when something is being
    /// started (`starting`), with the form's alert, `refusal`, when they organize none; nothing when changing.
    package static func leadField(
        _ fields: FieldSet,
        groups: [GroupRef],
        starting: Bool,
        refusal: String
    ) -> (choice: HTML, alert: HTML) {
        guard starting else { return (.empty, .empty) }
        let alert: HTML = .when(groups.isEmpty) { "<p class=\"form-error\" role=\"alert\">\(refusal)</p>" }
        return (fields.select("group", label: "Led by the group", options: groups.map { ($0.slug, $0.name) }), alert)
    }
}
