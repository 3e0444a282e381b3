import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Storing the official's votes from a pasted Popolo or OCD document: read and checked whole by `VoteImport`
/// before anything is written, then the events not yet recorded are stored in one transaction (an event recorded
/// before is skipped).
struct VoteImports: Sendable {
    let services: AppServices

    /// How many events were stored and how many were already recorded.
    struct Outcome: Sendable {
        let imported: Int
        let skipped: Int
    }

    func run(_ id: Int, form: FormData, by person: CurrentPerson) async throws -> Outcome {
        let record = try await OfficialQueries(services: services).requireManager(id, person)
        guard let format = VoteImport.Format(rawValue: form["format"]) else {
            throw AppError.validation(["format": "Choose the document's format: Popolo or Open Civic Data."])
        }
        let text = form.raw("document")
        if text.trimmingWhitespace().isEmpty {
            throw AppError.validation(["document": "Paste the vote events as JSON."])
        }
        let events = try VoteImport.read(text, format: format, official: record.official)
        let now = services.clock()
        do {
            return try await services.store.transaction { sql in
                let known = Set(
                    try await sql.select().column("source_key").from("official_votes")
                        .where("official_id", .equal, id).where("source", .equal, format.rawValue)
                        .column("source_key", as: String.self)
                )
                let fresh = events.filter { !known.contains($0.key) }
                for event in fresh {
                    try await OfficialWrites.insert(
                        event,
                        source: format.rawValue,
                        official: id,
                        topic: nil,
                        position: "none",
                        by: person,
                        at: now,
                        on: sql
                    )
                }
                return Outcome(imported: fresh.count, skipped: events.count - fresh.count)
            }
        } catch  where error.isConstraintFailure {
            throw AppError.validation(["document": "The same events were imported just now; paste them again."])
        }
    }
}
