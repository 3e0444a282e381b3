import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// A group's work board and one piece of work's page, with posting, changing, signing up and offering.
struct BoardRoutes {
    let services: AppServices
    var queries: WorkQueries { WorkQueries(services: services) }
    var writes: WorkWrites { WorkWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.board) { request, context in
            let closed = request.uri.queryParameters.get("closed") == "1"
            return Reply.html(BoardPages.page(context, try await board(context, closed: closed)))
        }
        router.post(VolunteerPaths.board) { _, context in
            let person = try context.requirePerson()
            let slug = try context.parameters.require("slug")
            return try await FormFlow.submit(
                context,
                page: { fields in BoardPages.page(context, try await board(context, closed: false), fields: fields) }
            ) {
                let id = try await writes.create(group: slug, WorkInput(form: context.form), by: person)
                return Reply.redirect(VolunteerPaths.work(id), flash: "Posted.")
            }
        }
        router.get(VolunteerPaths.work) { _, context in
            Reply.html(WorkPage.page(context, try await view(context)))
        }
        router.get(VolunteerPaths.edit) { _, context in
            let person = try context.requirePerson()
            let found = try await queries.work(try id(context), viewer: person)
            guard found.canManage else { throw AppError.notFound }
            let fields = FieldSet(values: Self.input(found.work, lead: try await leadHandle(found.work)).form)
            return Reply.html(try await editPage(context, found, fields))
        }
        router.post(VolunteerPaths.edit) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.work(id),
                flash: "Saved.",
                page: { fields in try await editPage(context, try await queries.work(id, viewer: person), fields) }
            ) { try await writes.update(id, WorkInput(form: context.form), by: person) }
        }
        router.post(VolunteerPaths.archive) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let open = context.form["open"] == "yes"
            try await writes.setOpen(id, open, by: person)
            return Reply.redirect(VolunteerPaths.work(id), flash: open ? "Reopened." : "Archived. You can reopen it.")
        }
        router.post(VolunteerPaths.signUp) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.work(id),
                flash: "You signed up. Thank you.",
                fields: { errors in
                    errors.reduce(into: [:]) { $0[$1.key == "overPledge" ? "confirmOverPledge" : $1.key] = $1.value }
                },
                page: { fields in WorkPage.page(context, try await view(context), fields: fields) }
            ) {
                try await Assignments(services: services).signUp(
                    id,
                    confirmedOverPledge: context.form.checked("confirmOverPledge"),
                    by: person
                )
            }
        }
        router.post(VolunteerPaths.offer) { _, context in
            let person = try context.requirePerson()
            let id = try id(context)
            return try await FormFlow.submit(
                context,
                page: { fields in WorkPage.page(context, try await view(context), fields: fields) }
            ) {
                let found = try await queries.work(id, viewer: person)
                let typed = context.form["person"]
                let handle = try await members(found, person)?.value(of: typed, field: "person") ?? typed
                let over = try await Assignments(services: services).offer(id, to: handle, by: person).overPledge
                return Reply.redirect(
                    VolunteerPaths.work(id),
                    flash: over
                        ? "Offered. It would take them over what they pledged, so they must say yes to that explicitly."
                        : "Offered. It would not take them over what they pledged."
                )
            }
        }
    }

    private func board(_ context: AppContext, closed: Bool) async throws -> Board {
        let slug = try context.parameters.require("slug")
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(
            slug: slug,
            viewer: context.person
        )
        guard VolunteerRules.canSeeWork(standing) else { throw AppError.notFound }
        var events: [(id: Int, title: String)] = []
        if VolunteerRules.canManage(standing) {
            events = try await EventQueries(services: services).forGroup(
                group.id,
                includePrivate: true,
                from: services.clock(),
                page: PageRequest(nil, size: 50)
            ).items.filter { !$0.promoted }.map { ($0.event.id, $0.event.title) }
        }
        return Board(
            group: group,
            standing: standing,
            work: try await queries.list(group: group.id, open: !closed),
            taken: try await queries.takenCounts(group: group.id),
            closed: closed,
            events: events
        )
    }

    private func view(_ context: AppContext) async throws -> WorkView {
        let found = try await queries.work(try id(context), viewer: context.person)
        var suggestions: [Suggestions.Suggested] = []
        if found.canManage && found.work.status == .open {
            suggestions = try await Suggestions(services.store.sql).forOrganizer(
                found.work,
                viewer: found.standing.personID ?? 0,
                at: services.clock()
            )
        }
        return WorkView(
            found: found,
            taken: try await queries.taken(found.work.id),
            mine: try await queries.mine(found.work.id, person: context.person),
            signUps: found.canSeeSignUps ? try await queries.signUps(found) : nil,
            suggestions: suggestions,
            members: try await members(found, context.person)
        )
    }

    /// The group's members as the offer form's choices, for its organizers.
    private func members(_ found: WorkInGroup, _ viewer: CurrentPerson?) async throws -> NamedChoices? {
        guard found.canManage else { return nil }
        return try await PersonChoices.seen(
            by: viewer,
            in: "SELECT \(bind: found.work.groupID)",
            sql: services.store.sql
        )
    }

    private func editPage(_ context: AppContext, _ found: WorkInGroup, _ fields: FieldSet) async throws -> HTML {
        guard found.canManage else { throw AppError.notFound }
        return Layout.page(
            title: "Edit: \(found.work.title)",
            context: context,
            main: """
                <h1>Edit: \(found.work.title)</h1>
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.edit(found.work.id), novalidate: true))
                \(WorkForm.fields(fields, events: [], kindChangeable: false))
                <button type="submit">Save</button></form>
                <p><a href="\(VolunteerPaths.work(found.work.id))">Back</a></p>
                """
        )
    }

    private func leadHandle(_ work: Work) async throws -> String {
        guard let lead = work.leadID else { return "" }
        return try await services.store.sql.raw("SELECT handle FROM people WHERE id = \(bind: lead)")
            .value("handle", as: String.self) ?? ""
    }

    /// The stored work as the form shows it.
    static func input(_ work: Work, lead: String) -> WorkInput {
        var form = FormData()
        let values: [(String, String)] = [
            ("kind", work.kind.rawValue), ("title", work.title), ("details", work.details), ("skills", work.skills),
            ("minutes", work.minutes.map(String.init) ?? ""), ("due", work.dueOn ?? ""),
            ("starts", work.startsAt.map { ZonedTime.localInput($0, zone: work.zone) } ?? ""),
            ("ends", work.endsAt.map { ZonedTime.localInput($0, zone: work.zone) } ?? ""), ("zone", work.zone),
            ("places", work.places.map(String.init) ?? ""), ("shiftRole", work.shiftRole), ("lead", lead),
            ("weeklyHours", work.weeklyHours.map { MinePages.hoursText($0) } ?? ""),
            ("termMonths", work.termMonths.map(String.init) ?? ""), ("event", work.eventID.map(String.init) ?? ""),
        ]
        for (key, value) in values { form.set(key, value) }
        return WorkInput(form: form)
    }

    private func id(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }
}
