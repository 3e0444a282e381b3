import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What Groups holds about a person, for their download, their page and their account's deletion. Their
/// memberships, pledges, follows and messages to and from organizers go with the account; group posts go when they choose; a basis of unity they
/// wrote, invitation links they made and affiliations they asked for stay under the emptied account ("deleted
/// account"). A group they are the last organizer of needs another first; one they are the only member of is
/// deleted with the account.
extension GroupsFeature {
    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        return [
            "memberships": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, g.name AS group_name, m.role, m.status, m.pledge_hours, m.created_at \
                FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.person_id = \(bind: person) ORDER BY g.name
                """,
                on: sql
            ),
            "groupPosts": try await AccountRecords.rows(
                """
                SELECT p.id, g.slug AS group_slug, p.status, p.title, p.body, p.created_at FROM posts p \
                JOIN groups g ON g.id = p.group_id WHERE p.author_id = \(bind: person) AND p.kind = 'post' ORDER BY p.id
                """,
                on: sql
            ),
            "basisVersions": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, v.version, v.text, v.created_at FROM basis_versions v \
                JOIN groups g ON g.id = v.group_id WHERE v.author_id = \(bind: person) ORDER BY v.id
                """,
                on: sql
            ),
            "invitationsMade": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, i.created_at, i.expires_at, i.uses, i.max_uses, i.revoked_at FROM invites i \
                JOIN groups g ON g.id = i.group_id WHERE i.created_by = \(bind: person) ORDER BY i.id
                """,
                on: sql
            ),
            "affiliationsAskedFor": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, o.slug AS other_slug, a.status, a.created_at FROM affiliations a \
                JOIN groups g ON g.id = a.group_id JOIN groups o ON o.id = a.other_id \
                WHERE a.requested_by = \(bind: person) ORDER BY a.id
                """,
                on: sql
            ),
            "messages": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, CASE WHEN m.sender_id = \(bind: person) THEN 'sent' ELSE 'received' END \
                AS direction, m.subject, m.body, m.created_at FROM group_messages m JOIN groups g ON g.id = m.group_id \
                WHERE m.sender_id = \(bind: person) OR m.recipient_id = \(bind: person) ORDER BY m.id
                """,
                on: sql
            ),
            "groupsFollowed": try await AccountRecords.rows(
                """
                SELECT g.slug AS group_slug, g.name AS group_name, f.created_at FROM person_follows f \
                JOIN groups g ON g.id = f.group_id WHERE f.person_id = \(bind: person) ORDER BY g.name
                """,
                on: sql
            ),
        ]
    }

    package func accountNotices(of person: Int, on sql: any SQLDatabase) async throws -> [AccountNotice] {
        try await Self.organizedAlone(by: person, on: sql).map { group in
            group.others > 0
                ? AccountNotice(
                    text: "You are the only organizer of \(group.name).",
                    link: GroupPaths.members(group.slug),
                    linkLabel: "Make another member of \(group.name) an organizer",
                    blocks: true
                )
                : AccountNotice(
                    text:
                        "You are the only member of \(group.name), so the group, its posts and the events and study "
                        + "series only it runs are deleted with your account.",
                    link: GroupPaths.group(group.slug),
                    linkLabel: "See \(group.name)",
                    blocks: false
                )
        }
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        let alone = try await Self.organizedAlone(by: person, on: sql).filter { $0.others == 0 }.map(\.id)
        if !alone.isEmpty { try await sql.delete(from: "groups").where("id", .in, alone).run() }
        try await sql.delete(from: "memberships").where("person_id", .equal, person).run()
        try await sql.delete(from: "person_follows").where("person_id", .equal, person).run()
        // Who read about them goes with them; their reads of others stay in those people's logs, without a name.
        try await sql.delete(from: "access_log").where("person_id", .equal, person).run()
        try await sql.update("access_log").set("viewer_id", to: SQLLiteral.null).where("viewer_id", .equal, person)
            .run()
        try await sql.delete(from: "group_messages").where("sender_id", .equal, person)
            .orWhere("recipient_id", .equal, person).run()
        if !keepWriting {
            try await sql.delete(from: "posts").where("author_id", .equal, person).where("kind", .equal, "post").run()
        }
    }

    package func accountSummary(of person: Int, services: AppServices) async throws -> HTML? {
        let groups = try await services.store.sql.raw(
            """
            SELECT g.slug, g.name, m.role, m.status, m.pledge_hours FROM memberships m JOIN groups g ON g.id = m.group_id \
            WHERE m.person_id = \(bind: person) ORDER BY g.name
            """
        ).rows(MyGroup.self)
        let items = groups.map { group -> HTML in
            let pledge: HTML = group.pledgeHours.map { " · pledged \(Self.hours($0)) a week" } ?? " · no pledge"
            let standing: HTML =
                group.status == .pending ? "asked to join, waiting for an organizer" : "\(group.role.rawValue)"
            return "<li><a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>: \(standing)\(pledge)</li>"
        }
        let list: HTML =
            items.isEmpty
            ? "<p>You are in no group yet. <a href=\"\(GroupPaths.directory())\">Find a group</a>.</p>"
            : "<ul id=\"my-groups\">\(items)</ul>"
        return """
            <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">Your groups</h2>
            \(list)
            </section>
            """
    }

    private static func hours(_ hours: Double) -> String {
        let text = hours == hours.rounded() ? String(Int(hours)) : String(hours)
        return text + (hours == 1 ? " hour" : " hours")
    }

    /// The groups `person` is the only active organizer of, with how many other active members each has.
    static func organizedAlone(by person: Int, on sql: any SQLDatabase) async throws -> [AloneGroup] {
        let list = Role.organizing.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        let organizing: SQLQueryString = "\(unsafeRaw: list)"
        return try await sql.raw(
            """
            SELECT g.id, g.slug, g.name, (SELECT COUNT(*) FROM \(GroupAccess.activeMemberships) o \
            WHERE o.group_id = g.id AND o.person_id <> \(bind: person)) AS others \
            FROM \(GroupAccess.activeMemberships) m JOIN groups g ON g.id = m.group_id \
            WHERE m.person_id = \(bind: person) AND m.role IN (\(organizing)) AND NOT EXISTS (SELECT 1 FROM \
            \(GroupAccess.activeMemberships) o WHERE o.group_id = g.id AND o.person_id <> \(bind: person) \
            AND o.role IN (\(organizing))) ORDER BY g.name
            """
        ).rows(AloneGroup.self)
    }

    struct AloneGroup: Decodable {
        let id: Int
        let slug: String
        let name: String
        let others: Int
    }

    private struct MyGroup: Decodable {
        let slug: String
        let name: String
        let role: Role
        let status: MembershipStatus
        let pledgeHours: Double?
    }
}
