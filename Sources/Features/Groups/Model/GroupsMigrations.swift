import FluentKit
import FreshgroundStore
import SQLKit

/// Groups of every kind. `basis` holds the current basis of unity; every version is also in `basis_versions`.
/// `city_key` is the lowercased city, so the directory filter is an indexed equality.
struct CreateGroups: AsyncMigration {
    var name: String { "CreateGroups" }

    func prepare(on database: any Database) async throws {
        try await database.schema("groups")
            .field("id", .int, .identifier(auto: true))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("place_kind", .string, .required)
            .field("city", .string, .required)
            .field("city_key", .string, .required)
            .field("place_name", .string, .required)
            .field("visibility", .string, .required)
            .field("join_policy", .string, .required)
            .field("members_visible", .bool, .required)
            .field("basis", .string, .required)
            .field("basis_version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX groups_directory ON groups (visibility, kind, city_key, name)").run()
        try await sql.raw("CREATE INDEX groups_directory_city ON groups (visibility, city_key, name)").run()
        try await sql.raw("CREATE INDEX groups_directory_name ON groups (visibility, name)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("groups").delete() }
}

/// Every edit of a basis of unity, so nobody discovers a changed line later.
struct CreateBasisVersions: AsyncMigration {
    var name: String { "CreateBasisVersions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("basis_versions")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "group_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("basis_versions").delete() }
}

/// A person in a group: role, whether approved yet, and an optional weekly-hours pledge.
struct CreateMemberships: AsyncMigration {
    var name: String { "CreateMemberships" }

    func prepare(on database: any Database) async throws {
        try await database.schema("memberships")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("status", .string, .required)
            .field("pledge_hours", .double)
            .field("created_at", .datetime, .required)
            .unique(on: "group_id", "person_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX memberships_person ON memberships (person_id, status)").run()
        try await sql.raw("CREATE INDEX memberships_group ON memberships (group_id, status)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("memberships").delete() }
}

/// Invitation links; only a digest of the secret is kept.
struct CreateInvites: AsyncMigration {
    var name: String { "CreateInvites" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invites")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("created_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("invites").delete() }
}

/// A group following a center or coalition: no approval, brings the target's posts to the follower's members.
struct CreateFollows: AsyncMigration {
    var name: String { "CreateFollows" }

    func prepare(on database: any Database) async throws {
        try await database.schema("follows")
            .field("id", .int, .identifier(auto: true))
            .field("follower_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("target_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "follower_id", "target_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX follows_target ON follows (target_id)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("follows").delete() }
}

/// A request to be listed as affiliated; shown on both pages once the other side accepts. Never a right.
struct CreateAffiliations: AsyncMigration {
    var name: String { "CreateAffiliations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("affiliations")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("other_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("requested_by", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "group_id", "other_id")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX affiliations_other ON affiliations (other_id)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("affiliations").delete() }
}

/// Posts of a group. `kind` and `status` are here from the start so posts can grow into publications
/// (articles, reports, links…) with an editorial workflow without moving rows.
struct CreatePosts: AsyncMigration {
    var name: String { "CreatePosts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("posts")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).raw(
            "CREATE INDEX posts_group_time ON posts (group_id, status, created_at)"
        )
        .run()
    }

    func revert(on database: any Database) async throws { try await database.schema("posts").delete() }
}

/// Invitation links count the members they brought in, may have a use limit, and can be revoked (kept with
/// `revoked_at` for the organizers' record). The index serves the members page's list of a group's live links.
struct AddInvitesLimits: AsyncMigration {
    var name: String { "AddInvitesLimits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("invites").field("uses", .int, .required, .sql(.default(0))).update()
        try await database.schema("invites").field("max_uses", .int).update()
        try await database.schema("invites").field("revoked_at", .datetime).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX invites_group ON invites (group_id, expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX invites_group").run()
        try await database.schema("invites").deleteField("revoked_at").update()
        try await database.schema("invites").deleteField("max_uses").update()
        try await database.schema("invites").deleteField("uses").update()
    }
}

/// A person following a public group to read its posts in their feed, apart from any group following it. Who
/// follows is private: nothing lists it.
struct CreatePersonFollows: AsyncMigration {
    var name: String { "CreatePersonFollows" }

    func prepare(on database: any Database) async throws {
        try await database.schema("person_follows")
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "person_id", "group_id")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("person_follows").delete() }
}

/// Messages written to a group's organizers through its contact form (`recipient_id` empty), and the organizers'
/// replies to the writer (`recipient_id` set). The text is kept so the organizers can read and answer it; sending
/// is counted per sender for the rate limit. Nobody's email address is in here.
struct CreateGroupMessages: AsyncMigration {
    var name: String { "CreateGroupMessages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("group_messages")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("sender_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("recipient_id", .int, .references("people", "id", onDelete: .cascade))
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX group_messages_sender ON group_messages (sender_id, created_at)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("group_messages").delete() }
}

let groupsMigrations: [any Migration] = [
    CreateGroups(), CreateBasisVersions(), CreateMemberships(), CreateInvites(), CreateFollows(),
    CreateAffiliations(), CreatePosts(), AddInvitesLimits(), CreatePersonFollows(), CreateGroupMessages(),
    CreateCities(), AddGroupsCityID(), CreateAccessLog(),
    // A person's pledge summed over their groups (`GroupAccess.pledgeTotal`) is read for every member on the pages
    // about a group's work; with the pledge in the index, each sum is read from the index alone.
    AddIndex(
        "IndexMembershipsPledgeByPerson",
        index: "memberships_person_pledge",
        "ON memberships (person_id, status, pledge_hours)"
    ),
    AddGroupOrigins(), AddGroupsRequireTwoFactor(),
    // a group typed by its name in a form (GroupChoices), ignoring case as the database folds it
    AddIndex("IndexGroupsByFoldedName", index: "groups_name_folded", "ON groups (lower(name))"),
]
