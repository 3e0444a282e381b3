import FluentKit
import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What someone else read about a person: their pledges, load, attendance, assessments or notes. Every such read
/// writes a row here (who, for which group, what, when), and the person reads them all on "what organizers can see
/// about me". Reading one's own never writes a row.
package enum AccessLog {
    /// What was read.
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case pledge, load, attendance, assessment, notes, export

        package var label: String {
            switch self {
            case .pledge: "your pledged hours"
            case .load: "whether work would take you over your pledge"
            case .attendance: "your attendance and activity"
            case .assessment: "your stage in the group and suggestions for you"
            case .notes: "check-in notes about you"
            case .export: "your name, role and pledge in an export of the member list"
            }
        }
    }

    /// One read, as the person sees it.
    package struct Entry: Sendable, Codable, Equatable {
        package let viewerName: String
        package let viewerHandle: String
        package let groupName: String?
        package let what: Kind
        package let at: Date
    }

    /// Records that `viewer` read `what` about each of `people` for `group`, on `sql` (which may be a transaction).
    /// Nothing is written for the viewer's own rows.
    package static func record(
        _ people: [Int],
        _ what: Kind,
        viewer: Int,
        group: Int?,
        at: Date,
        on sql: any SQLDatabase
    ) async throws {
        let others = Array(Set(people.filter { $0 != viewer })).sorted()
        for chunk in stride(from: 0, to: others.count, by: 500) {
            let insert = sql.insert(into: "access_log").columns("person_id", "viewer_id", "group_id", "what", "at")
            for person in others[chunk..<min(chunk + 500, others.count)] {
                insert.values(SQLBind(person), SQLBind(viewer), SQLBind(group), SQLBind(what.rawValue), SQLBind(at))
            }
            try await insert.run()
        }
    }

    /// The reads of the person's data by others, newest first.
    package static func entries(of person: Int, limit: Int = 200, on sql: any SQLDatabase) async throws -> [Entry] {
        try await sql.raw(
            """
            SELECT COALESCE(v.display_name, 'someone whose account is gone') AS viewer_name, COALESCE(v.handle, '') AS viewer_handle, g.name AS group_name, l.what, l.at \
            FROM access_log l LEFT JOIN people v ON v.id = l.viewer_id LEFT JOIN groups g ON g.id = l.group_id \
            WHERE l.person_id = \(bind: person) ORDER BY l.at DESC, l.id DESC LIMIT \(unsafeRaw: String(limit))
            """
        ).rows(Entry.self)
    }
}

/// The record of who read what about whom (`AccessLog`).
struct CreateAccessLog: AsyncMigration {
    var name: String { "CreateAccessLog" }

    func prepare(on database: any Database) async throws {
        try await database.schema("access_log")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .cascade))
            .field("viewer_id", .int, .references("people", "id", onDelete: .setNull))
            .field("group_id", .int, .references("groups", "id", onDelete: .setNull))
            .field("what", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX access_log_person ON access_log (person_id, at)")
            .run()
    }

    func revert(on database: any Database) async throws { try await database.schema("access_log").delete() }
}
