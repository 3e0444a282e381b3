import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// A coalition's monthly reports: the months, a month's digest page, each group's report form and sending the
/// digest now. Who may read and write is `ReportAccess`.
struct ReportRoutes {
    let services: AppServices
    var queries: ReportQueries { ReportQueries(services: services) }
    var writes: ReportWrites { ReportWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.reports) { _, context in
            let person = try context.requirePerson()
            let access = try await ReportAccess.load(
                try context.parameters.require("slug"),
                month: nil,
                person: person,
                services: services
            )
            try access.requireReader()
            let months = try await queries.months(access.coalition.id, now: services.clock())
            return Reply.html(ReportPages.months(context, access: access, months: months))
        }
        router.get(CampaignPaths.digest) { _, context in
            let (person, access, month) = try await load(context)
            try access.requireReader()
            let digest = try await queries.digest(access.coalition, month: month, viewer: person)
            return Reply.html(ReportPages.digest(context, access: access, digest: digest))
        }
        router.get(CampaignPaths.report) { _, context in
            let (person, access, month) = try await load(context)
            let group = try await speaker(context, person, access)
            let current = try await queries.report(access.coalition.id, group: group.id, month: month)
            let values = FormData([
                ("did", current?.did ?? ""), ("learned", current?.learned ?? ""), ("needs", current?.needs ?? ""),
            ])
            return Reply.html(
                ReportPages.form(
                    context,
                    FieldSet(values: values),
                    access: access,
                    month: month,
                    group: GroupRef(slug: group.slug, name: group.name),
                    current: current,
                    sentAt: try await queries.sentAt(access.coalition.id, month)
                )
            )
        }
        router.post(CampaignPaths.report) { _, context in
            let (person, access, month) = try await load(context)
            let slug = try context.parameters.require("group")
            return try await FormFlow.submit(
                context,
                page: { fields in
                    let group = try await speaker(context, person, access)
                    return ReportPages.form(
                        context,
                        fields,
                        access: access,
                        month: month,
                        group: GroupRef(slug: group.slug, name: group.name),
                        current: try await queries.report(access.coalition.id, group: group.id, month: month),
                        sentAt: try await queries.sentAt(access.coalition.id, month)
                    )
                }
            ) {
                let late = try await writes.save(
                    access,
                    month: month,
                    group: slug,
                    ReportInput(form: context.form),
                    by: person
                )
                return Reply.redirect(
                    CampaignPaths.digest(access.coalition.slug, month.description),
                    flash: late
                        ? "Report saved. The digest went out already, so the change shows on this page only."
                        : "Report saved. It goes out with the digest."
                )
            }
        }
        router.get(CampaignPaths.sendDigest) { _, context in
            let (_, access, month) = try await load(context)
            guard access.manages else {
                throw AppError.forbidden("Only the organizers of \(access.coalition.name) send its digest.")
            }
            return Reply.html(ReportPages.confirmSend(context, FieldSet(), access: access, month: month))
        }
        router.post(CampaignPaths.sendDigest) { _, context in
            let (_, access, month) = try await load(context)
            return try await FormFlow.submit(
                context,
                redirectTo: CampaignPaths.digest(access.coalition.slug, month.description),
                flash: "The digest is on its way to the organizers.",
                page: { fields in ReportPages.confirmSend(context, fields, access: access, month: month) }
            ) { try await writes.sendNow(access, month: month) }
        }
    }

    private func load(_ context: AppContext) async throws -> (CurrentPerson, ReportAccess, ReportMonth) {
        try await ReportAccess.load(context, services: services)
    }

    /// The group of the address, when the person writes its report.
    private func speaker(_ context: AppContext, _ person: CurrentPerson, _ access: ReportAccess) async throws -> Group {
        let slug = try context.parameters.require("group")
        _ = try await access.requireSpeaker(for: slug, person: person, on: services.store.sql)
        guard let group = try await GroupQueries(services: services).group(slug: slug) else { throw AppError.notFound }
        return group
    }

}
