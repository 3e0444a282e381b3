import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A group as other features name it. Wherever a group is named to a viewer, it must first pass
/// `GroupAccess.visible(_:to:)` (in SQL) or `GroupRules.canSee` (in Swift).
package struct GroupRef: Sendable, Codable, Equatable, Hashable {
    package let slug: String
    package let name: String

    package init(slug: String, name: String) {
        self.slug = slug
        self.name = name
    }

    /// Decodes the columns `slug` and `name`, or `PREFIXslug` and `PREFIXname`.
    package init(row: any SQLRow, prefix: String = "") throws {
        self = try row.decode(GroupRef.self, prefix: prefix)
    }
}

extension GroupRef {
    /// The group's name linked to its page; only the name when the group is not shown (an empty slug, from
    /// `GroupAccess.shownColumns`).
    package var link: HTML { slug.isEmpty ? "\(name)" : "<a href=\"\(GroupPaths.group(slug))\">\(name)</a>" }
}

extension Role {
    /// Who may run a group's own business: host events, plan tours, organize study series, manage members.
    package static let organizing: Set<Role> = [.organizer]
    /// Who may speak for a group in the common spaces: publish, promote events, recommend pieces and speakers.
    package static let publishing: Set<Role> = [.organizer, .editor]
}

/// The one place that knows how membership grants access. Every feature asks here, in Swift or through the SQL
/// fragments below; no feature outside Groups names the `memberships` table (`scripts/test` checks). Columns
/// are passed as `StaticString`, so only text written in the source can reach the SQL unescaped.
package struct GroupAccess: Sendable {
    let sql: any SQLDatabase

    package init(_ sql: any SQLDatabase) { self.sql = sql }

    // MARK: SQL fragments for other features' queries

    /// True when `person` is an active member, with one of `roles` (any role when nil), of the group whose id is
    /// the column `group`.
    package static func actsFor(
        _ group: StaticString,
        _ person: CurrentPerson?,
        roles: Set<Role>? = nil
    ) -> SQLQueryString {
        guard let person else { return "1 = 0" }
        return """
            EXISTS (SELECT 1 FROM memberships am WHERE am.group_id = \(unsafeRaw: group.description) \
            AND am.person_id = \(bind: person.id) AND am.status = 'active'\(roleFilter("am", roles)))
            """
    }

    /// The ids of the groups `person` acts for with one of `roles`, for `column IN (…)`.
    package static func groupIDs(actedForBy person: CurrentPerson?, roles: Set<Role>? = nil) -> SQLQueryString {
        guard let person else { return "SELECT 0 WHERE 1 = 0" }
        return groupIDs(personID: person.id, roles: roles)
    }

    /// The ids of the groups the person with `personID` acts for, for `column IN (…)`: for reads done on a
    /// person's behalf without a session (their calendar feed).
    package static func groupIDs(personID: Int, roles: Set<Role>? = nil) -> SQLQueryString {
        """
        SELECT group_id FROM memberships WHERE person_id = \(bind: personID) AND status = 'active'\
        \(roleFilter(nil, roles))
        """
    }

    /// True when the group aliased `alias` (with `alias.id` and `alias.visibility`) may be seen by `viewer`:
    /// it is public, or the viewer is an active member. The SQL twin of `GroupRules.canSee`.
    package static func visible(_ alias: StaticString, to viewer: CurrentPerson?) -> SQLQueryString {
        let table = alias.description
        guard let viewer else { return "\(unsafeRaw: table).visibility = 'public'" }
        return """
            (\(unsafeRaw: table).visibility = 'public' OR EXISTS (SELECT 1 FROM memberships vm \
            WHERE vm.group_id = \(unsafeRaw: table).id AND vm.person_id = \(bind: viewer.id) AND vm.status = 'active'))
            """
    }

    /// The slug and name of the group aliased `alias`, as columns `slug` and `name`, for a viewer who may see it;
    /// for anyone else an empty slug and "a private group", for rows that must be listed whoever planned them
    /// (a scheduled tour is public, its planner may not be).
    package static func shownColumns(_ alias: StaticString, to viewer: CurrentPerson?) -> SQLQueryString {
        let table = alias.description
        return """
            CASE WHEN \(visible(alias, to: viewer)) THEN \(unsafeRaw: table).slug ELSE '' END AS slug, \
            CASE WHEN \(visible(alias, to: viewer)) THEN \(unsafeRaw: table).name ELSE 'a private group' END AS name
            """
    }

    /// The active memberships as a table `(group_id, person_id, role)`, for features that count or mix people
    /// by group (clash warnings, breakouts) and never show who is in which group.
    package static let activeMemberships: SQLQueryString =
        "(SELECT group_id, person_id, role, created_at, pledge_hours FROM memberships WHERE status = 'active')"

    /// The weekly pledge of the person whose id is the column `person`, summed over all their groups (0 when
    /// none): the divisor of their load. Never shown to anyone but the person; features use it to answer yes/no
    /// questions. A sum per person read through the person's own memberships, so a page about one group's members
    /// costs the same however many other groups the site holds.
    package static func pledgeTotal(of person: StaticString) -> SQLQueryString {
        """
        (SELECT COALESCE(SUM(COALESCE(pt.pledge_hours, 0)), 0) FROM memberships pt \
        WHERE pt.person_id = \(unsafeRaw: person.description) AND pt.status = 'active')
        """
    }

    /// A left join giving the viewer's membership in the group whose id is the column `group`; read it back with
    /// `standing(row:viewer:)`. Select `standingColumns` with it.
    package static func standingJoin(_ group: StaticString, viewer: CurrentPerson?) -> SQLQueryString {
        """
        LEFT JOIN memberships sm ON sm.group_id = \(unsafeRaw: group.description) \
        AND sm.person_id = \(bind: viewer?.id ?? 0)
        """
    }

    package static let standingColumns: SQLQueryString = "sm.role AS viewer_role, sm.status AS viewer_status"

    /// The viewer's standing from a row read with `standingJoin` and `standingColumns`. An unknown role or
    /// status is an error, never a guess.
    package static func standing(row: any SQLRow, viewer: CurrentPerson?) throws -> Standing {
        guard let viewer else { return .outsider }
        let columns = try row.decode(ViewerRow.self)
        return Standing(personID: viewer.id, role: columns.viewerRole, status: columns.viewerStatus)
    }

    private static func roleFilter(_ alias: String?, _ roles: Set<Role>?) -> SQLQueryString {
        guard let roles else { return "" }
        let column = alias.map { "\($0).role" } ?? "role"
        let list = roles.map(\.rawValue).sorted().map { "'\($0)'" }.joined(separator: ", ")
        return " AND \(unsafeRaw: column) IN (\(unsafeRaw: list))"
    }

    // MARK: Reads

    /// The groups `person` may act for with one of `roles` (of `kinds`, when given), by name.
    package func groups(
        actingFor person: CurrentPerson?,
        roles: Set<Role>,
        kinds: Set<GroupKind>? = nil
    ) async throws -> [GroupRef] {
        guard let person else { return [] }
        let kindFilter: SQLQueryString =
            kinds.map { kinds in
                " AND g.kind IN (\(unsafeRaw: kinds.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")))"
            } ?? ""
        return try await sql.raw(
            """
            SELECT g.slug, g.name FROM groups g WHERE g.id IN (\(Self.groupIDs(actedForBy: person, roles: roles)))\
            \(kindFilter) ORDER BY g.name, g.id
            """
        ).rows(GroupRef.self)
    }

    /// The id of the group with `slug` if `person` may act for it with one of `roles`; nil otherwise.
    package func group(slug: String, actingFor person: CurrentPerson?, roles: Set<Role>) async throws -> Int? {
        guard let person else { return nil }
        return try await sql.raw(
            """
            SELECT g.id FROM groups g WHERE g.slug = \(bind: slug.trimmingWhitespace().lowercased())
            AND \(Self.actsFor("g.id", person, roles: roles))
            """
        ).value("id", as: Int.self)
    }

    /// The groups among `ids` that `person` may act for with one of `roles`.
    package func acted(_ ids: [Int], by person: CurrentPerson?, roles: Set<Role>) async throws -> Set<Int> {
        guard let person, !ids.isEmpty else { return [] }
        let rows = try await sql.raw(
            """
            SELECT group_id FROM memberships WHERE person_id = \(bind: person.id) AND status = 'active'\
            \(Self.roleFilter(nil, roles)) AND group_id IN (\(binds: ids))
            """
        ).column("group_id", as: Int.self)
        return Set(rows)
    }

    /// The ids of the people who act for any of `groups` with one of `roles` (organizers unless told), for
    /// telling them of something (notifications); read on `sql`, which may be the caller's transaction.
    package func personIDs(actingFor groups: [Int], roles: Set<Role> = Role.organizing) async throws -> [Int] {
        guard !groups.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT DISTINCT person_id FROM memberships WHERE group_id IN (\(binds: groups)) AND status = 'active'\
            \(Self.roleFilter(nil, roles)) ORDER BY person_id
            """
        ).column("person_id", as: Int.self)
    }

    /// The ids of the group's organizers: the people told of what the group is asked.
    package func organizerIDs(of group: Int) async throws -> [Int] {
        try await personIDs(actingFor: [group], roles: Role.organizing)
    }

    /// True when `person` may act for at least one group with one of `roles`.
    package func actsForAny(_ person: CurrentPerson?, roles: Set<Role>) async throws -> Bool {
        guard let person else { return false }
        return try await sql.raw("\(Self.groupIDs(actedForBy: person, roles: roles)) LIMIT 1").first() != nil
    }
}

/// Decoding a stored role or status refuses a value this code does not know.
package func decodeRole(_ raw: String) throws -> Role {
    guard let role = Role(rawValue: raw) else { throw StoredValueError(column: "role", value: raw) }
    return role
}

package func decodeStatus(_ raw: String) throws -> MembershipStatus {
    guard let status = MembershipStatus(rawValue: raw) else { throw StoredValueError(column: "status", value: raw) }
    return status
}

/// The columns `GroupAccess.standingColumns` reads: nil for no membership.
private struct ViewerRow: Decodable {
    let viewerRole: Role?
    let viewerStatus: MembershipStatus?
}
