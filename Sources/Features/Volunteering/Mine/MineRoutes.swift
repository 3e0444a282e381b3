import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// A person's own work page and everything they do from it: answer offers, give work up, mark it done, log
/// hours, pause, say their skills, and read who looked at their data.
struct MineRoutes {
    let services: AppServices
    var assignments: Assignments { Assignments(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.mine) { _, context in
            Reply.html(try await page(context, try context.requirePerson()))
        }
        router.post(VolunteerPaths.hours) { _, context in
            let person = try context.requirePerson()
            return try await submit(context, person, flash: "Your hours are logged.") {
                _ = try await HoursLog(services: services).log(
                    minutes: context.form["minutes"],
                    day: context.form["day"],
                    work: Int(context.form["work"]),
                    group: context.form["group"],
                    note: context.form["note"],
                    by: person
                )
            }
        }
        router.get(VolunteerPaths.removeHours) { _, context in
            _ = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Remove these logged hours?",
                    explanation: "The entry is deleted; you can log the hours again later.",
                    action: VolunteerPaths.removeHours(id),
                    button: "Remove the entry",
                    back: VolunteerPaths.mine()
                )
            )
        }
        router.post(VolunteerPaths.removeHours) { _, context in
            let person = try context.requirePerson()
            try await HoursLog(services: services).remove(
                try context.parameters.require("id", as: Int.self),
                by: person
            )
            return Reply.redirect(VolunteerPaths.mine(), flash: "The entry is removed.")
        }
        router.post(VolunteerPaths.pause) { _, context in
            let person = try context.requirePerson()
            let ending = context.form["until"].trimmingWhitespace().isEmpty
            return try await submit(context, person, flash: ending ? "You are not paused." : "You are paused.") {
                try await SkillWrites(services: services).setPause(until: context.form["until"], for: person)
            }
        }
        router.post(VolunteerPaths.skills) { _, context in
            let person = try context.requirePerson()
            return try await submit(context, person, flash: "Your skills are saved.") {
                try await SkillWrites(services: services).save(
                    has: context.form["has"],
                    wants: context.form["wants"],
                    for: person
                )
            }
        }
        router.get(VolunteerPaths.access) { _, context in
            let person = try context.requirePerson()
            let entries = try await AccessLog.entries(of: person.id, on: services.store.sql)
            return Reply.html(AccessPage.page(context, entries))
        }
        AssignmentRoutes(services: services, mine: self).register(on: router)
        NextStepRoutes(services: services, mine: self).register(on: router)
    }

    /// Runs a write from the page and goes back to it, or draws it again with the person's input and messages.
    func submit(
        _ context: AppContext,
        _ person: CurrentPerson,
        flash: String,
        fields rename: @escaping ([String: String]) -> [String: String] = { $0 },
        _ write: () async throws -> Void
    ) async throws -> Response {
        try await FormFlow.submit(
            context,
            redirectTo: VolunteerPaths.mine(),
            flash: flash,
            fields: rename,
            page: { fields in try await page(context, person, fields: fields) },
            write
        )
    }

    func page(_ context: AppContext, _ person: CurrentPerson, fields: FieldSet = FieldSet()) async throws -> HTML {
        let sql = services.store.sql
        let load = PersonLoad(sql)
        let today = IsoDay.day(of: services.clock())
        let skillWrites = SkillWrites(services: services)
        let pledge = try await load.pledge(of: person.id)
        let history = try await load.history(of: person.id, today: today)
        let pausedUntil = try await skillWrites.pause(of: person.id)
        let mine = MyPage(
            current: try await MyWork(sql).current(of: person.id),
            past: try await MyWork(sql).past(of: person.id),
            pledge: pledge,
            history: history,
            hours: try await HoursLog(services: services).entries(of: person.id),
            groups: try await GroupAccess(sql).groups(actingFor: person, roles: Set(Role.allCases)),
            pausedUntil: pausedUntil,
            skills: try await skillWrites.skills(of: person.id),
            nextSteps: try await NextSteps(services: services).offered(
                to: person.id,
                loadHours: history.last?.hours ?? 0,
                pledgeHours: pledge,
                paused: pausedUntil != nil
            )
        )
        return MinePages.page(context, mine, fields: fields)
    }
}

