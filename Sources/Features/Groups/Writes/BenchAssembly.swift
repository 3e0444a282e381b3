import Foundation
import FreshgroundStore
import SQLKit

/// A private circle whose active members are every account with a handle starting `prefix` (the first in id order
/// its organizer), written in two statements: for benchmarks that need a large group without a join request each.
/// Memberships are written here, in Groups, like every other membership.
package enum BenchAssembly {
    package static func create(membersNamed prefix: String, now: Date, on sql: any SQLDatabase) async throws -> Int {
        let groupID = try await sql.insertReturningID(
            into: "groups",
            [
                "slug": "bench-assembly", "name": "Bench Assembly", "kind": "circle", "description": "",
                "place_kind": "city", "city": "Leeds", "city_key": "leeds", "place_name": "", "visibility": "private",
                "join_policy": "open", "members_visible": false, "basis": "", "basis_version": 1, "created_at": now,
            ]
        )
        try await sql.raw(
            """
            INSERT INTO memberships (group_id, person_id, role, status, created_at) \
            SELECT \(bind: groupID), id, CASE WHEN id = (SELECT MIN(id) FROM people WHERE handle LIKE \(bind: prefix + "%")) \
            THEN 'organizer' ELSE 'member' END, 'active', \(bind: now) FROM people WHERE handle LIKE \(bind: prefix + "%")
            """
        ).run()
        return groupID
    }
}
