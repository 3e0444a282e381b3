import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A campaign's workers' inquiries, read: started by the organizers and editors of a group taking part, answered by
/// the members of the groups taking part until the close, read after the close as counts with small cells hidden.
/// An inquiry (its title too) is seen only by those who may see both the campaign and the group that runs it.
struct Inquiries: Sendable {
    let services: AppServices

    /// How long an inquiry runs unless its starter says otherwise.
    static let defaultDays: Double = 28

    private var sql: any SQLDatabase { services.store.sql }

    struct Inquiry: Sendable, Decodable {
        let id: Int
        let campaignId: Int
        let groupId: Int
        let groupSlug: String
        let groupName: String
        let method: String
        let title: String
        let topics: String
        let createdAt: Date
        let closesAt: Date

        var kind: InquiryMethod { InquiryMethod(rawValue: method) ?? .trend }
        var guide: [String] { Inquiries.lines(topics) }
        var questions: [InquiryQuestion] { kind.questions(topics: guide) }
        var group: GroupRef { GroupRef(slug: groupSlug, name: groupName) }
        func isClosed(at now: Date) -> Bool { closesAt <= now }
        /// The day the answers were taken up to, in UTC.
        var closingDay: String { CivilTime(epochSeconds: Int(closesAt.timeIntervalSince1970) - 1).isoDate }
        var startDay: String { CivilTime(epochSeconds: Int(createdAt.timeIntervalSince1970)).isoDate }

        static let columns: SQLQueryString = """
            i.id, i.campaign_id, i.group_id, g.slug AS group_slug, g.name AS group_name, i.method, i.title, i.topics, \
            i.created_at, i.closes_at
            """
    }

    /// What may be shown of an inquiry's answers: how many took part, and after the close, with at least
    /// `SmallCells.threshold` answers, each question's counts with small cells hidden.
    struct Results: Sendable {
        let closed: Bool
        /// People who answered (for an interview guide, conversations recorded).
        let takenPart: Int
        /// nil before the close or with too few answers.
        let tables: [SmallCells.Table]?
    }

    struct Count: Sendable, Decodable {
        let position: Int
        let value: String
        let n: Int
    }

    /// The inquiry with `id` and its campaign, if the viewer may see the campaign and the group running it; else not
    /// found.
    func inquiry(_ id: Int, viewer: CurrentPerson?) async throws -> (Inquiry, Campaign) {
        guard
            let inquiry = try await sql.raw(
                """
                SELECT \(Inquiry.columns) FROM inquiries i JOIN groups g ON g.id = i.group_id
                WHERE i.id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer))
                """
            ).row(Inquiry.self)
        else { throw AppError.notFound }
        let campaign = try await CampaignQueries(services: services).campaign(inquiry.campaignId, viewer: viewer)
        return (inquiry, campaign)
    }

    /// The campaign's inquiries the viewer may see (the caller has checked the campaign), newest first.
    func list(_ campaign: Int, viewer: CurrentPerson?) async throws -> [Inquiry] {
        try await sql.raw(
            """
            SELECT \(Inquiry.columns) FROM inquiries i JOIN groups g ON g.id = i.group_id
            WHERE i.campaign_id = \(bind: campaign) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY i.id DESC
            """
        ).rows(Inquiry.self)
    }

    /// The groups taking part that the person speaks for, which may start an inquiry.
    func startingGroups(_ campaign: Int, for person: CurrentPerson?) async throws -> [GroupRef] {
        guard let person else { return [] }
        return try await sql.raw(
            """
            SELECT g.slug, g.name FROM campaign_participants p JOIN groups g ON g.id = p.group_id
            WHERE p.campaign_id = \(bind: campaign) AND p.status IN ('lead', 'accepted')
            AND \(GroupAccess.actsFor("p.group_id", person, roles: CampaignRules.speakingRoles)) ORDER BY g.name
            """
        ).rows(GroupRef.self)
    }

    /// Whether the person is an active member of a group taking part in the campaign.
    func mayAnswer(_ campaign: Int, _ person: CurrentPerson?) async throws -> Bool {
        guard let person else { return false }
        let n = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM campaign_participants p WHERE p.campaign_id = \(bind: campaign)
            AND p.status IN ('lead', 'accepted') AND \(GroupAccess.actsFor("p.group_id", person))
            """
        ).value("n", as: Int.self)
        return (n ?? 0) > 0
    }

    /// Whether the person acts for the group running the inquiry in one of `roles`: its organizers close it early,
    /// its organizers and editors draft the report from below.
    func actsForRunningGroup(_ inquiry: Inquiry, _ person: CurrentPerson?, roles: Set<Role>) async throws -> Bool {
        guard let person else { return false }
        let n = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM inquiries i WHERE i.id = \(bind: inquiry.id)
            AND \(GroupAccess.actsFor("i.group_id", person, roles: roles))
            """
        ).value("n", as: Int.self)
        return (n ?? 0) > 0
    }

    func answered(_ inquiry: Int, _ person: CurrentPerson?) async throws -> Bool {
        guard let person else { return false }
        return try await sql.select().column("answered_on").from("inquiry_participants")
            .where("inquiry_id", .equal, inquiry).where("person_id", .equal, person.id)
            .value("answered_on", as: String.self) != nil
    }

    /// What may be shown of the inquiry's answers now.
    func results(_ inquiry: Inquiry) async throws -> Results {
        let closed = inquiry.isClosed(at: services.clock())
        let responses =
            try await sql.raw(
                "SELECT COUNT(DISTINCT response_id) AS n FROM inquiry_answers WHERE inquiry_id = \(bind: inquiry.id)"
            ).value("n", as: Int.self) ?? 0
        var takenPart = responses
        if !inquiry.kind.recordsConversations {
            takenPart =
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM inquiry_participants WHERE inquiry_id = \(bind: inquiry.id)"
                ).value("n", as: Int.self) ?? 0
        }
        guard closed else { return Results(closed: false, takenPart: takenPart, tables: nil) }
        guard responses >= SmallCells.threshold else { return Results(closed: true, takenPart: takenPart, tables: nil) }
        let counts = try await sql.raw(
            """
            SELECT position, value, COUNT(*) AS n FROM inquiry_answers WHERE inquiry_id = \(bind: inquiry.id)
            GROUP BY position, value
            """
        ).rows(Count.self)
        let tables = inquiry.questions.enumerated().map { position, question in
            SmallCells.table(
                question.choices.indices.map { choice in
                    counts.first { $0.position == position && $0.value == String(choice) }?.n ?? 0
                }
            )
        }
        return Results(closed: true, takenPart: takenPart, tables: tables)
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
