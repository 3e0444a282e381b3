import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Taking work on and letting it go. A person signs up and cancels themselves; an organizer's assignment is an
/// offer the person alone accepts or declines. Declining needs no reason and is counted nowhere: it leaves the
/// offer's row for the person's own history and for "least recently asked", and no page or answer but the
/// person's shows it. Work that would take someone over what they pledged is taken only when they say so
/// (`overPledge: true`).
package struct Assignments: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: WorkQueries { WorkQueries(services: services) }
    private var today: Int { IsoDay.day(of: services.clock()) }

    /// Signs the person up for an open task or shift; `confirmedOverPledge` must be true when it would take them
    /// over their pledge. An offer of the same work waiting for them is accepted instead.
    @discardableResult
    package func signUp(_ workID: Int, confirmedOverPledge: Bool, by person: CurrentPerson) async throws -> Int {
        let found = try await queries.work(workID, viewer: person)
        guard VolunteerRules.canSignUp(found.work, found.standing) else {
            throw AppError.conflict("This work is not open for sign-ups.")
        }
        if let mine = try await queries.mine(workID, person: person) {
            guard mine.state == .offered else { throw AppError.conflict("You are already signed up.") }
            try await answer(mine.id, accept: true, confirmedOverPledge: confirmedOverPledge, by: person)
            return mine.id
        }
        try await requirePlace(found.work)
        try await requireConsent(person.id, found.work, confirmedOverPledge)
        let now = services.clock()
        return try await sql.insertReturningID(
            into: "volunteer_assignments",
            [
                "work_id": workID, "person_id": person.id, "state": AssignmentState.accepted.rawValue,
                "offered_by": Int?.none, "over_pledge": false, "asked_at": now, "answered_at": now,
            ]
        )
    }

    /// Offers the work to the member with `handle`; returns the offer's id and whether it would take them over
    /// their pledge (the only thing the organizer learns of their load).
    @discardableResult
    package func offer(
        _ workID: Int,
        to handle: String,
        by person: CurrentPerson
    ) async throws -> (
        id: Int, overPledge: Bool
    ) {
        let found = try await queries.work(workID, viewer: person)
        guard found.canManage else { throw AppError.forbidden("Only the group's organizers offer its work.") }
        guard found.work.status == .open else { throw AppError.conflict("This work is closed.") }
        guard let member = try await VolunteerPeople(sql).member(handle: handle, of: found.work.groupID) else {
            throw AppError.validation(["person": "Choose a member of the group."])
        }
        let live = try await sql.raw(
            """
            SELECT 1 AS one FROM volunteer_assignments WHERE work_id = \(bind: workID) \
            AND person_id = \(bind: member) AND state IN ('offered', 'accepted')
            """
        ).first()
        guard live == nil else { throw AppError.validation(["person": "They already have this work or its offer."]) }
        if found.work.kind != .role { try await requirePlace(found.work) }
        let over = try await PersonLoad(sql).wouldExceed(member, taking: found.work, today: today)
        let id = try await services.store.transaction { tx in
            // The yes/no about their load is a read of it, which the person sees on their access page.
            try await AccessLog.record(
                [member],
                .load,
                viewer: person.id,
                group: found.work.groupID,
                at: services.clock(),
                on: tx
            )
            let id = try await tx.insertReturningID(
                into: "volunteer_assignments",
                [
                    "work_id": workID, "person_id": member, "state": AssignmentState.offered.rawValue,
                    "offered_by": person.id, "over_pledge": over, "asked_at": services.clock(),
                ]
            )
            try await Notifications.notify(
                [member],
                Notice(
                    kind: .workOffer,
                    title: "\(found.group.name) offers you: \(found.work.title)",
                    path: VolunteerPaths.mine()
                ),
                except: person.id,
                services: services,
                on: tx
            )
            return id
        }
        services.deliverMailSoon()
        return (id, over)
    }

    /// The person accepts or declines an offer made to them.
    package func answer(_ id: Int, accept: Bool, confirmedOverPledge: Bool, by person: CurrentPerson) async throws {
        let (assignment, work) = try await own(id, person)
        guard assignment.state == .offered else { throw AppError.conflict("This offer was already answered.") }
        if accept {
            if work.kind != .role { try await requirePlace(work) }
            try await requireConsent(person.id, work, confirmedOverPledge)
        }
        let update = sql.update("volunteer_assignments")
            .set("state", to: (accept ? AssignmentState.accepted : .declined).rawValue)
            .set("answered_at", to: services.clock()).where("id", .equal, id)
        if accept && work.kind == .role { update.set("starts_on", to: IsoDay.format(today)) }
        try await update.run()
    }

    /// The person gives up work they took on (a sign-up or an accepted task or shift); a role is stepped down
    /// from instead, which keeps it in their history.
    package func cancel(_ id: Int, by person: CurrentPerson) async throws {
        let (assignment, work) = try await own(id, person)
        guard assignment.state == .accepted else { throw AppError.conflict("This is not work you hold now.") }
        let state: AssignmentState = work.kind == .role ? .ended : .cancelled
        let update = sql.update("volunteer_assignments").set("state", to: state.rawValue).where("id", .equal, id)
        if work.kind == .role { update.set("ends_on", to: IsoDay.format(today)) }
        try await update.run()
    }

    /// An organizer takes back an offer not yet answered; returns the work's id.
    @discardableResult
    package func withdraw(_ id: Int, by person: CurrentPerson) async throws -> Int {
        let assignment = try await stored(id)
        let found = try await queries.work(assignment.workID, viewer: person)
        guard found.canManage else { throw AppError.forbidden("Only the group's organizers withdraw its offers.") }
        guard assignment.state == .offered else { throw AppError.conflict("This offer was already answered.") }
        try await sql.update("volunteer_assignments").set("state", to: AssignmentState.cancelled.rawValue)
            .where("id", .equal, id).run()
        return assignment.workID
    }

    /// The person marks a task or shift they hold as done. A task is then done for everyone, and each of its
    /// skills becomes practised for the person.
    package func finish(_ id: Int, by person: CurrentPerson) async throws {
        let (assignment, work) = try await own(id, person)
        guard assignment.state == .accepted, work.kind != .role else {
            throw AppError.conflict("Only a task or shift you hold can be marked done.")
        }
        let now = services.clock()
        try await services.store.transaction { tx in
            try await tx.update("volunteer_assignments").set("state", to: AssignmentState.done.rawValue)
                .where("id", .equal, id).run()
            guard work.kind == .task else { return }
            try await tx.update("volunteer_work").set("status", to: WorkStatus.done.rawValue)
                .where("id", .equal, work.id).run()
            try await SkillWrites.practised(work.skillSet, person: person.id, at: now, on: tx)
        }
    }

    /// The person says whether a shift they held happened and how it was: it is then done, or cancelled when it
    /// did not happen. Feedback is for the group's organizers, at most 2,000 characters.
    package func followUp(_ id: Int, happened: String, feedback: String, by person: CurrentPerson) async throws {
        let (assignment, work) = try await own(id, person)
        guard work.kind == .shift, assignment.state == .accepted || assignment.state == .done else {
            throw AppError.conflict("Only a shift you held asks how it went.")
        }
        var errors: [String: String] = [:]
        let answer = ["yes": true, "no": false][happened]
        if answer == nil { errors["happened"] = "Say whether it happened." }
        let feedback = FieldRules.text(feedback, "feedback", max: 2_000, &errors)
        guard errors.isEmpty, let answer else { throw AppError.validation(errors) }
        try await sql.update("volunteer_assignments")
            .set("state", to: (answer ? AssignmentState.done : .cancelled).rawValue)
            .set("happened", to: answer).set("feedback", to: feedback)
            .where("id", .equal, id).run()
    }

    /// The assignment with `id` and its work, when it is the person's own; not found otherwise.
    private func own(_ id: Int, _ person: CurrentPerson) async throws -> (Assignment, Work) {
        let assignment = try await stored(id)
        guard assignment.personID == person.id else { throw AppError.notFound }
        guard
            let work = try await sql.raw(
                "SELECT \(unsafeRaw: Work.columns.description) FROM volunteer_work w WHERE w.id = \(bind: assignment.workID)"
            ).row(Work.self)
        else { throw AppError.notFound }
        return (assignment, work)
    }

    private func stored(_ id: Int) async throws -> Assignment {
        guard
            let assignment = try await sql.raw(
                "SELECT \(unsafeRaw: Assignment.columns.description) FROM volunteer_assignments a WHERE a.id = \(bind: id)"
            ).row(Assignment.self)
        else { throw AppError.notFound }
        return assignment
    }

    /// A shift with every place taken refuses more people.
    private func requirePlace(_ work: Work) async throws {
        guard work.kind == .shift, let places = work.places else { return }
        if try await queries.taken(work.id) >= places { throw AppError.conflict("Every place on this shift is taken.") }
    }

    /// Work over the person's pledge needs their explicit yes.
    private func requireConsent(_ person: Int, _ work: Work, _ confirmed: Bool) async throws {
        guard !confirmed else { return }
        if try await PersonLoad(sql).wouldExceed(person, taking: work, today: today) {
            throw AppError.validation([
                "overPledge": "This would take you over the hours you pledged. Tick the box to take it on anyway."
            ])
        }
    }
}
