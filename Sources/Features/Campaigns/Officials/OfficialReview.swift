import Decisions
import Foundation
import FreshgroundWeb
import Groups
import SQLKit

/// An accountability review of an official by one endorsing group, as one viewer is shown it: the questions, the
/// day to answer by, the official's answer (stored once), and the members' decision with its outcome.
struct OfficialReview: Sendable, Decodable {
    let id: Int
    let officialId: Int
    let groupId: Int
    /// The reviewing group, "a private group" (and no address) for a viewer who may not see it.
    let slug: String
    let name: String
    let questions: String
    let questionsHtml: String
    /// `YYYY-MM-DD`: the official may answer until the end of that day (UTC).
    let replyBy: String
    let answer: String?
    let answerHtml: String?
    let answeredAt: Date?
    let voteOpenedAt: Date?
    let decisionId: Int?
    /// One of `Reviews.outcomes`, stored on the first read after the vote closed.
    var outcome: String?
    let openedAt: Date
    /// Whether the viewer organizes the reviewing group (puts the outcome to the vote).
    let organizes: Bool

    var group: GroupRef { GroupRef(slug: slug, name: name) }

    /// Whether the official may still answer on `today`.
    func open(on today: String) -> Bool { answer == nil && today <= replyBy }

    /// Whether the organizers may put the outcome to the vote: once answered or after the day to answer by.
    func ready(on today: String) -> Bool { voteOpenedAt == nil && (answer != nil || today > replyBy) }

    static func select(viewer: CurrentPerson?) -> SQLQueryString {
        """
        SELECT r.id, r.official_id, r.group_id, \(GroupAccess.shownColumns("g", to: viewer)), r.questions,
        r.questions_html, r.reply_until AS reply_by, r.answer, r.answer_html, r.answered_at, r.vote_opened_at, r.decision_id,
        r.outcome, r.opened_at, \(GroupAccess.actsFor("r.group_id", viewer, roles: Role.organizing)) AS organizes
        FROM official_reviews r JOIN groups g ON g.id = r.group_id
        """
    }
}

/// Reading reviews: they are seen by whoever may see the official (`OfficialQueries.record`); the outcome of a
/// closed vote is stored on the first read, once.
struct ReviewQueries: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The official's reviews, newest first, their outcomes settled. The caller has checked the official is seen.
    func reviews(of official: Int, viewer: CurrentPerson?) async throws -> [OfficialReview] {
        try await settled(
            try await sql.raw(
                "\(OfficialReview.select(viewer: viewer)) WHERE r.official_id = \(bind: official) ORDER BY r.id DESC"
            ).rows(OfficialReview.self)
        )
    }

    /// One review with the official's record, or "not found" when the viewer may not see the official.
    func review(_ id: Int, of official: Int, viewer: CurrentPerson?) async throws -> (OfficialRecord, OfficialReview) {
        let record = try await OfficialQueries(services: services).record(official, viewer: viewer)
        guard let review = record.reviews.first(where: { $0.id == id }) else { throw AppError.notFound }
        return (record, review)
    }

    /// The reviews with the outcome of every vote that closed since the last read stored (once).
    func settled(_ reviews: [OfficialReview]) async throws -> [OfficialReview] {
        var result = reviews
        for index in result.indices {
            guard result[index].outcome == nil, let decision = result[index].decisionId,
                let (_, final) = try await DecisionCount(services: services).finalOutcome(of: decision)
            else { continue }
            let outcome = final.voters == 0 ? Reviews.noOutcome : Reviews.outcome(winner: final.winners.first)
            try await sql.update("official_reviews").set("outcome", to: outcome)
                .where("id", .equal, result[index].id).where("outcome", .is, SQLLiteral.null).run()
            result[index].outcome =
                try await sql.select().column("outcome").from("official_reviews")
                .where("id", .equal, result[index].id).value("outcome", as: String.self) ?? outcome
        }
        return result
    }
}
