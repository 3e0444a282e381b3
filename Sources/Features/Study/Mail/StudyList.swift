import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// What a list message is.
package enum MailingKind: String, Sendable, Codable {
    case reminder, report, digest
}

/// One message sent to a series' list, and how its copies stand (sent, waiting, failed with the reason).
package struct Mailing: Sendable, Encodable, Equatable {
    package let id: Int
    package let kind: MailingKind
    package let subject: String
    package let createdAt: Date
    package let progress: BatchProgress
}

/// A series' email list: every enrolled participant who has not unsubscribed. Each copy carries the list's
/// headers and the recipient's own unsubscribe link, and goes through the outbox, so a large list is sent in
/// the background with retries and every failure stays visible to the organizers.
package struct StudyList: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    struct Recipient {
        let address: String
        let name: String
        let token: String
    }

    /// Queues one message to the series' list (only to those who chose the digest, for a digest) in the
    /// caller's transaction; returns how many copies.
    @discardableResult
    package func send(
        series: Int,
        title: String,
        week: Int?,
        kind: MailingKind,
        subject: String,
        body: String,
        on sql: any SQLDatabase
    ) async throws -> Int {
        let digest: SQLQueryString = kind == .digest ? "AND e.digest = \(bind: true)" : ""
        let rows = try await sql.raw(
            """
            SELECT p.email, p.display_name, p.handle, e.unsubscribe_token FROM study_enrollments e
            JOIN people p ON p.id = e.person_id
            WHERE e.series_id = \(bind: series) AND e.status = 'enrolled' AND e.subscribed = \(bind: true)
            AND p.email IS NOT NULL \(digest)
            ORDER BY e.id
            """
        ).rows(RecipientRow.self)
        guard !rows.isEmpty else { return 0 }
        let now = services.clock()
        // Each copy's unsubscribe link gets a token of its own, kept only as a digest, for the enrollment's key.
        let tokens = try await MailLinks.mint(
            Enrollments.linkPurpose,
            for: rows.map(\.unsubscribeToken),
            at: now,
            on: sql
        )
        let recipients = zip(rows, tokens).map { row, token in
            Recipient(address: row.email, name: row.displayName.isEmpty ? row.handle : row.displayName, token: token)
        }
        let mailing = try await sql.insertReturningID(
            into: "study_mailings",
            [
                "series_id": series, "week_id": week, "kind": kind.rawValue, "subject": subject, "batch": "",
                "recipients": recipients.count, "created_at": now,
            ]
        )
        let batch = "study-mailing-\(mailing)"
        try await sql.update("study_mailings").set("batch", to: batch).where("id", .equal, mailing).run()
        let site = services.site.url.trimmingSuffix("/")
        let host = URL(string: site)?.host ?? "localhost"
        let outbox = services.outbox
        for recipient in recipients {
            let unsubscribe = "\(site)/study/unsubscribe/\(recipient.token)"
            let message = MailMessage(
                to: recipient.address,
                toName: recipient.name,
                subject: subject,
                body: """
                    \(body)

                    --
                    You get this because you enrolled in “\(title)” on \(services.site.name): \(site)/study/\(series)
                    To stop these emails: \(unsubscribe)
                    """,
                list: MailingList(name: title, id: "study-\(series).\(host)", unsubscribeURL: unsubscribe)
            )
            try await outbox.enqueue(message, on: sql, batch: batch)
        }
        return recipients.count
    }

    /// Every message sent to the series' list, newest first, with how its copies stand; for organizers. A failed
    /// copy is shown by the person's handle, never their email address.
    package func mailings(_ series: Int, by person: CurrentPerson) async throws -> [Mailing] {
        try await SeriesQueries(services: services).requireOrganizer(series, person)
        let sql = services.store.sql
        var mailings: [Mailing] = []
        for row in try await sql.select().columns("*").from("study_mailings").where("series_id", .equal, series)
            .orderBy("id", .descending).limit(100).rows(MailingRow.self)
        {
            let progress = try await services.outbox.progress(of: row.batch, on: sql)
            mailings.append(
                Mailing(
                    id: row.id,
                    kind: row.kind,
                    subject: row.subject,
                    createdAt: row.createdAt,
                    progress: try await withoutAddresses(progress, on: sql)
                )
            )
        }
        return mailings
    }

    /// The progress with each failed address replaced by its owner's handle, in the mail server's answer too.
    private func withoutAddresses(_ progress: BatchProgress, on sql: any SQLDatabase) async throws -> BatchProgress {
        guard !progress.failed.isEmpty else { return progress }
        let addresses = progress.failed.map(\.recipient)
        var handles: [String: String] = [:]
        for row in try await sql.select().columns("handle", "email").from("people").where("email", .in, addresses)
            .rows(HandleRow.self)
        {
            if let email = row.email { handles[email] = "@" + row.handle }
        }
        return BatchProgress(
            total: progress.total,
            sent: progress.sent,
            waiting: progress.waiting,
            failed: progress.failed.map { failure in
                let name = handles[failure.recipient] ?? "a former participant"
                return BatchProgress.Failure(
                    recipient: name,
                    error: failure.error.replacingOccurrences(of: failure.recipient, with: name)
                )
            }
        )
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

/// An enrolled participant on the list, with the key of their unsubscribe links.
private struct RecipientRow: Decodable {
    let email: String
    let displayName: String
    let handle: String
    let unsubscribeToken: String
}

/// A row of `study_mailings`.
private struct MailingRow: Decodable {
    let id: Int
    let kind: MailingKind
    let subject: String
    let batch: String
    let createdAt: Date
}

/// A person's handle by their email address.
private struct HandleRow: Decodable {
    let handle: String
    let email: String?
}
