import Foundation
import Testing

extension Visitor {
    /// Creates an invitation link the way an organizer does on the members page (a form post that redirects back
    /// to it) and returns the link's secret, read from the page the redirect shows it on once.
    mutating func createInvite(_ slug: String, days: String = "14", limit: String = "") async throws -> String {
        let created = try await post("/groups/\(slug)/invites", [("expires_in", days), ("max_uses", limit)])
        guard created.status == .seeOther, created.location == "/groups/\(slug)/members" else {
            throw TestFailure("could not create an invitation: \(created.status) \(created.body.prefix(2000))")
        }
        return try inviteToken(in: try await get("/groups/\(slug)/members"))
    }
}

/// The secret of the invitation link a page shows in its flash message, after the site's address.
func inviteToken(in page: Page) throws -> String {
    let link = try #require(
        page.body.firstMatch(
            of: #/Share this invitation link [^:]*: http://127\.0\.0\.1:8080/invites/([A-Za-z0-9_-]+)/#
        ),
        "no new invitation link on the page"
    )
    return String(link.output.1)
}
