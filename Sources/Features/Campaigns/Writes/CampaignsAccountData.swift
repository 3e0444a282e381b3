import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// What Campaigns holds about a person, for their download. Nothing is deleted with the account: the campaigns
/// they started, the invitations they sent or answered and the statements they wrote were done for their
/// groups, and stay under the emptied account ("deleted account").
struct CampaignsAccountData {
    let services: AppServices

    func data(of person: Int) async throws -> [String: JSONValue] {
        let sql = services.store.sql
        func rows(_ query: SQLQueryString) async throws -> JSONValue { try await AccountRecords.rows(query, on: sql) }
        return [
            "campaignsStarted": try await rows(
                "SELECT id, title, created_at FROM campaigns WHERE created_by = \(bind: person) ORDER BY id"
            ),
            "campaignStatements": try await rows(
                """
                SELECT s.campaign_id, c.title AS campaign_title, g.name AS group_name, s.version, s.position, \
                s.reservations, s.slogans, s.created_at FROM campaign_statements s \
                JOIN campaigns c ON c.id = s.campaign_id JOIN groups g ON g.id = s.group_id \
                WHERE s.author_id = \(bind: person) ORDER BY s.id
                """
            ),
            "campaignAnswers": try await rows(
                """
                SELECT p.campaign_id, c.title AS campaign_title, g.name AS group_name, p.status, p.invited_at, \
                p.decided_at, p.withdrawn_at FROM campaign_participants p \
                JOIN campaigns c ON c.id = p.campaign_id JOIN groups g ON g.id = p.group_id \
                WHERE p.invited_by = \(bind: person) OR p.decided_by = \(bind: person) \
                OR p.withdrawn_by = \(bind: person) ORDER BY p.id
                """
            ),
            "campaignSignatures": try await SignatureRecords.data(of: person, on: sql),
            "campaignDemands": try await rows(
                """
                SELECT d.campaign_id, c.title AS campaign_title, d.version, d.text, d.outcome, d.created_at \
                FROM campaign_demands d JOIN campaigns c ON c.id = d.campaign_id \
                WHERE d.created_by = \(bind: person) ORDER BY d.id
                """
            ),
            "campaignActions": try await rows(
                """
                SELECT a.campaign_id, c.title AS campaign_title, g.name AS group_name, a.kind, a.event_id, \
                a.post_id, a.created_at FROM campaign_actions a JOIN campaigns c ON c.id = a.campaign_id \
                JOIN groups g ON g.id = a.group_id WHERE a.added_by = \(bind: person) ORDER BY a.id
                """
            ),
            "coalitionReports": try await rows(
                """
                SELECT r.month, c.name AS coalition_name, g.name AS group_name, r.did, r.learned, r.needs, \
                r.created_at, r.updated_at FROM coalition_reports r \
                JOIN groups c ON c.id = r.coalition_id JOIN groups g ON g.id = r.group_id \
                WHERE r.author_id = \(bind: person) ORDER BY r.id
                """
            ),
        ]
    }
}
