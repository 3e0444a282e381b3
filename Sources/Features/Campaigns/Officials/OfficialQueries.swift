import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading officials as one viewer: the records of a public group are everyone's, those of a private group only
/// its members' (`GroupQueries.visibleGroup`; "not found" for anyone else). Organizers of the recording group
/// write (`GroupRules.canManage`).
struct OfficialQueries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The group's officials, by name.
    func list(slug: String, viewer: CurrentPerson?) async throws -> (Group, Standing, [Official]) {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: viewer)
        let officials = try await sql.raw(
            """
            SELECT \(unsafeRaw: Official.columns) FROM officials WHERE group_id = \(bind: group.id)
            ORDER BY name, id LIMIT 500
            """
        ).rows(Official.self)
        return (group, standing, officials)
    }

    /// Everything recorded about the official, or "not found" when the viewer may not see the recording group.
    /// Votes are read `votes` at a time, 50 a page by default.
    static let votesPage = 50

    func record(
        _ id: Int,
        viewer: CurrentPerson?,
        votes paging: PageRequest = PageRequest(number: 1, size: OfficialQueries.votesPage)
    ) async throws -> OfficialRecord {
        guard
            let official = try await sql.raw(
                "SELECT \(unsafeRaw: Official.columns) FROM officials WHERE id = \(bind: id)"
            ).row(Official.self),
            let slug = try await sql.select().column("slug").from("groups").where("id", .equal, official.groupId)
                .value("slug", as: String.self)
        else { throw AppError.notFound }
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: viewer)
        let pledges = try await sql.raw(
            """
            SELECT id, topic, version, question, answer, stance, answered_on, source_url FROM official_pledges
            WHERE official_id = \(bind: id) ORDER BY id
            """
        ).rows(OfficialPledge.self)
        let criteria = try await sql.raw(
            """
            SELECT version, absences, abstentions, text, published_on FROM official_criteria
            WHERE official_id = \(bind: id) ORDER BY version
            """
        ).rows(OfficialCriteria.self)
        let votes = try await sql.raw(
            """
            SELECT id, source, motion, voted_on, option, tally, result, pledge_topic, position FROM official_votes
            WHERE official_id = \(bind: id) ORDER BY voted_on DESC, id DESC
            LIMIT \(bind: paging.probeLimit) OFFSET \(bind: paging.offset)
            """
        ).rows(OfficialVote.self)
        let scoring = try await sql.raw(
            """
            SELECT voted_on, option, position, pledge_topic, COUNT(*) AS n FROM official_votes
            WHERE official_id = \(bind: id) AND (position <> 'none' OR pledge_topic IS NOT NULL)
            GROUP BY voted_on, option, position, pledge_topic
            """
        ).rows(ScoringRow.self)
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM official_votes WHERE official_id = \(bind: id)")
            .value("n", as: Int.self)
        return OfficialRecord(
            official: official,
            group: group,
            standing: standing,
            pledges: pledges,
            criteria: criteria,
            votes: Page(probed: votes, request: paging),
            scoring: scoring,
            voteCount: count ?? 0,
            today: Self.day(services.clock()),
            endorsements: try await Endorsements.all(of: id, viewer: viewer, on: sql),
            choices: GroupRules.canManage(standing)
                ? try await GroupChoices.named(visibleTo: viewer, naming: "", in: sql) : nil,
            reviews: try await ReviewQueries(services: services).reviews(of: id, viewer: viewer)
        )
    }

    /// The record, for a writer: "not found" as above, refused unless the person organizes the recording group.
    func requireManager(_ id: Int, _ person: CurrentPerson) async throws -> OfficialRecord {
        let record = try await record(id, viewer: person)
        guard record.manages else {
            throw AppError.forbidden("Only the organizers of \(record.group.name) can change its record of officials.")
        }
        return record
    }

    /// `YYYY-MM-DD` of a moment, in UTC.
    static func day(_ date: Date) -> String {
        IsoDay.format(Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
