import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// What a group decides about its volunteering, for its organizers: after how many quiet days a member becomes a
/// check-in, how many arrivals and pieces of work make the ladder's "attended" and "volunteered" steps, and whether
/// its coalitions and centers may count its figures in their sums (off until the group says so).
struct SettingsRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.settings) { _, context in
            let person = try context.requirePerson()
            let group = try await managed(context, person)
            let saved = try await FigureQueries(services.store.sql).settings(of: group.id)
            var values = FormData()
            values.set("lapseDays", String(saved.lapseDays))
            values.set("ladderAttended", String(saved.ladderAttended))
            values.set("ladderVolunteered", String(saved.ladderVolunteered))
            if saved.shareWithCoalitions { values.set("share", "on") }
            // The box then shows what is saved, as it shows what was sent when a post is refused.
            values.set("_submitted", "1")
            return Reply.html(page(context, group, FieldSet(values: values)))
        }
        router.post(VolunteerPaths.settings) { _, context in
            let person = try context.requirePerson()
            let group = try await managed(context, person)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.settings(group.slug),
                flash: "Saved.",
                page: { fields in page(context, group, fields) }
            ) {
                var errors: [String: String] = [:]
                let form = context.form
                let lapse = CheckedWork.whole(
                    form["lapseDays"],
                    "lapseDays",
                    14...730,
                    "Give from 14 to 730 days.",
                    &errors
                )
                let attended = CheckedWork.whole(
                    form["ladderAttended"],
                    "ladderAttended",
                    1...50,
                    "Give from 1 to 50.",
                    &errors
                )
                let volunteered = CheckedWork.whole(
                    form["ladderVolunteered"],
                    "ladderVolunteered",
                    1...50,
                    "Give from 1 to 50.",
                    &errors
                )
                guard errors.isEmpty, let lapse, let attended, let volunteered else {
                    throw AppError.validation(errors)
                }
                try await services.store.transaction { tx in
                    try await tx.raw("DELETE FROM volunteer_settings WHERE group_id = \(bind: group.id)").run()
                    try await tx.insert(into: "volunteer_settings")
                        .columns(
                            "group_id",
                            "lapse_days",
                            "ladder_attended",
                            "ladder_volunteered",
                            "share_with_coalitions"
                        )
                        .values(
                            SQLBind(group.id),
                            SQLBind(lapse),
                            SQLBind(attended),
                            SQLBind(volunteered),
                            SQLBind(context.form.checked("share"))
                        ).run()
                }
            }
        }
    }

    private func managed(_ context: AppContext, _ person: CurrentPerson) async throws -> Group {
        try await ManagedGroup.of(context, person, services)
    }

    private func page(_ context: AppContext, _ group: Group, _ fields: FieldSet) -> HTML {
        let title = "\(group.name): volunteering settings"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.settings(group.slug), novalidate: true))
                \(FormParts.hidden("_submitted", "1"))
                \(fields.text("lapseDays", label: "Quiet days before a check-in", type: "number", required: true, hint: "A member with no activity for this many days becomes a check-in for an organizer. 90 by default."))
                \(fields.text("ladderAttended", label: "Arrivals that count as attended", type: "number", required: true))
                \(fields.text("ladderVolunteered", label: "Pieces of work that count as volunteered", type: "number", required: true, hint: "A task or shift finished counts one, and so does each month with hours logged."))
                \(fields.checkbox("share", label: "Let our coalitions and centers count our figures in their sums (never names, never counts under 5)", checked: false))
                <button type="submit">Save</button></form>
                <p><a href="\(VolunteerPaths.figures(group.slug))">Figures</a> · <a href="\(VolunteerPaths.board(group.slug))">Work board</a></p>
                """
        )
    }
}
