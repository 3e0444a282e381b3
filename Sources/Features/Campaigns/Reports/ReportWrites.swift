import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What a group tells the coalition of a month: what it did (required), learned and needs, in Markdown.
struct ReportInput: Sendable, Equatable {
    var did = ""
    var learned = ""
    var needs = ""
    /// The version the writer started from (0 for a new report); a newer one saved meanwhile refuses the save.
    var baseVersion = 0

    init(form: FormData) {
        did = form.raw("did")
        learned = form.raw("learned")
        needs = form.raw("needs")
        baseVersion = Int(form["baseVersion"]) ?? 0
    }

    func checked() throws -> ReportInput {
        var errors: [String: String] = [:]
        var input = self
        input.did = FieldRules.text(did, "did", max: 5_000, &errors).trimmingWhitespace()
        if input.did.isEmpty, errors["did"] == nil { errors["did"] = "Write what your group did this month." }
        input.learned = FieldRules.text(learned, "learned", max: 5_000, &errors).trimmingWhitespace()
        input.needs = FieldRules.text(needs, "needs", max: 5_000, &errors).trimmingWhitespace()
        if !errors.isEmpty { throw AppError.validation(errors) }
        return input
    }
}

/// Filing a group's monthly report and sending a month's digest at once.
struct ReportWrites: Sendable {
    let services: AppServices

    /// Saves the report of the group with `slug` to the coalition for `month`, written by its organizers or
    /// editors while it takes part; it may be changed at any time, and after the digest went out the change shows
    /// on the page only. Returns true when the digest had gone out already.
    func save(
        _ access: ReportAccess,
        month: ReportMonth,
        group slug: String,
        _ input: ReportInput,
        by person: CurrentPerson
    ) async throws -> Bool {
        let group = try await access.requireSpeaker(for: slug, person: person, on: services.store.sql)
        guard month <= ReportMonth(containing: services.clock()) else { throw AppError.notFound }
        let input = try input.checked()
        let coalition = access.coalition.id
        let now = services.clock()
        try await services.store.transaction { sql in
            let current = try await sql.select().column("version").from("coalition_reports")
                .where("coalition_id", .equal, coalition).where("group_id", .equal, group)
                .where("month", .equal, month.description).value("version", as: Int.self)
            guard (current ?? 0) == input.baseVersion else {
                throw AppError.validation([FieldSet.formMessage: Self.newerVersion])
            }
            let text: [String: any Encodable & Sendable] = [
                "did": input.did, "learned": input.learned, "needs": input.needs,
                "did_html": Markdown.html(input.did), "learned_html": Markdown.html(input.learned),
                "needs_html": Markdown.html(input.needs), "author_id": person.id, "updated_at": now,
            ]
            guard current != nil else {
                do {
                    var row = text
                    row.merge(
                        [
                            "coalition_id": coalition, "group_id": group, "month": month.description, "version": 1,
                            "created_at": now,
                        ],
                        uniquingKeysWith: { a, _ in a }
                    )
                    _ = try await sql.insertReturningID(into: "coalition_reports", row)
                } catch  where error.isConstraintFailure {
                    throw AppError.validation([FieldSet.formMessage: Self.newerVersion])
                }
                return
            }
            var update = sql.update("coalition_reports").set("version", to: input.baseVersion + 1)
            for key in text.keys.sorted() { update = update.set(key, to: text[key]!) }
            let changed = try await update.where("coalition_id", .equal, coalition).where("group_id", .equal, group)
                .where("month", .equal, month.description).where("version", .equal, input.baseVersion)
                .returning("id").all()
            if changed.isEmpty { throw AppError.validation([FieldSet.formMessage: Self.newerVersion]) }
        }
        return try await ReportQueries(services: services).sentAt(coalition, month) != nil
    }

    /// The coalition's organizers send the month's digest now rather than on the 6th of the next month; still
    /// once. Refused when it went out already or nobody has reported.
    func sendNow(_ access: ReportAccess, month: ReportMonth) async throws {
        guard access.manages else {
            throw AppError.forbidden("Only the organizers of \(access.coalition.name) send its digest.")
        }
        guard month <= ReportMonth(containing: services.clock()) else { throw AppError.notFound }
        let digest = ReportDigest(services: services)
        guard try await digest.hasReports(access.coalition.id, month) else {
            throw AppError.validation([
                FieldSet.formMessage: "No group has reported for \(month.label) yet, so there is nothing to send."
            ])
        }
        guard try await digest.send(access.coalition, month: month) != nil else {
            throw AppError.validation([FieldSet.formMessage: "The digest for \(month.label) went out already."])
        }
        services.deliverMailSoon()
    }

    private static let newerVersion =
        "Someone in your group saved this report meanwhile. Yours is kept below: read theirs, then save again."
}
