import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

package enum RSVPStatus: String, Codable, Sendable {
    case unconfirmed, going, waitlisted, cancelled
}

/// Saying you'll come: with an account, or with a name and an email confirmed by a link. A full event puts
/// people on its wait list, and a place freed by a cancellation goes to the first person waiting.
package struct RSVPs: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var mail: RSVPMail { RSVPMail(services: services) }

    /// RSVPs for a signed-in person; returns going or waitlisted.
    package func rsvp(event id: Int, by person: CurrentPerson) async throws -> RSVPStatus {
        let event = try await open(id, viewer: person)
        let now = services.clock()
        let status = try await services.store.transaction { sql in
            try await Self.lock(id, sql)
            let existing = try await sql.select().columns("id", "status").from("rsvps").where("event_id", .equal, id)
                .where("person_id", .equal, person.id).row(RSVPRow.self)
            if let existing, existing.status != .cancelled { return existing.status }
            let status: RSVPStatus = try await Self.hasRoom(id, sql) ? .going : .waitlisted
            if let existing {
                try await sql.update("rsvps").set("status", to: status.rawValue).set("created_at", to: now)
                    .set("confirmed_at", to: now).where("id", .equal, existing.id).run()
            } else {
                _ = try await sql.insertReturningID(
                    into: "rsvps",
                    [
                        "event_id": id, "person_id": person.id, "name": person.shownName, "status": status.rawValue,
                        "token": Token.digest(Token.random()), "created_at": now, "confirmed_at": now,
                    ]
                )
            }
            try await mail.accountRSVP(event, person: person, status: status, on: sql)
            return status
        }
        services.deliverMailSoon()
        return status
    }

    /// RSVPs without an account: nothing counts until the emailed link is followed. Answers the same whether
    /// or not the address had RSVPed before, so the form does not reveal who is coming.
    package func rsvp(event id: Int, name: String, email: String) async throws {
        let event = try await open(id, viewer: nil)
        var errors: [String: String] = [:]
        let name = FieldRules.line(name, "name", "Give your name (it can be just a first name).", max: 100, &errors)
        let email = FieldRules.line(
            email,
            "email",
            "Give your email address: we send a link to confirm.",
            max: 254,
            &errors
        )
        .lowercased()
        if errors["email"] == nil && !FieldRules.looksLikeEmail(email) {
            errors["email"] = "Give a full email address."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let token = Token.random()
        let now = services.clock()
        try await services.store.transaction { sql in
            let existing = try await sql.select().columns("id", "status").from("rsvps").where("event_id", .equal, id)
                .where("email", .equal, email).row(RSVPRow.self)
            if let existing {
                guard existing.status == .unconfirmed || existing.status == .cancelled else {
                    try await mail.alreadyComing(event, email: email, name: name, on: sql)
                    return
                }
                try await sql.update("rsvps").set("name", to: name).set("status", to: RSVPStatus.unconfirmed.rawValue)
                    .set("token", to: Token.digest(token)).set("created_at", to: now)
                    .where("id", .equal, existing.id).run()
            } else {
                _ = try await sql.insertReturningID(
                    into: "rsvps",
                    [
                        "event_id": id, "name": name, "email": email, "status": RSVPStatus.unconfirmed.rawValue,
                        "token": Token.digest(token), "created_at": now,
                    ]
                )
            }
            try await mail.confirmLink(event, email: email, name: name, token: token, on: sql)
        }
        services.deliverMailSoon()
    }

    /// Follows the emailed link: the RSVP counts from now, going or on the wait list.
    package func confirm(token: String) async throws -> (EventSummary, RSVPStatus) {
        let (rsvpID, eventID, status) = try await find(token: token)
        let event = try await open(eventID, viewer: nil)
        guard status == .unconfirmed else { return (event, status) }
        let now = services.clock()
        let result = try await services.store.transaction { sql in
            try await Self.lock(eventID, sql)
            let status: RSVPStatus = try await Self.hasRoom(eventID, sql) ? .going : .waitlisted
            try await sql.update("rsvps").set("status", to: status.rawValue).set("confirmed_at", to: now)
                .set("created_at", to: now).where("id", .equal, rsvpID).where("status", .equal, "unconfirmed").run()
            try await mail.confirmed(event, rsvp: rsvpID, status: status, token: token, on: sql)
            return status
        }
        services.deliverMailSoon()
        return (event, result)
    }

    /// What the emailed link's page shows.
    package func lookup(token: String) async throws -> (EventSummary, RSVPStatus, String) {
        let (rsvpID, eventID, status) = try await find(token: token)
        guard let event = try await EventQueries(services: services).summary(eventID) else { throw AppError.notFound }
        let name = try await sql.select().column("name").from("rsvps").where("id", .equal, rsvpID)
            .value("name", as: String.self)
        return (event, status, name ?? "")
    }

    /// Cancels by the emailed link.
    package func cancel(token: String) async throws -> EventSummary {
        let (rsvpID, eventID, _) = try await find(token: token)
        try await withdraw(rsvpID, event: eventID)
        guard let event = try await EventQueries(services: services).summary(eventID) else { throw AppError.notFound }
        return event
    }

    /// Cancels a signed-in person's RSVP.
    package func cancel(event id: Int, by person: CurrentPerson) async throws {
        guard
            let rsvpID = try await sql.select().column("id").from("rsvps").where("event_id", .equal, id)
                .where("person_id", .equal, person.id).value("id", as: Int.self)
        else { throw AppError.conflict("You had not RSVPed to this event.") }
        try await withdraw(rsvpID, event: id)
    }

    /// The person's RSVP to the event, if any and not cancelled.
    package func status(event id: Int, person: CurrentPerson?) async throws -> RSVPStatus? {
        guard let person else { return nil }
        let status = try await sql.raw(
            "SELECT status FROM rsvps WHERE event_id = \(bind: id) AND person_id = \(bind: person.id)"
        ).value("status", as: RSVPStatus.self)
        return status == .cancelled ? nil : status
    }

    /// True when the RSVP holds a place, and with it the online link: `going`, at an event whose places are given
    /// by RSVP. An event whose places another feature gives takes no RSVPs, and one made before it said so holds
    /// no place.
    static func holdsPlace(_ status: RSVPStatus?, placesAt: String?) -> Bool {
        status == .going && placesAt == nil
    }

    /// Where places at the event are given when another feature gives them (a path on this site), else nil.
    static func placesAt(_ event: Int, _ sql: any SQLDatabase) async throws -> String? {
        try await sql.select().column("places_at").from("events").where("id", .equal, event)
            .value("places_at", as: String?.self) ?? nil
    }

    /// Cancels an RSVP and, when it held a place, gives the place to the first person waiting.
    func withdraw(_ rsvpID: Int, event eventID: Int) async throws {
        let event = try await EventQueries(services: services).summary(eventID)
        try await services.store.transaction { sql in
            try await Self.lock(eventID, sql)
            try await sql.update("rsvps").set("status", to: RSVPStatus.cancelled.rawValue).where("id", .equal, rsvpID)
                .run()
            guard let event, event.status == .scheduled, try await Self.hasRoom(eventID, sql),
                let nextID = try await sql.select().column("id").from("rsvps").where("event_id", .equal, eventID)
                    .where("status", .equal, RSVPStatus.waitlisted.rawValue).orderBy("created_at").orderBy("id")
                    .value("id", as: Int.self)
            else { return }
            try await sql.update("rsvps").set("status", to: RSVPStatus.going.rawValue).where("id", .equal, nextID).run()
            try await mail.offPlaceFreed(event, rsvp: nextID, on: sql)
        }
        services.deliverMailSoon()
    }

    private func find(token: String) async throws -> (Int, Int, RSVPStatus) {
        guard Token.isWellFormed(token),
            let row = try await sql.select().columns("id", "event_id", "status").from("rsvps")
                .where("token", .equal, Token.digest(token)).row(TokenRow.self)
        else { throw AppError.notFound }
        return (row.id, row.eventId, row.status)
    }

    /// The event, if the viewer may RSVP to it now: not one whose places another feature gives.
    func open(_ id: Int, viewer: CurrentPerson?) async throws -> EventSummary {
        let event = try await EventAccess.visibleEvent(id, viewer: viewer, services: services)
        if let path = try await Self.placesAt(id, sql) { throw AppError.conflict(Self.notByRSVP(path)) }
        guard event.status == .scheduled else { throw AppError.conflict("This event is cancelled.") }
        guard event.endsAt > services.clock() else { throw AppError.conflict("This event is over.") }
        return event
    }

    /// Why an event whose places another feature gives refuses an RSVP, and where to go instead.
    static func notByRSVP(_ path: String) -> String {
        "This event takes no RSVPs: places at it are given at \(path)."
    }

    /// Takes the event's row lock so two last places are not given at once (PostgreSQL locks the row;
    /// SQLite's write transaction is already exclusive).
    static func lock(_ event: Int, _ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE events SET capacity = capacity WHERE id = \(bind: event)").run()
    }

    static func hasRoom(_ event: Int, _ sql: any SQLDatabase) async throws -> Bool {
        guard
            let row = try await sql.raw(
                """
                SELECT e.capacity, (SELECT COUNT(*) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going') AS going
                FROM events e WHERE e.id = \(bind: event)
                """
            ).row(RoomRow.self)
        else { return false }
        guard let capacity = row.capacity else { return true }
        return row.going < capacity
    }
}

/// An RSVP's id and status.
struct RSVPRow: Decodable {
    let id: Int
    let status: RSVPStatus
}

/// The RSVP an emailed link stands for.
private struct TokenRow: Decodable {
    let id: Int
    let eventId: Int
    let status: RSVPStatus
}

/// An event's capacity (nil for no limit) and how many are going.
private struct RoomRow: Decodable {
    let capacity: Int?
    let going: Int
}
