import FluentKit
import Foundation
import FreshgroundWeb
import People
import SQLKit

/// A group's requirement that its organizers use two-factor sign-in, and what People asks of Groups to hold
/// organizers to it (`TwoFactorDuties`).
struct GroupTwoFactor: Sendable {
    let services: AppServices

    /// Whether the group requires two-factor sign-in of its organizers.
    func required(_ group: Group) async throws -> Bool {
        try await services.store.sql.select().column("require_two_factor").from("groups")
            .where("id", .equal, group.id).value("require_two_factor", as: Bool.self) ?? false
    }

    /// Refuses to turn the requirement on for someone who has not set up two-factor sign-in themselves, so an
    /// organizer does not hold others to what they skip (and is not sent off to set it up mid-form).
    func check(_ group: Group, required: Bool, by person: CurrentPerson) async throws {
        guard required, try await !self.required(group) else { return }
        guard try await TwoFactor(services: services).enrolled(person.id) else {
            throw AppError.validation([
                "require_two_factor":
                    "Set up two-factor sign-in for yourself first, at /me/two-factor, then require it of the "
                    + "group's organizers."
            ])
        }
    }

    func save(_ group: Group, required: Bool) async throws {
        try await services.store.sql.update("groups").set("require_two_factor", to: required)
            .where("id", .equal, group.id).run()
    }

    /// The groups `personID` organizes, and the names of those that require two-factor sign-in of organizers.
    @Sendable static func duty(of personID: Int, on sql: any SQLDatabase) async throws -> TwoFactorDuty {
        let rows = try await sql.select().column(SQLColumn("name", table: "g"))
            .column(SQLColumn("require_two_factor", table: "g"))
            .from(SQLAlias(SQLIdentifier("memberships"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("groups"), as: SQLIdentifier("g")),
                on: SQLColumn("group_id", table: "m"),
                .equal,
                SQLColumn("id", table: "g")
            )
            .where(SQLColumn("person_id", table: "m"), .equal, SQLBind(personID))
            .where(SQLColumn("role", table: "m"), .equal, SQLBind(Role.organizer.rawValue))
            .where(SQLColumn("status", table: "m"), .equal, SQLBind(MembershipStatus.active.rawValue))
            .rows(OrganizedGroup.self)
        return TwoFactorDuty(
            organizes: !rows.isEmpty,
            requiredBy: rows.filter(\.requireTwoFactor).map(\.name).sorted()
        )
    }
}

/// A group someone organizes, and whether it requires two-factor sign-in of its organizers.
private struct OrganizedGroup: Decodable {
    let name: String
    let requireTwoFactor: Bool
}

/// Groups may require two-factor sign-in of their organizers; none does until an organizer turns it on.
struct AddGroupsRequireTwoFactor: AsyncMigration {
    var name: String { "AddGroupsRequireTwoFactor" }

    func prepare(on database: any Database) async throws {
        try await database.schema("groups")
            .field("require_two_factor", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("groups").deleteField("require_two_factor").update()
    }
}
