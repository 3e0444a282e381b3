import FreshgroundStore
import FreshgroundWeb
import People
import SQLKit

/// That a person took part in an inquiry is theirs: in their download (their answers are not linked to them, so
/// they cannot be listed), and gone with their account; the anonymous answers stay in the counts.
enum InquiryRecords {
    static func data(of person: Int, on sql: any SQLDatabase) async throws -> [String: JSONValue] {
        [
            "inquiriesTakenPart": try await AccountRecords.rows(
                """
                SELECT i.id, i.title, c.title AS campaign_title, p.answered_on FROM inquiry_participants p \
                JOIN inquiries i ON i.id = p.inquiry_id JOIN campaigns c ON c.id = i.campaign_id \
                WHERE p.person_id = \(bind: person) ORDER BY i.id
                """,
                on: sql
            )
        ]
    }

    static func forget(_ person: Int, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "inquiry_participants").where("person_id", .equal, person).run()
    }
}
