import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// The campaign's list-sharing agreement, written in versions by the lead's organizers: how many mailings a year
/// each group may send to people who signed through another group's page, the days of notice it gives those
/// groups first, and the text the groups agreed.
package struct Sharing: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// The notice a group gives when the agreement holds none yet, and what its form starts with.
    static let defaultNoticeDays = 7

    /// A new version of the agreement: at most `limit` mailings a year (empty for no limit), `noticeDays` days of
    /// notice to partners (0 for none), and the notice text.
    package func set(
        _ campaign: Int,
        limit: String,
        noticeDays: String,
        notice: String,
        by person: CurrentPerson
    ) async throws {
        _ = try await CampaignWrites(services: services).requireManager(campaign, person)
        var errors: [String: String] = [:]
        let limit = limit.trimmingWhitespace()
        let number = Int(limit)
        if !limit.isEmpty && (number == nil || number! < 0 || number! > 365) {
            errors["limit"] = "Give a whole number from 0 to 365, or leave it empty for no limit."
        }
        let days = Int(noticeDays.trimmingWhitespace())
        if days == nil || days! < 0 || days! > 90 {
            errors["notice_days"] = "Give a whole number of days from 0 to 90 (0: no notice)."
        }
        let notice = FieldRules.text(notice, "notice", max: 5_000, &errors).trimmingWhitespace()
        if !errors.isEmpty { throw AppError.validation(errors) }
        let now = services.clock()
        try await services.store.transaction { sql in
            let current = try await PetitionQueries.agreement(campaign, on: sql)?.version ?? 0
            do {
                try await sql.insert(into: "campaign_sharing")
                    .columns(
                        "campaign_id",
                        "version",
                        "mailings_per_year",
                        "notice_days",
                        "notice",
                        "set_by",
                        "set_at"
                    )
                    .values(
                        SQLBind(campaign),
                        SQLBind(current + 1),
                        SQLBind(limit.isEmpty ? nil : number),
                        SQLBind(days),
                        SQLBind(notice),
                        SQLBind(person.id),
                        SQLBind(now)
                    )
                    .run()
            } catch  where error.isConstraintFailure {
                throw AppError.validation([FieldSet.formMessage: "Someone changed the agreement meanwhile: try again."])
            }
        }
    }

    /// The days of notice the agreement in force asks for; nil when none is written (consent alone governs).
    package func noticeDays(_ campaign: Int) async throws -> Int? {
        try await Self.noticeDays(campaign, on: services.store.sql)
    }

    /// The days of notice of the agreement in force, read on `sql` (the caller's transaction when it sends).
    static func noticeDays(_ campaign: Int, on sql: any SQLDatabase) async throws -> Int? {
        try await sql.raw(
            """
            SELECT notice_days FROM campaign_sharing WHERE campaign_id = \(bind: campaign)
            ORDER BY version DESC LIMIT 1
            """
        ).value("notice_days", as: Int.self)
    }

    /// "7 days’ notice", or "no notice".
    static func noticeLabel(_ days: Int) -> String {
        days == 0 ? "no notice" : "\(days) day\(days == 1 ? "" : "s")’ notice"
    }
}

/// A moment in plain text for messages and mail: `Mon 28 Sep 2026, 14:13 UTC`.
func utcText(_ date: Date) -> String {
    "\(ZonedTime.dateLabel(date, zone: "UTC")), \(ZonedTime.time(date, zone: "UTC")) UTC"
}
