import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Each group's own statement in a campaign, in versions: only that group's organizers and editors write it,
/// while it takes part; every version stays.
package struct Statements: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Saves a new version of the statement of the group with `slug`; returns its number. Refused for anyone who
    /// does not speak for that group, and once it has withdrawn. A version saved since `baseVersion` refuses the
    /// save with the text kept, so two writers never overwrite each other.
    package func save(
        _ id: Int,
        group slug: String,
        _ input: StatementInput,
        by person: CurrentPerson
    ) async throws -> Int {
        _ = try await CampaignQueries(services: services).campaign(id, viewer: person)
        guard
            let group = try await GroupAccess(services.store.sql).group(
                slug: slug,
                actingFor: person,
                roles: CampaignRules.speakingRoles
            )
        else { throw AppError.forbidden("Only the organizers and editors of that group can write its statement.") }
        let input = try input.checked()
        return try await services.store.transaction { sql in
            guard
                let row = try await sql.select().columns("status", "statement_version").from("campaign_participants")
                    .where("campaign_id", .equal, id).where("group_id", .equal, group)
                    .row(StandingRow.self),
                row.status.takesPart
            else {
                throw AppError.forbidden("Only a group taking part in the campaign can publish a statement in it.")
            }
            guard row.statementVersion == input.baseVersion else {
                throw AppError.validation([FieldSet.formMessage: Self.newerVersion])
            }
            let version = row.statementVersion + 1
            do {
                try await sql.insert(into: "campaign_statements")
                    .columns(
                        "campaign_id",
                        "group_id",
                        "version",
                        "position",
                        "reservations",
                        "slogans",
                        "position_html",
                        "reservations_html",
                        "author_id",
                        "created_at"
                    )
                    .values(
                        SQLBind(id),
                        SQLBind(group),
                        SQLBind(version),
                        SQLBind(input.position),
                        SQLBind(input.reservations),
                        SQLBind(input.slogans),
                        SQLBind(Markdown.html(input.position)),
                        SQLBind(Markdown.html(input.reservations)),
                        SQLBind(person.id),
                        SQLBind(services.clock())
                    )
                    .run()
            } catch  where error.isConstraintFailure {
                throw AppError.validation([FieldSet.formMessage: Self.newerVersion])
            }
            try await sql.update("campaign_participants").set("statement_version", to: version)
                .where("campaign_id", .equal, id).where("group_id", .equal, group).run()
            return version
        }
    }

    private static let newerVersion =
        "Someone in your group saved a newer version meanwhile. Yours is kept below: read theirs, then save again."

    private struct StandingRow: Decodable {
        let status: ParticipantStatus
        let statementVersion: Int
    }
}
