import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A campaign's workers' inquiries: started by the organizers and editors of a group taking part, answered once
/// by the members of the groups taking part, read by whoever sees the campaign as counts with small cells hidden.
struct Inquiries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    struct Inquiry: Sendable, Decodable {
        let id: Int
        let campaignId: Int
        let method: String
        let title: String
        let topics: String

        var kind: InquiryMethod { InquiryMethod(rawValue: method) ?? .trend }
        var questions: [InquiryQuestion] { kind.questions(topics: Inquiries.lines(topics)) }
    }

    struct Count: Sendable, Decodable {
        let position: Int
        let value: String
        let n: Int
    }

    /// The inquiry with `id` and its campaign, if the viewer may see the campaign; else not found.
    func inquiry(_ id: Int, viewer: CurrentPerson?) async throws -> (Inquiry, Campaign) {
        guard
            let inquiry = try await sql.raw(
                "SELECT id, campaign_id, method, title, topics FROM inquiries WHERE id = \(bind: id)"
            ).row(Inquiry.self)
        else { throw AppError.notFound }
        let campaign = try await CampaignQueries(services: services).campaign(inquiry.campaignId, viewer: viewer)
        return (inquiry, campaign)
    }

    func list(_ campaign: Int) async throws -> [Inquiry] {
        try await sql.raw(
            """
            SELECT id, campaign_id, method, title, topics FROM inquiries WHERE campaign_id = \(bind: campaign)
            ORDER BY id DESC
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

    func answered(_ inquiry: Int, _ person: CurrentPerson?) async throws -> Bool {
        guard let person else { return false }
        return try await sql.select().column("answered_on").from("inquiry_participants")
            .where("inquiry_id", .equal, inquiry).where("person_id", .equal, person.id)
            .value("answered_on", as: String.self) != nil
    }

    /// Starts an inquiry for the group with `slug`; returns its id.
    func start(
        _ campaign: Int,
        group slug: String,
        method: String,
        title typed: String,
        topics typedTopics: String,
        by person: CurrentPerson
    ) async throws -> Int {
        _ = try await CampaignQueries(services: services).campaign(campaign, viewer: person)
        var errors: [String: String] = [:]
        let group = try await startingGroups(campaign, for: person).first { $0.slug == slug.lowercased() }
        if group == nil { errors["group"] = "Choose a group taking part that you organize or edit for." }
        let kind = InquiryMethod(rawValue: method)
        if kind == nil { errors["method"] = "Choose a method." }
        let title = FieldRules.text(typed, "title", max: 200, &errors)
        if title.isEmpty, errors["title"] == nil { errors["title"] = "Give the inquiry a title." }
        let topics = Self.lines(typedTopics)
        if kind == .trend {
            if topics.isEmpty || topics.count > InquiryMethod.maximumTopics
                || topics.contains(where: { $0.count > 120 })
            {
                errors["topics"] =
                    "Give 1 to \(InquiryMethod.maximumTopics) topics, one a line, each under 120 characters."
            }
        }
        guard errors.isEmpty, let group, let kind else { throw AppError.validation(errors) }
        guard
            let groupID = try await sql.select().column("id").from("groups").where("slug", .equal, group.slug)
                .value("id", as: Int.self)
        else { throw AppError.notFound }
        let id = try await sql.raw(
            """
            INSERT INTO inquiries (campaign_id, group_id, method, title, topics, created_by, created_at)
            VALUES (\(bind: campaign), \(bind: groupID), \(bind: kind.rawValue), \(bind: title), \
            \(bind: kind == .trend ? topics.joined(separator: "\n") : ""), \(bind: person.id), \(bind: services.clock()))
            RETURNING id
            """
        ).value("id", as: Int.self)
        guard let id else { throw AppError.notFound }
        return id
    }

    /// Stores the person's answers (one value per question, as typed or chosen) without anything that names them,
    /// and marks that they took part, by date only; a second answer is refused.
    func answer(_ id: Int, values: [String], by person: CurrentPerson) async throws {
        let (inquiry, campaign) = try await inquiry(id, viewer: person)
        guard try await mayAnswer(campaign.id, person) else {
            throw AppError.forbidden("Only members of the groups taking part in the campaign answer its inquiries.")
        }
        if try await answered(id, person) {
            throw AppError.validation([FieldSet.formMessage: "You have already answered this inquiry."])
        }
        var errors: [String: String] = [:]
        var stored: [Int] = []
        for (position, question) in inquiry.questions.enumerated() {
            let value = position < values.count ? values[position].trimmingWhitespace() : ""
            let choice =
                question.number
                ? Int(value).flatMap(InquiryMethod.band(hours:))
                : Int(value).flatMap { question.choices.indices.contains($0) ? $0 : nil }
            if let choice {
                stored.append(choice)
            } else {
                errors["q\(position)"] =
                    question.number ? "Give a whole number of hours from 0 to 168." : "Choose one answer."
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let response = Token.random(bytes: 8)
        let choices = stored
        let day = CivilTime(epochSeconds: Int(services.clock().timeIntervalSince1970)).isoDate
        try await services.store.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO inquiry_participants (inquiry_id, person_id, answered_on)
                VALUES (\(bind: id), \(bind: person.id), \(bind: day))
                """
            ).run()
            for (position, choice) in choices.enumerated() {
                try await sql.raw(
                    """
                    INSERT INTO inquiry_answers (inquiry_id, response_id, position, value)
                    VALUES (\(bind: id), \(bind: response), \(bind: position), \(bind: String(choice)))
                    """
                ).run()
            }
        }
    }

    /// Each question's counts, as they may be shown.
    func results(_ inquiry: Inquiry) async throws -> [SmallCells.Table] {
        let counts = try await sql.raw(
            """
            SELECT position, value, COUNT(*) AS n FROM inquiry_answers WHERE inquiry_id = \(bind: inquiry.id)
            GROUP BY position, value
            """
        ).rows(Count.self)
        return inquiry.questions.enumerated().map { position, question in
            SmallCells.table(
                question.choices.indices.map { choice in
                    counts.first { $0.position == position && $0.value == String(choice) }?.n ?? 0
                }
            )
        }
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
