import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A signed-in signer's signatures and the boxes they ticked, for their download; and what deleting the account
/// does to them: each confirmed signature stays counted for the group it came through, with the name and
/// address emptied, the account unlinked and the opt-ins deleted.
enum SignatureRecords {
    static func data(of person: Int, on sql: any SQLDatabase) async throws -> JSONValue {
        .object([
            "signatures": try await AccountRecords.rows(
                """
                SELECT s.id, c.title AS campaign_title, p.kind, p.title AS petition_title, g.name AS via_group_name, \
                s.name, s.email, s.status, s.created_at, s.confirmed_at, s.unsubscribed_at \
                FROM campaign_signatures s JOIN campaign_petitions p ON p.id = s.petition_id \
                JOIN campaigns c ON c.id = p.campaign_id JOIN groups g ON g.id = s.via_group_id \
                WHERE s.person_id = \(bind: person) ORDER BY s.id
                """,
                on: sql
            ),
            "optIns": try await AccountRecords.rows(
                """
                SELECT o.signature_id, g.name AS group_name, o.wording, o.consented_at, o.withdrawn_at \
                FROM campaign_contact_optins o JOIN campaign_signatures s ON s.id = o.signature_id \
                JOIN groups g ON g.id = o.group_id WHERE s.person_id = \(bind: person) ORDER BY o.id
                """,
                on: sql
            ),
        ])
    }

    /// Changes no count (`SignatureCounts`): a confirmed signature becomes erased and still counts, and every other
    /// status (unconfirmed, withdrawn) stays as it was, uncounted.
    static func forget(_ person: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            DELETE FROM campaign_contact_optins
            WHERE signature_id IN (SELECT id FROM campaign_signatures WHERE person_id = \(bind: person))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE campaign_signatures SET status = CASE WHEN status = 'confirmed' THEN 'erased' ELSE status END,
            name = '', email = NULL, person_id = NULL WHERE person_id = \(bind: person)
            """
        ).run()
    }
}
