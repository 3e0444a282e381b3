import Foundation
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of a coalition's monthly reports: its months, a month's reports and who has not reported, and a
/// group filing or changing its report. Who may read and write is `ReportAccess`, as for the pages.
struct ReportsAPI {
    let services: AppServices
    var queries: ReportQueries { ReportQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/groups/:slug/reports") { _, context in
            let person = try context.requirePerson()
            let access = try await ReportAccess.load(
                try context.parameters.require("slug"),
                month: nil,
                person: person,
                services: services
            )
            try access.requireReader()
            let months = try await queries.months(access.coalition.id, now: services.clock())
            return try Reply.json(ReportMonthsBody(coalition: access.coalitionRef, months: months))
        }
        router.get("/api/v1/groups/:slug/reports/:month") { _, context in
            let (person, access, month) = try await load(context)
            try access.requireReader()
            return try Reply.json(
                ReportDigestBody(try await queries.digest(access.coalition, month: month, viewer: person))
            )
        }
        router.put("/api/v1/groups/:slug/reports/:month/groups/:group") { request, context in
            let (person, access, month) = try await load(context)
            let body = try await decodeJSON(ReportInputBody.self, request, context)
            _ = try await ReportWrites(services: services).save(
                access,
                month: month,
                group: try context.parameters.require("group"),
                body.input,
                by: person
            )
            let digest = try await queries.digest(access.coalition, month: month, viewer: person)
            let slug = try context.parameters.require("group").lowercased()
            guard let saved = digest.reports.first(where: { $0.slug == slug }) else { throw AppError.notFound }
            return try Reply.json(ReportBody(saved, late: digest.isLate(saved)))
        }
    }

    private func load(_ context: AppContext) async throws -> (CurrentPerson, ReportAccess, ReportMonth) {
        try await ReportAccess.load(context, services: services)
    }
}

/// A group's report as the `CoalitionReport` schema: a group the caller may not see is "a private group" without
/// its address; the author is named only to the group's own members.
struct ReportBody: Encodable, Sendable {
    @Nullable var slug: String?
    let name: String
    let did: String
    let learned: String
    let needs: String
    let version: Int
    let updatedAt: Date
    /// Filed or changed after the digest went out.
    let late: Bool
    @Nullable var author: String?

    init(_ report: CoalitionReport, late: Bool) {
        slug = report.slug.isEmpty ? nil : report.slug
        name = report.name
        did = report.did
        learned = report.learned
        needs = report.needs
        version = report.version
        updatedAt = report.updatedAt
        self.late = late
        author = report.author
    }
}

/// A month's reports, as the `CoalitionReportMonth` schema.
struct ReportDigestBody: Encodable, Sendable {
    let coalition: GroupRef
    let month: String
    @Nullable var digestSentAt: Date?
    let reports: [ReportBody]
    /// The groups taking part that have not reported, named as the caller may see them.
    let missing: [GroupRef]

    init(_ digest: MonthDigest) {
        coalition = digest.coalition
        month = digest.month.description
        digestSentAt = digest.sentAt
        reports = digest.reports.map { ReportBody($0, late: digest.isLate($0)) }
        missing = digest.missing.map(\.group)
    }
}

/// A coalition's months, as the `CoalitionReportMonths` schema.
struct ReportMonthsBody: Encodable, Sendable {
    struct Month: Encodable, Sendable {
        let month: String
        let reports: Int
        @Nullable var digestSentAt: Date?
    }

    let coalition: GroupRef
    let months: [Month]

    init(coalition: GroupRef, months: [ReportMonthSummary]) {
        self.coalition = coalition
        self.months = months.map { Month(month: $0.month.description, reports: $0.reports, digestSentAt: $0.sentAt) }
    }
}

/// A report's fields, as the `CoalitionReportInput` schema.
struct ReportInputBody: Decodable, Sendable {
    let did: String
    let learned: String?
    let needs: String?
    /// The version the writer started from: 0 for a new report.
    let baseVersion: Int

    var input: ReportInput {
        var form = ReportInput(form: FormData())
        form.did = did
        form.learned = learned ?? ""
        form.needs = needs ?? ""
        form.baseVersion = baseVersion
        return form
    }
}
