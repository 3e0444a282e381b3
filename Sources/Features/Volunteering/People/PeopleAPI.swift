import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The JSON counterpart of the import page: `POST /api/v1/groups/{slug}/people/import` with the CSV text, the
/// preset and `dryRun` (true unless sent false), answered with the same report. Organizers of the group only; anyone
/// else gets 404.
struct PeopleAPI {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let imports = PeopleImports(services: services)
        router.post("/api/v1/groups/:slug/people/import") { request, context in
            let person = try context.requirePerson()
            let group = try await imports.group(try context.parameters.require("slug"), organizer: person)
            let body = try await decodeJSON(PeopleImportBody.self, request, context)
            let options = try PeopleImports.Options.read(
                preset: body.preset,
                dedupe: body.dedupe ?? PeopleImport.Dedupe.email.rawValue,
                consentColumn: body.consentColumn ?? ""
            )
            if body.csv.trimmingWhitespace().isEmpty {
                throw AppError.validation(["csv": "Send the CSV text."])
            }
            let report = try await imports.run(
                group,
                text: body.csv,
                options: options,
                field: "csv",
                dryRun: body.dryRun ?? true,
                by: person
            )
            return try Reply.json(PeopleImportReportBody(report))
        }
    }
}

/// What an import call sends.
struct PeopleImportBody: Decodable, Sendable {
    let csv: String
    let preset: String
    let dedupe: String?
    let consentColumn: String?
    let dryRun: Bool?
}

/// What an import call answers: the page's report.
struct PeopleImportReportBody: Encodable, Sendable {
    /// One person invited (or who would be).
    struct Invited: Encodable, Sendable {
        let line: Int
        let name: String
        let contact: String
    }

    /// One row refused.
    struct Refused: Encodable, Sendable {
        let line: Int
        let reason: String
    }

    let dryRun: Bool
    let invited: [Invited]
    let alreadyMembers: [Int]
    let invitedEarlier: [Int]
    let refused: [Refused]

    init(_ report: PeopleImports.Report) {
        dryRun = report.dryRun
        invited = report.invited.map { Invited(line: $0.line, name: $0.name, contact: $0.shown) }
        alreadyMembers = report.members
        invitedEarlier = report.earlier
        refused = report.refused.map { Refused(line: $0.line, reason: $0.reason) }
    }
}
