import Decisions
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Accountability reviews. The organizers of a group endorsing the official (the recording group, or one that
/// accepted to co-endorse) ask questions in writing and a day to answer by; the official is mailed a link at the
/// contact address the recording group keeps (the token stored only as its digest, no account needed) and answers
/// once, until the end of that day. Once answered, or after the day, the organizers put the outcome to a vote of
/// their group's members (Decisions); its outcome is stored on the first read after the close.
struct Reviews: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    /// The choices put to the members, in this order; with no ballot cast, none (never one drawn by lot).
    static let outcomes = ["Commitments kept", "Warning", "Withdraw endorsement"]
    static let noOutcome = "No outcome: nobody voted"

    static func outcome(winner: Int?) -> String {
        guard let winner, outcomes.indices.contains(winner) else { return noOutcome }
        return outcomes[winner]
    }

    /// Opens a review for the group named by its address in `group`, and mails the official; returns its id.
    func open(_ id: Int, form: FormData, by person: CurrentPerson) async throws -> Int {
        let record = try await OfficialQueries(services: services).record(id, viewer: person)
        let groups = record.reviewers
        guard !groups.isEmpty else {
            throw AppError.forbidden(
                "Only the organizers of a group endorsing \(record.official.name) can open a review."
            )
        }
        var errors: [String: String] = [:]
        let chosen = groups.count == 1 ? groups.first : groups.first { $0.slug == form["group"] }
        if chosen == nil { errors["group"] = "Choose the group that opens the review." }
        let questions = FieldRules.text(form.raw("questions"), "questions", max: 5_000, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if questions.isEmpty && errors["questions"] == nil {
            errors["questions"] = "Write the questions the official is to answer."
        }
        let replyBy = form["replyBy"]
        if IsoDay.parse(replyBy) == nil {
            errors["replyBy"] = "Give the day to answer by as YYYY-MM-DD."
        } else if replyBy < record.today {
            errors["replyBy"] = "The day to answer by is in the past: give today or a later day."
        }
        guard let email = record.official.contactEmail else {
            errors[FieldSet.formMessage] =
                "No contact email is recorded for \(record.official.name): the organizers of \(record.group.name) add one first."
            throw AppError.validation(errors)
        }
        guard errors.isEmpty, let chosen,
            let group = try await GroupAccess(sql).group(slug: chosen.slug, actingFor: person, roles: Role.organizing)
        else { throw AppError.validation(errors) }
        let token = Token.random()
        let now = services.clock()
        let official = record.official
        let review = try await services.store.transaction { sql in
            let review = try await sql.insertReturningID(
                into: "official_reviews",
                [
                    "official_id": id, "group_id": group, "questions": questions,
                    "questions_html": Markdown.html(questions), "reply_until": replyBy, "token": Token.digest(token),
                    "opened_by": person.id, "opened_at": now,
                ]
            )
            try await services.queueMail(
                to: email,
                name: official.name,
                subject: "Questions from \(chosen.name) for you to answer by \(replyBy)",
                body: """
                    Dear \(official.name),

                    \(chosen.name) endorsed you as \(official.office), \(official.jurisdiction), and holds its \
                    endorsements to account. Its members ask you these questions:

                    \(questions)

                    You may answer in writing until the end of \(replyBy) (UTC) at this address, with no account:
                    \(services.site.base)\(CampaignPaths.reviewReply(token))

                    Your answer is published with the questions, and the members then decide together on the outcome.
                    """,
                signaturePath: CampaignPaths.review(id, review),
                on: sql
            )
            return review
        }
        services.deliverMailSoon()
        return review
    }

    /// The review a mailed link stands for, with the official's name, or nil.
    func find(token: String) async throws -> (review: OfficialReview, official: String)? {
        guard Token.isWellFormed(token),
            let review = try await sql.raw(
                "\(OfficialReview.select(viewer: nil)) WHERE r.token = \(bind: Token.digest(token))"
            ).row(OfficialReview.self),
            let name = try await sql.select().column("name").from("officials").where("id", .equal, review.officialId)
                .value("name", as: String.self)
        else { return nil }
        return (review, name)
    }

    /// Stores the official's answer, once, until the end of the day to answer by.
    func reply(token: String, answer: String) async throws {
        guard let (review, _) = try await find(token: token) else { throw AppError.notFound }
        let today = OfficialQueries.day(services.clock())
        let stored = AppError.validation([FieldSet.formMessage: "Your answer is stored already; it cannot be changed."])
        guard review.answer == nil else { throw stored }
        guard today <= review.replyBy else {
            throw AppError.validation([FieldSet.formMessage: "The day to answer by, \(review.replyBy), has passed."])
        }
        var errors: [String: String] = [:]
        let text = FieldRules.text(answer, "answer", max: 20_000, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if text.isEmpty && errors["answer"] == nil { errors["answer"] = "Write your answer." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let saved = try await sql.update("official_reviews").set("answer", to: text)
            .set("answer_html", to: Markdown.html(text)).set("answered_at", to: services.clock())
            .where("id", .equal, review.id).where("answer", .is, SQLLiteral.null).returning("id").all()
        guard !saved.isEmpty else { throw stored }
    }

    /// Puts the outcome to a vote of the reviewing group's members, closing at `closesAt` (UTC,
    /// `YYYY-MM-DDTHH:MM`); returns the decision's id. Once per review, after the answer or the day to answer by.
    func putToVote(_ id: Int, review: Int, closesAt: String, by person: CurrentPerson) async throws -> Int {
        let (record, row) = try await ReviewQueries(services: services).review(review, of: id, viewer: person)
        guard row.organizes else {
            throw AppError.forbidden("Only the organizers of the group that opened the review can put it to the vote.")
        }
        guard row.voteOpenedAt == nil else { throw AppError.conflict("This review was already put to the vote.") }
        guard row.ready(on: record.today) else {
            throw AppError.validation([
                "closesAt": "Wait for the answer, or for the day to answer by (\(row.replyBy)) to pass."
            ])
        }
        let claimed = try await sql.update("official_reviews").set("vote_opened_at", to: services.clock())
            .where("id", .equal, review).where("vote_opened_at", .is, SQLLiteral.null).returning("id").all()
        guard !claimed.isEmpty else { throw AppError.conflict("This review was already put to the vote.") }
        do {
            let (group, standing) = try await GroupQueries(services: services).visibleGroup(
                slug: row.slug,
                viewer: person
            )
            let decision = try await DecisionWrites(services: services).create(
                in: group,
                standing: standing,
                input: input(record, row, closesAt: closesAt, groupIsPublic: group.visibility == .public),
                origin: DecisionOrigin(
                    path: CampaignPaths.review(id, review),
                    label: "The accountability review of \(record.official.name)"
                ),
                by: person
            )
            try await sql.update("official_reviews").set("decision_id", to: decision).where("id", .equal, review).run()
            return decision
        } catch {
            try await sql.update("official_reviews").set("vote_opened_at", to: SQLLiteral.null)
                .where("id", .equal, review).where("decision_id", .is, SQLLiteral.null).run()
            throw error
        }
    }

    /// One choice of the three, by the members, with the questions and the answer (or its absence) to read.
    private func input(
        _ record: OfficialRecord,
        _ review: OfficialReview,
        closesAt: String,
        groupIsPublic: Bool
    )
        -> DecisionInput
    {
        var input = DecisionInput()
        input.title = String("Accountability review of \(record.official.name)".prefix(150))
        input.body = """
            Questions asked by \(review.replyBy):

            \(review.questions)

            \(review.answer.map { "Their answer:\n\n\($0)" } ?? "No answer by \(review.replyBy).")
            """
        input.kind = DecisionKind.approval.rawValue
        input.options = Self.outcomes.joined(separator: "\n")
        input.minChoices = "1"
        input.maxChoices = "1"
        input.publicResults = groupIsPublic && record.group.visibility == .public
        input.zone = "UTC"
        input.closesAt = closesAt
        return input
    }
}
