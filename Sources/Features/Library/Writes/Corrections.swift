import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Correcting a published piece: its author or its journal's editors change its text, and the earlier text,
/// the new one and their note go into the piece's public history.
package struct Corrections: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The text fields a correction may change, by kind: a report's body is made from its parts.
    static func fields(of kind: PublicationKind) -> [String] {
        ["title", "summary", "body"] + (kind == .report ? ["happening", "doing", "worked", "needs"] : [])
    }

    /// The correction form's values for the piece as it stands.
    static func formValues(_ piece: Publication) -> FormData {
        var pairs = [("title", piece.title), ("summary", piece.summary), ("body", piece.body)]
        if let report = piece.report {
            pairs[2] = ("body", report.text)
            pairs += [
                ("happening", report.happening), ("doing", report.doing), ("worked", report.worked),
                ("needs", report.needs),
            ]
        }
        return FormData(pairs)
    }

    /// Corrects the piece with the form's text fields and `note` (what was corrected, required). Refused input is
    /// `AppError.validation`; a stranger is told "not found" or "forbidden" as for reading and withdrawing.
    package func correct(id: Int, form: FormData, by person: CurrentPerson) async throws {
        let (piece, access) = try await PublicationQueries(services: services).visible(id: id, viewer: person)
        guard access.canCorrect(piece) else {
            throw AppError.forbidden("Only the author or the journal's editors can correct a published piece.")
        }
        var errors: [String: String] = [:]
        let note = FieldRules.text(form.raw("note"), "note", max: 2_000, &errors).trimmingWhitespace()
        if note.isEmpty && errors["note"] == nil { errors["note"] = "Say what was corrected: readers see it." }
        let checked = Self.check(piece, form)
        if case .failure(.validation(let refused)) = checked { errors.merge(refused) { kept, _ in kept } }
        guard case .success(let valid) = checked, errors.isEmpty else { throw AppError.validation(errors) }
        if valid.title == piece.title && valid.summary == piece.summary && valid.body == piece.body {
            throw AppError.validation(["body": "Nothing was changed: correct the text, or go back to the piece."])
        }
        try await store(piece, valid, note: note, byEditor: !access.isAuthor, person: person)
        if piece.journalIsPublic {
            try await SearchIndex(store: services.store).put(
                piece: piece.id,
                title: valid.title,
                summary: valid.summary,
                body: valid.body,
                tags: piece.tags
            )
        }
    }

    /// The corrected piece checked by the rules a draft is held to, or what they refused.
    private static func check(_ piece: Publication, _ form: FormData) -> Result<ValidPublication, AppError> {
        Result { () throws(AppError) -> ValidPublication in
            try PublicationRules.validate(
                input(piece, form),
                defaultName: piece.bylineText,
                hasUpload: !piece.mediaType.isEmpty
            )
        }
    }

    /// The piece as it is, with the form's text fields in place of its own: the same rules check it as a draft.
    private static func input(_ piece: Publication, _ form: FormData) -> PublicationInput {
        var input = PublicationInput()
        input.kind = piece.kind.rawValue
        input.journal = piece.journal.slug
        input.title = form["title"]
        input.summary = form.raw("summary")
        input.body = form.raw("body")
        input.byline = piece.bylineText
        input.pseudonym = false
        input.tags = piece.tags
        input.linkURL = piece.linkURL
        input.linkSource = piece.linkSource
        input.mediaURL = piece.mediaType.isEmpty ? piece.mediaURL : ""
        if let report = piece.report {
            input.placeKind = report.placeKind.rawValue
            input.sector = report.sector
            input.city = report.city
            input.placeName = report.placeName
            input.hidePlace = report.hidePlace
            input.happening = form.raw("happening")
            input.doing = form.raw("doing")
            input.worked = form.raw("worked")
            input.needs = form.raw("needs")
        }
        return input
    }

    private func store(
        _ piece: Publication,
        _ valid: ValidPublication,
        note: String,
        byEditor: Bool,
        person: CurrentPerson
    ) async throws {
        let now = services.clock()
        let record: [String: any Encodable & Sendable] = [
            "post_id": piece.id, "person_id": person.id, "by_editor": byEditor, "note": note,
            "title_before": piece.title, "title_after": valid.title, "summary_before": piece.summary,
            "summary_after": valid.summary, "body_before": piece.body, "body_after": valid.body, "created_at": now,
        ]
        try await services.store.transaction { sql in
            try await sql.update("posts").set("title", to: valid.title).set("summary", to: valid.summary)
                .set("body", to: valid.body).set("body_html", to: Markdown.html(valid.body)).set("updated_at", to: now)
                .where("id", .equal, piece.id).run()
            if let report = valid.report {
                try await sql.update("post_reports").set("happening", to: report.happening)
                    .set("doing", to: report.doing).set("worked", to: report.worked).set("needs", to: report.needs)
                    .set("text", to: report.text).where("post_id", .equal, piece.id).run()
            }
            _ = try await sql.insertReturningID(into: "post_corrections", record)
        }
    }
}
