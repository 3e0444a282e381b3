import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A group that lives on another server, as its actor document describes it.
package struct RemoteGroupInput: Sendable {
    /// The actor's id, which names it for good.
    package var origin: String
    /// The server it lives on, with the port when one is given.
    package var host: String
    package var username: String
    package var name: String
    /// The description, as plain text or the safe Markdown subset.
    package var description: String
    package var kind: GroupKind
    package var city: String

    package init(
        origin: String,
        host: String,
        username: String,
        name: String,
        description: String,
        kind: GroupKind,
        city: String
    ) {
        self.origin = origin
        self.host = host
        self.username = username
        self.name = name
        self.description = description
        self.kind = kind
        self.city = city
    }
}

/// Copies of groups on other servers, kept as group rows marked with their `origin` so that the directory, follows,
/// affiliations and calendars treat them like any public group. Nobody joins one here: it has no members on this
/// server, only the invite-only policy, and no page offers to join it.
package struct RemoteGroups: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    var sql: any SQLDatabase { services.store.sql }

    /// Stores or refreshes the copy of a remote group and returns its id here.
    package func store(_ remote: RemoteGroupInput) async throws -> Int {
        let name = String(remote.name.trimmingWhitespace().prefix(120))
        let description = String(remote.description.prefix(10_000))
        let city = try await GroupCities(sql: sql).listed(remote.city)
        if let id = try await id(origin: remote.origin) {
            try await sql.update("groups").set("name", to: name.isEmpty ? remote.username : name)
                .set("description", to: description).set("kind", to: remote.kind.rawValue)
                .set("city", to: city.name).set("city_key", to: city.name.lowercased()).set("city_id", to: city.id)
                .where("id", .equal, id).run()
            return id
        }
        let base = Slug.make(from: "\(remote.username) \(remote.host)")
        var slug = base
        var suffix = 1
        while try await sql.select().column("id").from("groups").where("slug", .equal, slug).first() != nil {
            suffix += 1
            slug = "\(base.prefix(Slug.maxLength - 4))-\(suffix)"
        }
        return try await sql.insertReturningID(
            into: "groups",
            [
                "slug": slug, "name": name.isEmpty ? remote.username : name, "kind": remote.kind.rawValue,
                "description": description, "place_kind": city.name.isEmpty ? "online" : "city", "city": city.name,
                "city_key": city.name.lowercased(), "city_id": city.id, "place_name": "",
                "visibility": Visibility.public.rawValue, "join_policy": JoinPolicy.invite.rawValue,
                "members_visible": false, "basis": "", "basis_version": 1, "created_at": services.clock(),
                "origin": remote.origin,
            ]
        )
    }

    /// The id here of the remote group with this actor id.
    package func id(origin: String) async throws -> Int? {
        try await sql.select().column("id").from("groups").where("origin", .equal, origin).value("id", as: Int.self)
    }

    /// Forgets a remote group deleted on its server, with its posts; nothing for a group of this server.
    package func delete(origin: String) async throws {
        try await sql.delete(from: "groups").where("origin", .equal, origin).run()
    }

    /// The actor id of a group copied from another server; nil for a group of this server.
    package func origin(of groupID: Int) async throws -> String? {
        try await sql.select().column("origin").from("groups").where("id", .equal, groupID).value(
            "origin",
            as: String?.self
        ) ?? nil
    }

    /// Stores, or replaces, a remote group's public post; `body` is in the safe Markdown subset. Returns its id.
    @discardableResult
    package func storePost(
        origin: String,
        groupID: Int,
        title: String,
        body: String,
        published: Date
    ) async throws -> Int {
        let title = String((title.isEmpty ? "Post" : title).prefix(200))
        let body = String(body.prefix(100_000))
        if let id = try await sql.select().column("id").from("posts").where("origin", .equal, origin).value(
            "id",
            as: Int.self
        ) {
            try await sql.update("posts").set("title", to: title).set("body", to: body)
                .set("body_html", to: Markdown.html(body)).where("id", .equal, id)
                .where("group_id", .equal, groupID).run()
            return id
        }
        return try await sql.insertReturningID(
            into: "posts",
            [
                "group_id": groupID, "kind": "post", "status": "published", "title": title, "body": body,
                "body_html": Markdown.html(body), "created_at": published, "origin": origin,
            ]
        )
    }

    /// Removes a remote post its server deleted; only the group it came from can delete it.
    package func deletePost(origin: String, groupID: Int) async throws {
        try await sql.delete(from: "posts").where("origin", .equal, origin).where("group_id", .equal, groupID).run()
    }
}

/// A group and a post may be copies of ones on another server: `origin` holds the actor or object id there.
struct AddGroupOrigins: AsyncMigration {
    var name: String { "AddGroupOrigins" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE groups ADD COLUMN origin TEXT").run()
        try await sql.raw("CREATE UNIQUE INDEX groups_origin ON groups (origin)").run()
        try await sql.raw("ALTER TABLE posts ADD COLUMN origin TEXT").run()
        try await sql.raw("CREATE UNIQUE INDEX posts_origin ON posts (origin)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX posts_origin").run()
        try await sql.raw("ALTER TABLE posts DROP COLUMN origin").run()
        try await sql.raw("DROP INDEX groups_origin").run()
        try await sql.raw("ALTER TABLE groups DROP COLUMN origin").run()
    }
}
