import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// What Campaigns sends on its own (the server calls it every few minutes): for the month just ended (UTC), from
/// the 3rd of the next month one reminder to each group taking part that has not reported, and from the 6th each
/// coalition's digest, each once. Returns how many groups were reminded and digest messages queued.
package func sendCampaignMail(services: AppServices) async throws -> Int {
    let now = services.clock()
    let month = ReportMonth(containing: now).previous
    var queued = 0
    if now >= month.remindersDue { queued += try await ReportReminders(services: services).sendDue(month) }
    if now >= month.digestDue { queued += try await ReportDigest(services: services).sendDue(month) }
    if queued > 0 { services.deliverMailSoon() }
    return queued
}

/// The one reminder per group, coalition and month: a `report_due` notice to the organizers and editors of each
/// group taking part that has not reported. Its `coalition_report_reminders` row is the claim.
struct ReportReminders: Sendable {
    let services: AppServices

    func sendDue(_ month: ReportMonth) async throws -> Int {
        let key = month.description
        let due = try await services.store.sql.raw(
            """
            SELECT t.coalition_id, t.group_id, c.slug AS coalition_slug, c.name AS coalition_name,
            g.slug AS group_slug, g.name AS group_name
            FROM (\(ReportAccess.takingPart(in: month))) t
            JOIN groups c ON c.id = t.coalition_id JOIN groups g ON g.id = t.group_id
            WHERE NOT EXISTS (SELECT 1 FROM coalition_reports r WHERE r.coalition_id = t.coalition_id
            AND r.group_id = t.group_id AND r.month = \(bind: key))
            AND NOT EXISTS (SELECT 1 FROM coalition_report_reminders s WHERE s.coalition_id = t.coalition_id
            AND s.group_id = t.group_id AND s.month = \(bind: key))
            ORDER BY t.coalition_id, t.group_id
            """
        ).rows(DueRow.self)
        var reminded = 0
        let now = services.clock()
        for row in due {
            reminded += try await services.store.transaction { sql in
                let claimed = try await sql.raw(
                    """
                    INSERT INTO coalition_report_reminders (coalition_id, group_id, month, sent_at)
                    VALUES (\(bind: row.coalitionID), \(bind: row.groupID), \(bind: key), \(bind: now))
                    ON CONFLICT DO NOTHING RETURNING group_id
                    """
                ).all()
                guard !claimed.isEmpty else { return 0 }
                let title =
                    row.groupID == row.coalitionID
                    ? "\(row.groupName)’s own report for \(month.label) is due"
                    : "\(row.groupName)’s report to \(row.coalitionName) for \(month.label) is due"
                try await Notifications.notify(
                    try await GroupAccess(sql).personIDs(actingFor: [row.groupID], roles: CampaignRules.speakingRoles),
                    Notice(
                        kind: .reportDue,
                        title: title,
                        body: "A short report of what your group did, learned and needs, for the coalition’s digest.",
                        path: CampaignPaths.report(row.coalitionSlug, key, row.groupSlug)
                    ),
                    services: services,
                    on: sql
                )
                return 1
            }
        }
        return reminded
    }

    private struct DueRow: Decodable {
        let coalitionID: Int
        let groupID: Int
        let coalitionSlug: String
        let coalitionName: String
        let groupSlug: String
        let groupName: String
    }
}
