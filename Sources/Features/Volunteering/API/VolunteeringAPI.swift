import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// The JSON API of volunteering. Every answer and refusal comes from the pages' own reads and writes
/// (`WorkQueries`, `WorkWrites`, `Assignments`, `HoursLog`, `SkillWrites`, `PersonLoad`): work of a group the caller
/// is not an active member of is 404, sign-ups only for the organizers and the shift's lead, and a person's load,
/// hours, pause, skills and access log only for themselves.
struct VolunteeringAPI {
    let services: AppServices
    var queries: WorkQueries { WorkQueries(services: services) }
    var assignments: Assignments { Assignments(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/groups/:slug/work") { request, context in
            let slug = try context.parameters.require("slug")
            let (group, standing) = try await GroupQueries(services: services).visibleGroup(
                slug: slug,
                viewer: context.person
            )
            guard VolunteerRules.canSeeWork(standing) else { throw AppError.notFound }
            let closed = request.uri.queryParameters.get("closed") == "true"
            let taken = try await queries.takenCounts(group: group.id)
            let ref = GroupRef(slug: group.slug, name: group.name)
            let items = try await queries.list(group: group.id, open: !closed).map {
                WorkBody($0, group: ref, taken: taken[$0.id] ?? 0)
            }
            return try Reply.json(
                ListBody(Page(probed: items, request: PageRequest(nil, size: 500)), total: items.count)
            )
        }
        router.post("/api/v1/groups/:slug/work") { request, context in
            let person = try context.requirePerson()
            let slug = try context.parameters.require("slug")
            guard
                try await GroupAccess(services.store.sql).group(slug: slug, actingFor: person, roles: Role.organizing)
                    != nil
            else {
                _ = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
                throw AppError.forbidden("Only the group's organizers post its work.")
            }
            let input = try await decodeJSON(WorkInput.self, request, context)
            let id = try await WorkWrites(services: services).create(group: slug, input, by: person)
            return try Reply.json(try await detail(id, person).work, status: .created)
        }
        router.get("/api/v1/work/:id") { _, context in
            try Reply.json(try await detail(try id(context), context.person))
        }
        router.put("/api/v1/work/:id") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let found = try await queries.work(id, viewer: person)
            guard found.canManage else { throw AppError.forbidden("Only the group's organizers change its work.") }
            try await WorkWrites(services: services).update(
                id,
                try await decodeJSON(WorkInput.self, request, context),
                by: person
            )
            return try Reply.json(try await detail(id, person).work)
        }
        router.get("/api/v1/work/:id/suggestions") { _, context in
            let person = try context.requirePerson()
            let found = try await queries.work(try id(context), viewer: person)
            guard found.canManage else { throw AppError.forbidden("Only the group's organizers see suggestions.") }
            let items = try await Suggestions(services.store.sql).forOrganizer(
                found.work,
                viewer: person.id,
                at: services.clock()
            )
            return try Reply.json(["items": items])
        }
        router.post("/api/v1/work/:id/sign-up") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            _ = try await queries.work(id, viewer: person)
            let body = try await decodeJSON(SignUpInputBody.self, request, context)
            let assignment = try await assignments.signUp(
                id,
                confirmedOverPledge: body.confirmOverPledge ?? false,
                by: person
            )
            return try Reply.json(try await own(assignment, person), status: .created)
        }
        router.post("/api/v1/work/:id/offers") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            let found = try await queries.work(id, viewer: person)
            guard found.canManage else { throw AppError.forbidden("Only the group's organizers offer its work.") }
            let body = try await decodeJSON(OfferInputBody.self, request, context)
            let result = try await assignments.offer(id, to: body.person ?? "", by: person)
            return try Reply.json(OfferResultBody(id: result.id, overPledge: result.overPledge), status: .created)
        }
        router.post("/api/v1/work/assignments/:id/answer") { request, context in
            let person = try context.requirePerson()
            let id = try id(context)
            _ = try await own(id, person)
            let body = try await decodeJSON(AnswerInputBody.self, request, context)
            guard let accept = body.accept else {
                throw AppError.validation(["accept": "Say true to accept or false to decline."])
            }
            try await assignments.answer(
                id,
                accept: accept,
                confirmedOverPledge: body.confirmOverPledge ?? false,
                by: person
            )
            return try Reply.json(try await own(id, person))
        }
        router.post("/api/v1/work/assignments/:id/cancel") { _, context in
            try await assignments.cancel(try id(context), by: try context.requirePerson())
            return Response(status: .noContent)
        }
        router.post("/api/v1/work/assignments/:id/done") { _, context in
            try await assignments.finish(try id(context), by: try context.requirePerson())
            return Response(status: .noContent)
        }
        router.post("/api/v1/work/assignments/:id/withdraw") { _, context in
            try await assignments.withdraw(try id(context), by: try context.requirePerson())
            return Response(status: .noContent)
        }
        MyWorkAPI(services: services).register(on: router)
    }

    /// The work with its caller's part and, for those who may see them, its sign-ups.
    func detail(_ id: Int, _ viewer: CurrentPerson?) async throws -> WorkDetailBody {
        let found = try await queries.work(id, viewer: viewer)
        let mine = try await queries.mine(id, person: viewer)
        return WorkDetailBody(
            work: WorkBody(found.work, group: found.group, taken: try await queries.taken(id)),
            mine: mine.map { PartBody(id: $0.id, state: $0.state.rawValue, overPledge: $0.overPledge) },
            signUps: found.canSeeSignUps ? try await queries.signUps(found).map(SignUpBody.init) : nil
        )
    }

    /// The caller's own assignment with `id` as their list shows it; 404 for anyone else's.
    private func own(_ id: Int, _ person: CurrentPerson) async throws -> MyPartBody {
        guard let part = try await MyWork(services.store.sql).part(id, of: person.id) else { throw AppError.notFound }
        return MyPartBody(part)
    }

    private func id(_ context: AppContext) throws -> Int { try context.parameters.require("id", as: Int.self) }
}

