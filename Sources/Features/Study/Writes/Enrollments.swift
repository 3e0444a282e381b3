import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import People
import SQLKit

/// Someone taking part, as the series' organizers see them.
package struct Participant: Sendable, Codable, Equatable {
    package let handle: String
    package let name: String
    package let status: EnrollmentStatus
    package let newcomer: Bool
    package let online: Bool
    package let subscribed: Bool
    /// The account has an email address, so the list's mail can reach it.
    package let hasEmail: Bool
}

package struct EnrollInput: Sendable, Decodable {
    package var newcomer: Bool?
    package var online: Bool?
    package var digest: Bool?
}

/// Enrolling and the email list: enrolling subscribes a person to the series' list; each message's unsubscribe
/// link has a token of its own (`MailLinks`, kept only as a digest), so it works without logging in. The
/// enrollment's `unsubscribe_token` is the key those tokens stand for, never mailed.
package struct Enrollments: Sendable {
    let services: AppServices

    /// The purpose of the unsubscribe links' tokens in `mail_link_tokens`.
    static let linkPurpose = "study.unsubscribe"

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }

    /// Enrolls the person: at once in an open series, waiting for an organizer in one that approves.
    package func enroll(_ series: Int, _ input: EnrollInput, by person: CurrentPerson) async throws -> EnrollmentStatus
    {
        let current = try await queries.series(series, viewer: person)
        if let status = current.viewer.enrollment {
            if status == .declined { throw AppError.conflict("The organizers did not take your enrollment.") }
            return status
        }
        let status: EnrollmentStatus = current.enrollment == .open || current.viewer.isOrganizer ? .enrolled : .pending
        let values: [String: any Encodable & Sendable] = [
            "series_id": series, "person_id": person.id, "status": status.rawValue, "newcomer": input.newcomer ?? false,
            "online": input.online ?? false, "subscribed": true, "digest": input.digest ?? false,
            "unsubscribe_token": MailLinks.newKey(), "created_at": services.clock(),
        ]
        let title = current.title
        do {
            try await services.store.transaction { sql in
                _ = try await sql.insertReturningID(into: "study_enrollments", values)
                if status == .pending { try await tellOrganizers(of: series, titled: title, person, on: sql) }
            }
        } catch {
            // Two enrollments at once: the unique key kept one; report what stands.
            guard let again = try await queries.viewer(of: series, person).enrollment else { throw error }
            return again
        }
        if status == .pending { services.deliverMailSoon() }
        return status
    }

    /// Tells the organizers of the series' groups (the lead and those that accepted) that `person` waits for them,
    /// on the participants page where they answer.
    private func tellOrganizers(
        of series: Int,
        titled title: String,
        _ person: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        let groups = try await sql.select().column("group_id").from("study_organizers")
            .where("series_id", .equal, series).where(
                "status",
                .in,
                [OrganizerStatus.lead.rawValue, OrganizerStatus.accepted.rawValue]
            )
            .column("group_id", as: Int.self)
        try await Notifications.notify(
            try await GroupAccess(sql).personIDs(actingFor: groups, roles: Role.organizing),
            Notice(
                kind: .joinRequest,
                title: "\(person.shownName) asked to enroll in the study series “\(title)”",
                path: StudyPaths.participants(series)
            ),
            except: person.id,
            services: services,
            on: sql
        )
    }

    /// Leaves the series (and its list). Attendance and breakouts already recorded stay.
    package func leave(_ series: Int, by person: CurrentPerson) async throws {
        _ = try await queries.viewer(of: series, person)
        try await sql.delete(from: "study_enrollments").where("series_id", .equal, series)
            .where("person_id", .equal, person.id).run()
    }

    /// The person's list settings: subscribed to the list's messages, and the weekly digest.
    package func settings(_ series: Int, subscribed: Bool, digest: Bool, by person: CurrentPerson) async throws {
        let viewer = try await queries.viewer(of: series, person)
        guard viewer.enrollment != nil else { throw AppError.conflict("Enroll first to get the series’ emails.") }
        try await sql.update("study_enrollments").set("subscribed", to: subscribed).set("digest", to: digest)
            .where("series_id", .equal, series).where("person_id", .equal, person.id).run()
    }

    /// An organizer lets a pending person in, or declines them.
    package func decide(_ series: Int, handle: String, accept: Bool, by person: CurrentPerson) async throws {
        try await queries.requireOrganizer(series, person)
        let changed = try await sql.raw(
            """
            UPDATE study_enrollments SET status = \(bind: accept ? "enrolled" : "declined")
            WHERE series_id = \(bind: series) AND status = 'pending'
            AND person_id = (SELECT id FROM people WHERE handle = \(bind: handle.lowercased())) RETURNING id
            """
        ).all()
        guard !changed.isEmpty else { throw AppError.notFound }
    }

    /// Everyone enrolled or asking, for the organizers only.
    package func participants(_ series: Int, by person: CurrentPerson) async throws -> [Participant] {
        try await queries.requireOrganizer(series, person)
        return try await sql.raw(
            """
            SELECT p.handle, p.display_name, e.status, e.newcomer, e.online, e.subscribed,
            COALESCE(p.email, '') <> '' AS has_email FROM study_enrollments e
            JOIN people p ON p.id = e.person_id WHERE e.series_id = \(bind: series)
            ORDER BY CASE e.status WHEN 'pending' THEN 0 WHEN 'enrolled' THEN 1 ELSE 2 END, lower(p.display_name), p.handle
            """
        ).rows(ParticipantRow.self).map {
            Participant(
                handle: $0.handle,
                name: $0.displayName.isEmpty ? $0.handle : $0.displayName,
                status: $0.status,
                newcomer: $0.newcomer,
                online: $0.online,
                subscribed: $0.subscribed,
                hasEmail: $0.hasEmail
            )
        }
    }

    /// How many of the enrolled the list's mail does not reach (they stopped it, or `Accounts.mailReaches` says no),
    /// for the organizers' participants page, drawn after `participants` checked who asks.
    func withoutMail(_ series: Int) async throws -> Int {
        let rows = try await sql.raw(
            """
            SELECT e.person_id, e.subscribed FROM study_enrollments e
            WHERE e.series_id = \(bind: series) AND e.status = 'enrolled'
            """
        ).rows(ListMemberRow.self)
        let reached = try await Accounts(services: services).mailReaches(personIDs: rows.map(\.personID))
        return rows.filter { !$0.subscribed || !reached.contains($0.personID) }.count
    }

    /// The series an unsubscribe token belongs to, and whether it is still subscribed; nil for an unknown token.
    package func subscription(token: String) async throws -> (series: Int, title: String, subscribed: Bool)? {
        guard let key = try await MailLinks.key(of: token, Self.linkPurpose, at: services.clock(), on: sql) else {
            return nil
        }
        return try await sql.raw(
            """
            SELECT s.id, s.title, e.subscribed FROM study_enrollments e JOIN study_series s ON s.id = e.series_id
            WHERE e.unsubscribe_token = \(bind: key)
            """
        ).row(SubscriptionRow.self).map { ($0.id, $0.title, $0.subscribed) }
    }

    /// Stops the list's mail for the token's holder; true when the token was known.
    package func unsubscribe(token: String) async throws -> Bool {
        guard let key = try await MailLinks.key(of: token, Self.linkPurpose, at: services.clock(), on: sql) else {
            return false
        }
        let rows = try await sql.update("study_enrollments").set("subscribed", to: false).set("digest", to: false)
            .where("unsubscribe_token", .equal, key).returning("id").all()
        return !rows.isEmpty
    }
}

/// An enrollment with the person's handle and name.
private struct ParticipantRow: Decodable {
    let handle: String
    let displayName: String
    let status: EnrollmentStatus
    let newcomer: Bool
    let online: Bool
    let subscribed: Bool
    let hasEmail: Bool
}

/// An enrolled person and whether they take the list's mail, in `withoutMail`.
private struct ListMemberRow: Decodable {
    let personID: Int
    let subscribed: Bool
}

/// The series an unsubscribe token belongs to.
private struct SubscriptionRow: Decodable {
    let id: Int
    let title: String
    let subscribed: Bool
}
