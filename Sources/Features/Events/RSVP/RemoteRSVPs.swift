import FluentKit
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// RSVPs from people on other servers: a federated `Join` of a public event. They count like any other RSVP
/// (capacity, wait list, a freed place going to the first in line) but carry the person's actor instead of an
/// account or an email, so no mail goes to them; the server that sent the `Join` is told instead.
extension RSVPs {
    /// Takes the remote person's RSVP and returns going or waitlisted; an RSVP made before is kept as it is.
    /// `AppError.conflict` when the event takes no RSVPs now (cancelled, over, places given elsewhere).
    package func join(event id: Int, actor: String, name: String) async throws -> (rsvp: Int, status: RSVPStatus) {
        _ = try await open(id, viewer: nil)
        let now = services.clock()
        return try await services.store.transaction { sql in
            try await Self.lock(id, sql)
            let existing = try await sql.select().columns("id", "status").from("rsvps").where("event_id", .equal, id)
                .where("actor_uri", .equal, actor).row(RSVPRow.self)
            if let existing, existing.status != .cancelled { return (existing.id, existing.status) }
            let status: RSVPStatus = try await Self.hasRoom(id, sql) ? .going : .waitlisted
            if let existing {
                try await sql.update("rsvps").set("status", to: status.rawValue).set("name", to: name)
                    .set("created_at", to: now).set("confirmed_at", to: now).where("id", .equal, existing.id).run()
                return (existing.id, status)
            }
            let rsvp = try await sql.insertReturningID(
                into: "rsvps",
                [
                    "event_id": id, "actor_uri": actor, "name": name, "status": status.rawValue,
                    "token": Token.digest(Token.random()), "created_at": now, "confirmed_at": now,
                ]
            )
            return (rsvp, status)
        }
    }

    /// Cancels the remote person's RSVP (a `Leave`, or an `Undo` of the `Join`), freeing the place for the first
    /// person waiting; nothing when there was none.
    package func leave(event id: Int, actor: String) async throws {
        guard
            let rsvp = try await services.store.sql.select().column("id").from("rsvps").where("event_id", .equal, id)
                .where("actor_uri", .equal, actor).where("status", .notEqual, RSVPStatus.cancelled.rawValue)
                .value("id", as: Int.self)
        else { return }
        try await withdraw(rsvp, event: id)
    }
}

/// Remote people's RSVPs: the actor that sent the `Join`, one RSVP per actor and event.
struct AddRemoteRSVPs: AsyncMigration {
    var name: String { "AddRemoteRSVPs" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE rsvps ADD COLUMN actor_uri TEXT").run()
        try await sql.raw("CREATE UNIQUE INDEX rsvps_actor ON rsvps (event_id, actor_uri)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX rsvps_actor").run()
        try await sql.raw("ALTER TABLE rsvps DROP COLUMN actor_uri").run()
    }
}
