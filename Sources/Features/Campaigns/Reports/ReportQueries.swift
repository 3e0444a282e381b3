import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// One group's report for a month, as a reader is shown it: a group the reader may not see has an empty slug
/// and the name "a private group"; the author is named only to the group's own members.
struct CoalitionReport: Sendable, Decodable {
    let groupID: Int
    var slug: String
    var name: String
    let did: String
    let learned: String
    let needs: String
    let didHTML: String
    let learnedHTML: String
    let needsHTML: String
    let version: Int
    let createdAt: Date
    let updatedAt: Date
    let author: String?

    var group: GroupRef { GroupRef(slug: slug, name: name) }
}

/// A group taking part that has not reported, named as the reader may see it.
struct MissingReport: Sendable, Decodable {
    let groupID: Int
    var slug: String
    var name: String

    var group: GroupRef { GroupRef(slug: slug, name: name) }
}

/// A coalition's month as one reader is shown it: every report, who has not reported, and when the digest went.
struct MonthDigest: Sendable {
    let coalition: GroupRef
    let month: ReportMonth
    let reports: [CoalitionReport]
    let missing: [MissingReport]
    let sentAt: Date?

    /// True when the report was filed or changed after the digest went out, so only the page shows it so.
    func isLate(_ report: CoalitionReport) -> Bool { sentAt.map { report.updatedAt > $0 } ?? false }
}

/// A month in the list of a coalition's reports.
struct ReportMonthSummary: Sendable {
    let month: ReportMonth
    let reports: Int
    let sentAt: Date?
}

/// Reading a coalition's reports, always for one reader, whose access was checked (`ReportAccess`).
struct ReportQueries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The month's reports and the groups taking part that have not reported, named as `viewer` may see them.
    /// The coalition itself is named, since the reader was let in to read its reports.
    func digest(_ coalition: Group, month: ReportMonth, viewer: CurrentPerson) async throws -> MonthDigest {
        let reports = try await sql.raw(
            """
            SELECT r.group_id, \(GroupAccess.shownColumns("g", to: viewer)), r.did, r.learned, r.needs, r.did_html,
            r.learned_html, r.needs_html, r.version, r.created_at, r.updated_at,
            CASE WHEN \(GroupAccess.actsFor("r.group_id", viewer))
            THEN CASE WHEN a.display_name = '' THEN a.handle ELSE a.display_name END ELSE NULL END AS author
            FROM coalition_reports r JOIN groups g ON g.id = r.group_id LEFT JOIN people a ON a.id = r.author_id
            WHERE r.coalition_id = \(bind: coalition.id) AND r.month = \(bind: month.description) ORDER BY r.id
            """
        ).rows(CoalitionReport.self)
        let missing = try await sql.raw(
            """
            SELECT t.group_id, \(GroupAccess.shownColumns("g", to: viewer))
            FROM (\(ReportAccess.takingPart(in: month, coalition: coalition.id))) t JOIN groups g ON g.id = t.group_id
            WHERE NOT EXISTS (SELECT 1 FROM coalition_reports r WHERE r.coalition_id = t.coalition_id
            AND r.group_id = t.group_id AND r.month = \(bind: month.description))
            ORDER BY t.group_id
            """
        ).rows(MissingReport.self)
        let ref = GroupRef(slug: coalition.slug, name: coalition.name)
        return MonthDigest(
            coalition: ref,
            month: month,
            reports: reports.map { report in
                var report = report
                if report.groupID == coalition.id { (report.slug, report.name) = (ref.slug, ref.name) }
                return report
            },
            missing: missing.map { group in
                var group = group
                if group.groupID == coalition.id { (group.slug, group.name) = (ref.slug, ref.name) }
                return group
            },
            sentAt: try await sentAt(coalition.id, month)
        )
    }

    /// When the month's digest went out, if it did.
    func sentAt(_ coalition: Int, _ month: ReportMonth) async throws -> Date? {
        try await sql.select().column("sent_at").from("coalition_digests").where("coalition_id", .equal, coalition)
            .where("month", .equal, month.description).value("sent_at", as: Date.self)
    }

    /// One group's own report for the month, for its form.
    func report(_ coalition: Int, group: Int, month: ReportMonth) async throws -> ReportText? {
        try await sql.select().columns("did", "learned", "needs", "version").from("coalition_reports")
            .where("coalition_id", .equal, coalition).where("group_id", .equal, group)
            .where("month", .equal, month.description).row(ReportText.self)
    }

    /// The months from the first in which a group took part in one of the coalition's campaigns to `now`'s,
    /// newest first (at most three years), with how many reported and when the digest went.
    func months(_ coalition: Int, now: Date) async throws -> [ReportMonthSummary] {
        guard
            let first = try await sql.raw(
                """
                SELECT MIN(p.decided_at) AS first FROM campaigns c JOIN campaign_participants p ON p.campaign_id = c.id
                WHERE c.lead_group_id = \(bind: coalition) AND p.status IN ('lead', 'accepted', 'withdrawn')
                """
            ).row(FirstRow.self)?.first
        else { return [] }
        let counts = try await sql.raw(
            """
            SELECT month, COUNT(*) AS n FROM coalition_reports WHERE coalition_id = \(bind: coalition) GROUP BY month
            """
        ).rows(CountRow.self)
        let sent = try await sql.select().columns("month", "sent_at").from("coalition_digests")
            .where("coalition_id", .equal, coalition).rows(SentRow.self)
        let reported = Dictionary(counts.map { ($0.month, $0.n) }, uniquingKeysWith: { a, _ in a })
        let sentAt = Dictionary(sent.map { ($0.month, $0.sentAt) }, uniquingKeysWith: { a, _ in a })
        var months: [ReportMonthSummary] = []
        var month = ReportMonth(containing: now)
        let start = ReportMonth(containing: first)
        while month >= start && months.count < 36 {
            months.append(
                ReportMonthSummary(
                    month: month,
                    reports: reported[month.description] ?? 0,
                    sentAt: sentAt[month.description]
                )
            )
            month = month.previous
        }
        return months
    }

    private struct FirstRow: Decodable { let first: Date? }
    private struct CountRow: Decodable {
        let month: String
        let n: Int
    }
    private struct SentRow: Decodable {
        let month: String
        let sentAt: Date
    }
}

/// A report's text as its group's writers edit it.
struct ReportText: Sendable, Decodable {
    let did: String
    let learned: String
    let needs: String
    let version: Int
}
