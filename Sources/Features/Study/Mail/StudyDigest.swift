import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// The weekly digest, for participants who ask for it: the coming week's sessions and the reports written since
/// the last digest. A series with nothing to tell sends none that week.
package struct StudyDigest: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    static let week: TimeInterval = 7 * 86_400

    /// Sends each series' digest when a week has passed since its last; returns how many copies were queued.
    package func sendDue(now: Date) async throws -> Int {
        let sql = services.store.sql
        let due = try await sql.raw(
            """
            SELECT s.id, s.title, s.last_digest_at, s.created_at FROM study_series s
            WHERE (s.last_digest_at IS NULL OR s.last_digest_at <= \(bind: now.addingTimeInterval(-Self.week)))
            AND EXISTS (SELECT 1 FROM study_enrollments e WHERE e.series_id = s.id AND e.digest = \(bind: true)
            AND e.subscribed = \(bind: true) AND e.status = 'enrolled')
            """
        ).rows(DueSeries.self)
        var total = 0
        for row in due {
            let series = row.id
            let title = row.title
            let last = row.lastDigestAt
            let since = last ?? row.createdAt
            let body = try await content(series, since: since, now: now)
            let list = StudyList(services: services)
            total += try await services.store.transaction { sql in
                var claim = sql.update("study_series").set("last_digest_at", to: now).where("id", .equal, series)
                claim =
                    last == nil
                    ? claim.where("last_digest_at", .is, SQLLiteral.null) : claim.where("last_digest_at", .equal, last!)
                guard !(try await claim.returning("id").all()).isEmpty, let body else { return 0 }
                return try await list.send(
                    series: series,
                    title: title,
                    week: nil,
                    kind: .digest,
                    subject: "This week in \(title)",
                    body: body,
                    on: sql
                )
            }
        }
        if total > 0 { services.deliverMailSoon() }
        return total
    }

    /// The digest's text, or nil when there is no coming session and no new report.
    func content(_ series: Int, since: Date, now: Date) async throws -> String? {
        let weeks = try await SeriesQueries(services: services).weeks(of: series, withReports: true, withLinks: false)
        let site = services.site.url.trimmingSuffix("/")
        let coming = weeks.filter {
            guard let session = $0.session, !session.cancelled else { return false }
            return session.startsAt > now && session.startsAt <= now.addingTimeInterval(Self.week)
        }
        let reports = weeks.filter { ($0.reportAt ?? .distantPast) > since }
        guard !coming.isEmpty || !reports.isEmpty else { return nil }
        var parts: [String] = []
        if !coming.isEmpty {
            parts.append(
                "Coming sessions:\n"
                    + coming.map { week in
                        let session = week.session!
                        return
                            "- Week \(week.number), \(week.topic): \(ZonedTime.display(session.startsAt, zone: session.timeZone))"
                            + "\n  \(site)/study/\(series)/weeks/\(week.number)"
                    }.joined(separator: "\n")
            )
        }
        if !reports.isEmpty {
            parts.append(
                "New session reports:\n"
                    + reports.map { "- Week \($0.number), \($0.topic): \(site)/study/\(series)/weeks/\($0.number)" }
                    .joined(separator: "\n")
            )
        }
        return parts.joined(separator: "\n\n")
    }
}

/// A series whose digest is due.
private struct DueSeries: Decodable {
    let id: Int
    let title: String
    let lastDigestAt: Date?
    let createdAt: Date
}
