import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A coalition's monthly digest by email: once per coalition and month (its `coalition_digests` row is the claim),
/// one message to each organizer of the coalition and of the groups taking part that month who has an email
/// address, each drawn for its recipient as the page is (a private group they may not see is "a private group").
struct ReportDigest: Sendable {
    let services: AppServices

    /// The fixed subject, which names nothing: subjects show on lock screens.
    static let subject = "Monthly reports from your coalition"

    private var sql: any SQLDatabase { services.store.sql }

    func hasReports(_ coalition: Int, _ month: ReportMonth) async throws -> Bool {
        try await sql.count(
            { $0.where("coalition_id", .equal, coalition).where("month", .equal, month.description) },
            from: "coalition_reports"
        ) > 0
    }

    /// Sends the digest of `month` of every coalition that has a report for it and has not sent it; returns how
    /// many messages were queued. A month nobody reported waits, so a late first report still goes out.
    func sendDue(_ month: ReportMonth) async throws -> Int {
        let due = try await sql.raw(
            """
            SELECT DISTINCT r.coalition_id FROM coalition_reports r WHERE r.month = \(bind: month.description)
            AND NOT EXISTS (SELECT 1 FROM coalition_digests d WHERE d.coalition_id = r.coalition_id AND d.month = r.month)
            ORDER BY r.coalition_id
            """
        ).column("coalition_id", as: Int.self)
        var queued = 0
        for id in due {
            guard let coalition = try await GroupQueries(services: services).group(id: id) else { continue }
            queued += try await send(coalition, month: month) ?? 0
        }
        return queued
    }

    /// Claims the coalition's digest of `month` and queues its messages in the claim's transaction; returns how
    /// many, or nil when it was claimed before. Call `services.deliverMailSoon()` afterwards.
    func send(_ coalition: Group, month: ReportMonth) async throws -> Int? {
        let groups = try await sql.raw(
            "SELECT t.group_id FROM (\(ReportAccess.takingPart(in: month, coalition: coalition.id))) t"
        ).column("group_id", as: Int.self)
        let organizers = try await GroupAccess(sql).personIDs(actingFor: [coalition.id] + groups)
        let recipients =
            organizers.isEmpty
            ? []
            : try await sql.select().columns("id", "handle", "display_name", "email").from("people")
                .where("id", .in, organizers).where("email", .isNot, SQLLiteral.null).orderBy("id")
                .rows(Recipient.self)
        var messages: [(Recipient, String)] = []
        for recipient in recipients {
            let viewer = CurrentPerson(
                id: recipient.id,
                handle: recipient.handle,
                displayName: recipient.displayName,
                isAdmin: false
            )
            let digest = try await ReportQueries(services: services).digest(coalition, month: month, viewer: viewer)
            messages.append((recipient, text(digest)))
        }
        let outgoing = messages
        let now = services.clock()
        let page = CampaignPaths.digest(coalition.slug, month.description)
        return try await services.store.transaction { sql -> Int? in
            let claimed = try await sql.raw(
                """
                INSERT INTO coalition_digests (coalition_id, month, sent_at)
                VALUES (\(bind: coalition.id), \(bind: month.description), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING coalition_id
                """
            ).all()
            guard !claimed.isEmpty else { return nil }
            for (recipient, body) in outgoing {
                try await services.queueMail(
                    to: recipient.email,
                    name: recipient.displayName.isEmpty ? recipient.handle : recipient.displayName,
                    subject: Self.subject,
                    body: body,
                    signaturePath: page,
                    on: sql
                )
            }
            return outgoing.count
        }
    }

    /// The digest as one recipient reads it.
    func text(_ digest: MonthDigest) -> String {
        var parts = [
            "Reports to \(digest.coalition.name) for \(digest.month.label), from the groups taking part in its campaigns."
        ]
        for report in digest.reports {
            var lines = ["== \(report.name) ==", "What we did:\n\(report.did)"]
            if !report.learned.isEmpty { lines.append("What we learned:\n\(report.learned)") }
            if !report.needs.isEmpty { lines.append("What we need:\n\(report.needs)") }
            parts.append(lines.joined(separator: "\n\n"))
        }
        if !digest.missing.isEmpty {
            parts.append("Not reported yet: \(digest.missing.map(\.name).joined(separator: ", ")).")
        }
        parts.append(
            """
            Every report, and any filed or changed later, is on the page:
            \(services.site.base)\(CampaignPaths.digest(digest.coalition.slug, digest.month.description))
            """
        )
        return parts.joined(separator: "\n\n")
    }

    private struct Recipient: Decodable {
        let id: Int
        let handle: String
        let displayName: String
        let email: String
    }
}
