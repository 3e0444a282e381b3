import FluentKit

/// Monthly reports of the groups taking part in a lead group's (a coalition's) campaigns: one report per group,
/// coalition and month (changed in place, its version counted), the reminders sent (one per group and month) and
/// the digests sent (one per coalition and month). A reminder's or digest's row is its claim: inserted once, so
/// it goes out once whoever runs the job.
struct CreateCoalitionReports: AsyncMigration {
    var name: String { "CreateCoalitionReports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("coalition_reports")
            .field("id", .int, .identifier(auto: true))
            .field("coalition_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("did", .string, .required)
            .field("learned", .string, .required)
            .field("needs", .string, .required)
            .field("did_html", .string, .required)
            .field("learned_html", .string, .required)
            .field("needs_html", .string, .required)
            .field("version", .int, .required)
            .field("author_id", .int, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "coalition_id", "month", "group_id")
            .create()
        try await database.schema("coalition_report_reminders")
            .field("coalition_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("sent_at", .datetime, .required)
            .compositeIdentifier(over: "coalition_id", "month", "group_id")
            .create()
        try await database.schema("coalition_digests")
            .field("coalition_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("month", .string, .required)
            .field("sent_at", .datetime, .required)
            .compositeIdentifier(over: "coalition_id", "month")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("coalition_digests").delete()
        try await database.schema("coalition_report_reminders").delete()
        try await database.schema("coalition_reports").delete()
    }
}