/// Answering offers, giving work up, marking it done, and an organizer taking back an offer.
struct AssignmentRoutes {
    let services: AppServices
    let mine: MineRoutes
    var assignments: Assignments { Assignments(services: services) }

    func register(on router: Router<AppContext>) {
        router.post(VolunteerPaths.answer) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            let accept = context.form["accept"] == "yes"
            return try await mine.submit(
                context,
                person,
                flash: accept ? "You took it on. Thank you." : "You declined it.",
                fields: { errors in errors.mapKeysOverPledge(id) }
            ) {
                try await assignments.answer(
                    id,
                    accept: accept,
                    confirmedOverPledge: context.form.checked("confirmOverPledge-\(id)"),
                    by: person
                )
            }
        }
        router.get(VolunteerPaths.cancel) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            guard let part = try await MyWork(services.store.sql).part(id, of: person.id),
                part.assignment.state == .accepted
            else { throw AppError.notFound }
            let isRole = part.work.kind == .role
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: isRole ? "Step down from “\(part.work.title)”?" : "Cancel “\(part.work.title)”?",
                    explanation: isRole
                        ? "You stay a member; the role keeps you among its past holders, and its organizers see that it needs someone."
                        : "Your place is freed for someone else. You can sign up again while it is open.",
                    action: VolunteerPaths.cancel(id),
                    button: isRole ? "Step down" : "Cancel my part",
                    back: VolunteerPaths.mine()
                )
            )
        }
        router.post(VolunteerPaths.cancel) { _, context in
            let person = try context.requirePerson()
            try await assignments.cancel(try context.parameters.require("id", as: Int.self), by: person)
            return Reply.redirect(VolunteerPaths.mine(), flash: "Done: you no longer hold it.")
        }
        router.post(VolunteerPaths.done) { _, context in
            let person = try context.requirePerson()
            try await assignments.finish(try context.parameters.require("id", as: Int.self), by: person)
            return Reply.redirect(VolunteerPaths.mine(), flash: "Marked done. Thank you.")
        }
        router.get(VolunteerPaths.followUp) { _, context in
            let person = try context.requirePerson()
            return Reply.html(try await followUp(context, person, FieldSet()))
        }
        router.post(VolunteerPaths.followUp) { _, context in
            let person = try context.requirePerson()
            let id = try context.parameters.require("id", as: Int.self)
            return try await FormFlow.submit(
                context,
                redirectTo: VolunteerPaths.mine(),
                flash: "Thank you for telling us.",
                page: { fields in try await followUp(context, person, fields) }
            ) {
                try await assignments.followUp(
                    id,
                    happened: context.form["happened"],
                    feedback: context.form["feedback"],
                    by: person
                )
            }
        }
        router.post(VolunteerPaths.withdraw) { _, context in
            let person = try context.requirePerson()
            let work = try await assignments.withdraw(try context.parameters.require("id", as: Int.self), by: person)
            return Reply.redirect(VolunteerPaths.work(work), flash: "The offer is withdrawn.")
        }
    }
}

extension AssignmentRoutes {
    /// "Did it happen, how was it?" for a shift the person held.
    func followUp(_ context: AppContext, _ person: CurrentPerson, _ fields: FieldSet) async throws -> HTML {
        let id = try context.parameters.require("id", as: Int.self)
        guard let part = try await MyWork(services.store.sql).part(id, of: person.id), part.work.kind == .shift else {
            throw AppError.notFound
        }
        return Layout.page(
            title: "How was it?",
            context: context,
            main: """
                <h1>How was “\(part.work.title)”?</h1>
                <p>\(part.group.name): \(MinePages.whenText(part.work))</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: VolunteerPaths.followUp(id), novalidate: true))
                \(fields.select("happened", label: "Did it happen?", options: [("", "Choose"), ("yes", "Yes"), ("no", "No")]))
                \(fields.textarea("feedback", label: "How was it? (optional, for the organizers)", rows: 4))
                <button type="submit">Send</button></form>
                """
        )
    }
}

extension [String: String] {
    /// The consent message shown by the consent box of the offer it is about.
    fileprivate func mapKeysOverPledge(_ id: Int) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self { result[key == "overPledge" ? "confirmOverPledge-\(id)" : key] = value }
        return result
    }
}