/// The caller's own work, load, hours, pause, skills and access log.
struct MyWorkAPI {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/me/work") { _, context in
            let person = try context.requirePerson()
            let sql = services.store.sql
            let load = PersonLoad(sql)
            let weeks = try await load.history(of: person.id, today: IsoDay.day(of: services.clock()))
            let skills = SkillWrites(services: services)
            let pledge = try await load.pledge(of: person.id)
            let pausedUntil = try await skills.pause(of: person.id)
            return try Reply.json(
                MyWorkBody(
                    pledge: pledge,
                    weeks: weeks.map(WeekBody.init),
                    chronicallyOverloaded: VolunteerLoad.chronicallyOverloaded(Array(weeks.suffix(4))),
                    current: try await MyWork(sql).current(of: person.id).map(MyPartBody.init),
                    past: try await MyWork(sql).past(of: person.id).map(MyPartBody.init),
                    pausedUntil: pausedUntil,
                    skills: try await skills.skills(of: person.id).map {
                        SkillBody(skill: $0.skill, wants: $0.wants, practisedAt: $0.practisedAt)
                    },
                    nextSteps: NextStepsBody(
                        try await NextSteps(services: services).offered(
                            to: person.id,
                            loadHours: weeks.last?.hours ?? 0,
                            pledgeHours: pledge,
                            paused: pausedUntil != nil
                        )
                    )
                )
            )
        }
        router.put("/api/v1/me/work/next-steps/:slug") { request, context in
            let person = try context.requirePerson()
            let body = try await decodeJSON(NextStepPaceBody.self, request, context)
            try await NextSteps(services: services).setPace(
                body.pace ?? "",
                group: try context.parameters.require("slug"),
                for: person
            )
            return Response(status: .noContent)
        }
        router.get("/api/v1/me/work/hours") { _, context in
            let person = try context.requirePerson()
            let entries = try await HoursLog(services: services).entries(of: person.id)
            return try Reply.json(["items": entries.map(HoursEntryBody.init)])
        }
        router.post("/api/v1/me/work/hours") { request, context in
            let person = try context.requirePerson()
            let body = try await decodeJSON(HoursInputBody.self, request, context)
            let log = HoursLog(services: services)
            let id = try await log.log(
                minutes: body.minutes.map(String.init) ?? "",
                day: body.day ?? "",
                work: body.work,
                group: body.group ?? "",
                note: body.note ?? "",
                by: person
            )
            guard let entry = try await log.entries(of: person.id).first(where: { $0.id == id }) else {
                throw AppError.notFound
            }
            return try Reply.json(HoursEntryBody(entry), status: .created)
        }
        router.delete("/api/v1/me/work/hours/:id") { _, context in
            let person = try context.requirePerson()
            try await HoursLog(services: services).remove(
                try context.parameters.require("id", as: Int.self),
                by: person
            )
            return Response(status: .noContent)
        }
        router.put("/api/v1/me/work/pause") { request, context in
            let person = try context.requirePerson()
            let body = try await decodeJSON(PauseInputBody.self, request, context)
            let skills = SkillWrites(services: services)
            try await skills.setPause(until: body.until ?? "", for: person)
            return try Reply.json(PauseInputBody(until: try await skills.pause(of: person.id)))
        }
        router.put("/api/v1/me/work/skills") { request, context in
            let person = try context.requirePerson()
            let body = try await decodeJSON(SkillsInputBody.self, request, context)
            let skills = SkillWrites(services: services)
            try await skills.save(has: body.has ?? "", wants: body.wants ?? "", for: person)
            return try Reply.json([
                "items": try await skills.skills(of: person.id).map {
                    SkillBody(skill: $0.skill, wants: $0.wants, practisedAt: $0.practisedAt)
                }
            ])
        }
        router.get("/api/v1/me/work/access") { _, context in
            let person = try context.requirePerson()
            let entries = try await AccessLog.entries(of: person.id, on: services.store.sql)
            return try Reply.json([
                "items": entries.map {
                    AccessEntryBody(
                        viewer: $0.viewerName,
                        viewerHandle: $0.viewerHandle,
                        group: $0.groupName,
                        what: $0.what.rawValue,
                        at: $0.at
                    )
                }
            ])
        }
    }
}
