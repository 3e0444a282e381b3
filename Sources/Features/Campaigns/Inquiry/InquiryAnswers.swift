import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Answering an inquiry the way a secret ballot is cast, so that nobody with the database can link an answer to
/// the person who gave it. That the person took part is written at once, in a transaction of its own. Their answer
/// goes to the batched writer (`GroupCommit`), which writes the answers of a batch in a transaction apart from any
/// participation row, under random ids, with nothing that names a person or a time. On PostgreSQL that transaction
/// writes the inquiry's answers again in the order of their random ids, so afterwards every answer carries the same
/// transaction id and their order in storage says nothing; SQLite keeps them in key order (`WITHOUT ROWID`).
struct InquiryAnswers: Sendable {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }

    /// One person's answer waiting for its batch: a random id and the chosen values, one per question.
    private struct Response: Sendable {
        let id: String
        let values: [Int]
    }

    /// Stores the answers (one value per question, as typed or chosen) and marks that the person took part, by day
    /// only. A second answer is refused, except for an interview guide, whose interviewer records each conversation.
    func answer(_ id: Int, values: [String], by person: CurrentPerson) async throws {
        let (inquiry, campaign) = try await inquiries.inquiry(id, viewer: person)
        guard try await inquiries.mayAnswer(campaign.id, person) else {
            throw AppError.forbidden("Only members of the groups taking part in the campaign answer its inquiries.")
        }
        let now = services.clock()
        guard !inquiry.isClosed(at: now) else { throw Self.closed(inquiry) }
        let once = !inquiry.kind.recordsConversations
        if once, try await inquiries.answered(id, person) { throw Self.already }
        let choices = try Self.check(values, inquiry.questions)
        let day = CivilTime(epochSeconds: Int(now.timeIntervalSince1970)).isoDate
        let recorded =
            try await services.store.sql.raw(
                """
                INSERT INTO inquiry_participants (inquiry_id, person_id, answered_on)
                VALUES (\(bind: id), \(bind: person.id), \(bind: day))
                ON CONFLICT (inquiry_id, person_id) DO NOTHING RETURNING person_id
                """
            ).first() != nil
        if once, !recorded { throw Self.already }
        let refusal: AppError?
        do {
            refusal = try await services.groupCommit.submit(
                key: "inquiry-answers-\(id)",
                Response(id: Token.random(bytes: 12), values: choices)
            ) { [services] batch in
                try await Self.store(batch, in: inquiry, services: services)
            }
        } catch {
            if recorded { try await forgetParticipation(id, person) }
            throw error
        }
        if let refusal {
            if recorded { try await forgetParticipation(id, person) }
            throw refusal
        }
    }

    private func forgetParticipation(_ id: Int, _ person: CurrentPerson) async throws {
        try await services.store.sql.delete(from: "inquiry_participants").where("inquiry_id", .equal, id)
            .where("person_id", .equal, person.id).run()
    }

    private static let already = AppError.validation([FieldSet.formMessage: "You have already answered this inquiry."])

    private static func closed(_ inquiry: Inquiries.Inquiry) -> AppError {
        AppError.validation([
            FieldSet.formMessage:
                "This inquiry closed at the end of \(inquiry.closingDay) (UTC): answers are no longer taken."
        ])
    }

    /// The stored value of each question (a choice's index, or an hour's band), or the refusal naming each field.
    private static func check(_ values: [String], _ questions: [InquiryQuestion]) throws -> [Int] {
        var errors: [String: String] = [:]
        var stored: [Int] = []
        for (position, question) in questions.enumerated() {
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
        return stored
    }

    /// Writes a batch of answers in one transaction that touches no participation row: refused as a whole when the
    /// inquiry has closed meanwhile (on PostgreSQL its row stays locked to the end, so batches from several
    /// processes take turns).
    private static func store(
        _ batch: [Response],
        in inquiry: Inquiries.Inquiry,
        services: AppServices
    ) async throws -> [AppError?] {
        try await services.store.transaction { sql in
            let postgres = sql.dialect.name != "sqlite"
            let lock = postgres ? " FOR UPDATE" : ""
            guard
                try await sql.raw(
                    """
                    SELECT id FROM inquiries WHERE id = \(bind: inquiry.id) \
                    AND closes_at > \(bind: services.clock())\(unsafeRaw: lock)
                    """
                ).first() != nil
            else { return batch.map { _ in closed(inquiry) } }
            try await sql.insertRows(
                into: "inquiry_answers",
                columns: ["inquiry_id", "response_id", "position", "value"],
                rows: batch.shuffled().flatMap { response -> [[any Encodable & Sendable]] in
                    response.values.enumerated().map { position, value in
                        [inquiry.id, response.id, position, String(value)]
                    }
                }
            )
            if postgres {
                // One statement inside PostgreSQL: the inquiry's answers, old and new, deleted and written back in
                // the order of their random ids (byte order, whatever the database's locale).
                try await sql.raw(
                    """
                    WITH moved AS (DELETE FROM inquiry_answers WHERE inquiry_id = \(bind: inquiry.id) \
                    RETURNING response_id, position, value) \
                    INSERT INTO inquiry_answers (inquiry_id, response_id, position, value) \
                    SELECT \(bind: inquiry.id), response_id, position, value FROM moved \
                    ORDER BY response_id COLLATE "C", position
                    """
                ).run()
            }
            return batch.map { _ in nil }
        }
    }
}
