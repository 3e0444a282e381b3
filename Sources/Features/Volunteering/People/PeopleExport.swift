import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A group's active members as CSV for its organizers, with what the members page already shows them (name,
/// handle, role, join day, weekly pledge) and never an address, which organizers do not see. Every export writes
/// one access-log row per person in it, so each person can read that their row left the site. The file reads back
/// with the "Freshground" preset; its consent column is left empty for the organizer to fill in.
struct PeopleExport: Sendable {
    let services: AppServices

    static let header = ["handle", "name", "role", "joined_on", "pledge_hours", "consent"]

    /// The file's name and text.
    func csv(_ group: Group, by person: CurrentPerson) async throws -> (filename: String, text: String) {
        let rows = try await MembershipWrites(services: services).members(of: group).filter { $0.status == .active }
        try await AccessLog.record(
            rows.map(\.personID),
            .export,
            viewer: person.id,
            group: group.id,
            at: services.clock(),
            on: services.store.sql
        )
        let lines = rows.sorted { $0.handle < $1.handle }.map { row -> [String] in
            [
                row.handle, row.displayName, row.role.rawValue, IsoDay.format(IsoDay.day(of: row.joinedAt)),
                row.pledgeHours.map { String(format: "%g", $0) } ?? "", "",
            ]
        }
        let day = IsoDay.format(IsoDay.day(of: services.clock()))
        return ("\(group.slug)-members-\(day).csv", CSV.document(header: Self.header, rows: lines, guardFormulas: true))
    }
}
