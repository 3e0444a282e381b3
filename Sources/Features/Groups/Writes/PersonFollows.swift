import FreshgroundWeb
import SQLKit

/// A person following a public group to read its posts in their feed. It gives no rights and is shown to nobody
/// but the person.
package struct PersonFollows: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// Follows a public group the person does not belong to (a member reads its posts already).
    package func follow(_ group: Group, standing: Standing, person: CurrentPerson) async throws {
        guard group.visibility == .public else { throw AppError.notFound }
        guard !standing.isActiveMember else {
            throw AppError.conflict("You are a member: its posts are in your feed already.")
        }
        guard try await !isFollowing(group, person: person) else { return }
        do {
            try await sql.insert(into: "person_follows").columns("person_id", "group_id", "created_at")
                .values(SQLBind(person.id), SQLBind(group.id), SQLBind(services.clock())).run()
        } catch  where error.isConstraintFailure {
            // Followed twice at once: the first one stands.
        }
    }

    package func unfollow(_ group: Group, person: CurrentPerson) async throws {
        try await sql.delete(from: "person_follows").where("person_id", .equal, person.id)
            .where("group_id", .equal, group.id).run()
    }

    package func isFollowing(_ group: Group, person: CurrentPerson) async throws -> Bool {
        try await sql.raw(
            """
            SELECT 1 AS one FROM person_follows WHERE person_id = \(bind: person.id) AND group_id = \(bind: group.id)
            """
        ).first() != nil
    }
}
