import SQLKit

/// The signatures that count (`PetitionQueries.counted`), kept counted per petition and group they came through in
/// `campaign_signature_counts`, so no page counts rows of `campaign_signatures`. Every write that makes a signature
/// start or stop counting calls `increment` or `decrement` in its own transaction; a bulk insert of signatures (the
/// demo) calls `rebuild` afterwards. Reads go through `PetitionQueries`.
package enum SignatureCounts {
    /// A signature of `petition` through `group` counts from now.
    static func increment(petition: Int, group: Int, on sql: any SQLDatabase) async throws {
        try await add(1, petition: petition, group: group, on: sql)
    }

    /// A signature of `petition` through `group` that counted stops counting.
    static func decrement(petition: Int, group: Int, on sql: any SQLDatabase) async throws {
        try await add(-1, petition: petition, group: group, on: sql)
    }

    /// Counts the campaign's signatures again from `campaign_signatures`, for writes that bypass `increment`.
    package static func rebuild(campaign: Int, on sql: any SQLDatabase) async throws {
        let petitions: SQLQueryString = "SELECT p.id FROM campaign_petitions p WHERE p.campaign_id = \(bind: campaign)"
        try await sql.raw("DELETE FROM campaign_signature_counts WHERE petition_id IN (\(petitions))").run()
        try await sql.raw(
            """
            INSERT INTO campaign_signature_counts (petition_id, via_group_id, signatures)
            SELECT s.petition_id, s.via_group_id, COUNT(*) FROM campaign_signatures s
            WHERE s.petition_id IN (\(petitions)) AND \(PetitionQueries.counted)
            GROUP BY s.petition_id, s.via_group_id
            """
        ).run()
    }

    /// One upsert: a group's first signature of a petition makes its row.
    private static func add(_ delta: Int, petition: Int, group: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO campaign_signature_counts (petition_id, via_group_id, signatures)
            VALUES (\(bind: petition), \(bind: group), \(bind: delta))
            ON CONFLICT (petition_id, via_group_id)
            DO UPDATE SET signatures = campaign_signature_counts.signatures + excluded.signatures
            """
        ).run()
    }
}
