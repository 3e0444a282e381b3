import FluentKit
import SQLKit

/// Federation's tables. Nothing here names a member, an attendee or a pledge: only public groups federate, and
/// what is stored about other servers is what they published themselves (their actors and keys).
///
/// - `federation_keys`: the RSA key of each local actor (`group:12`, `instance`), made the first time it is
///   needed.
/// - `federation_actors`: remote actors as last fetched (inbox, shared inbox, public key).
/// - `federation_followers`: who follows each local group from elsewhere; only counted on the group's followers
///   collection.
/// - `federation_deliveries`: the queue of signed activities to send, one row per inbox.
/// - `federation_sent`: which of a group's objects went out already (`post:12`, `event:7`), as what (`post`,
///   `event`, or `announce` for a re-share), with a fingerprint of the object as sent, so each goes once and an
///   edit goes as `Update`; and when one was withdrawn (deleted, made private, or its group made private).
/// - `federation_seen`: ids of activities taken in, so a replay is ignored.
/// - `federation_blocks`: servers (`example.org`) and actors an administrator refused.
let federationMigrations: [any Migration] = [
    CreateFederation(), FederateEvents(), FederateJoins(), FederateFollowing(), FederateAffiliations(),
]

struct CreateFederation: AsyncMigration {
    var name: String { "CreateFederation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("federation_keys")
            .field("owner", .string, .identifier(auto: false))
            .field("private_pem", .string, .required)
            .field("public_pem", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("federation_actors")
            .field("uri", .string, .identifier(auto: false))
            .field("host", .string, .required)
            .field("inbox", .string, .required)
            .field("shared_inbox", .string)
            .field("key_id", .string, .required)
            .field("public_pem", .string, .required)
            .field("name", .string, .required)
            .field("fetched_at", .datetime, .required)
            .create()
        try await database.schema("federation_followers")
            .field("id", .int, .identifier(auto: true))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("actor_uri", .string, .required)
            .field("host", .string, .required)
            .field("follow_id", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "group_id", "actor_uri")
            .create()
        try await database.schema("federation_deliveries")
            .field("id", .int, .identifier(auto: true))
            .field("inbox", .string, .required)
            .field("host", .string, .required)
            .field("signer", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .field("last_error", .string)
            .create()
        try await database.schema("federation_sent")
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("object_key", .string, .required)
            .field("post_id", .int, .required)
            .field("sent_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .unique(on: "group_id", "object_key")
            .create()
        try await database.schema("federation_seen")
            .field("activity_id", .string, .identifier(auto: false))
            .field("received_at", .datetime, .required)
            .create()
        try await database.schema("federation_blocks")
            .field("target", .string, .identifier(auto: false))
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX federation_followers_group ON federation_followers (group_id, host)").run()
        try await sql.raw("CREATE INDEX federation_followers_actor ON federation_followers (actor_uri)").run()
        try await sql.raw(
            "CREATE INDEX federation_deliveries_due ON federation_deliveries (delivered_at, next_attempt_at, id)"
        ).run()
        try await sql.raw("CREATE INDEX federation_deliveries_host ON federation_deliveries (host, id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "federation_blocks", "federation_seen", "federation_sent", "federation_deliveries",
            "federation_followers", "federation_actors", "federation_keys",
        ] {
            try await database.schema(table).delete()
        }
    }
}

/// Events join posts in what a group sends: `post_id` becomes `object_id`, told apart by `kind`, and each row keeps
/// the fingerprint of what went out. Rows from before have none; the next pass only records it.
struct FederateEvents: AsyncMigration {
    var name: String { "FederateEvents" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE federation_sent RENAME COLUMN post_id TO object_id").run()
        try await sql.raw("ALTER TABLE federation_sent ADD COLUMN kind TEXT NOT NULL DEFAULT 'post'").run()
        try await sql.raw("ALTER TABLE federation_sent ADD COLUMN digest TEXT").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DELETE FROM federation_sent WHERE kind <> 'post'").run()
        try await sql.raw("ALTER TABLE federation_sent DROP COLUMN digest").run()
        try await sql.raw("ALTER TABLE federation_sent DROP COLUMN kind").run()
        try await sql.raw("ALTER TABLE federation_sent RENAME COLUMN object_id TO post_id").run()
    }
}

/// `federation_joins`: the RSVPs that people on other servers made by `Join`, with what they were last told
/// (`going` once accepted, `waitlisted` while waiting), so a change is answered once.
struct FederateJoins: AsyncMigration {
    var name: String { "FederateJoins" }

    func prepare(on database: any Database) async throws {
        try await database.schema("federation_joins")
            .field("rsvp_id", .int, .identifier(auto: false), .references("rsvps", "id", onDelete: .cascade))
            .field("join_id", .string, .required)
            .field("actor_uri", .string, .required)
            .field("inbox", .string, .required)
            .field("event_id", .int, .required, .references("events", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("answered", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("federation_joins").delete()
    }
}

/// `federation_following`: the follows this server's groups sent to groups on other servers (copied here as group
/// rows with an `origin`), with the `Follow`'s id so its `Accept` and `Undo` name it, the local actor that sent it
/// (the group, or the instance actor for a private group, which is never named outside), and whether it was accepted.
struct FederateFollowing: AsyncMigration {
    var name: String { "FederateFollowing" }

    func prepare(on database: any Database) async throws {
        try await database.schema("federation_following")
            .field("follower_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("remote_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("follow_id", .string, .required)
            .field("signer", .string, .required)
            .field("accepted", .bool, .required)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "follower_id", "remote_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("federation_following").delete()
    }
}

/// `federation_affiliations`: affiliation requests between a group here and one on another server, sent
/// (`out`, by `Join` of the other group) or taken (`in`), with what the other side was last told (`answered`), so
/// an acceptance here or an end on either side is sent once. No foreign key: a row outlives its affiliation until
/// the end is sent.
struct FederateAffiliations: AsyncMigration {
    var name: String { "FederateAffiliations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("federation_affiliations")
            .field("affiliation_id", .int, .identifier(auto: false))
            .field("direction", .string, .required)
            .field("join_id", .string, .required)
            .field("local_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("remote_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("answered", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("federation_affiliations").delete()
    }
}
