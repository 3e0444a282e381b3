import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Handing a standing role on: the group's organizers record who hands it to whom, what to hand on and the days
/// the newcomer shadows. The outgoing holder steps down (their time in the role stays in its history, their
/// membership is untouched); the incoming one is offered the role and accepts or declines like any offer.
struct Handovers: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }

    func record(
        _ workID: Int,
        outgoing: String,
        incoming: String,
        checklist: String,
        shadowFrom: String,
        shadowUntil: String,
        by person: CurrentPerson
    ) async throws {
        let found = try await WorkQueries(services: services).work(workID, viewer: person)
        guard found.canManage else { throw AppError.forbidden("Only the group's organizers hand roles over.") }
        guard found.work.kind == .role else { throw AppError.conflict("Only a standing role is handed over.") }
        var errors: [String: String] = [:]
        let holders = try await WorkQueries(services: services).signUps(found).filter { $0.state == .accepted }
        let typedOut = outgoing.trimmingWhitespace().lowercased().replacingOccurrences(of: "@", with: "")
        let leaving = holders.first { $0.handle == typedOut }
        if !typedOut.isEmpty && leaving == nil { errors["outgoing"] = "Choose someone who holds the role now." }
        let people = VolunteerPeople(sql)
        let arriving = try await people.member(handle: incoming, of: found.work.groupID)
        if arriving == nil { errors["incoming"] = "Choose a member of the group." }
        if let arriving, arriving == leaving?.personID {
            errors["incoming"] = "Choose someone else than who hands it on."
        }
        let checklist = FieldRules.text(checklist, "checklist", max: 4_000, &errors)
        let from = day(shadowFrom, "shadowFrom", &errors)
        let until = day(shadowUntil, "shadowUntil", &errors)
        if let from, let until, until < from { errors["shadowUntil"] = "End the shadowing on or after its start." }
        guard errors.isEmpty, let arriving else { throw AppError.validation(errors) }
        try await Assignments(services: services).offer(workID, to: incoming, by: person)
        let today = IsoDay.format(IsoDay.day(of: services.clock()))
        try await services.store.transaction { tx in
            _ = try await tx.insertReturningID(
                into: "volunteer_handovers",
                [
                    "work_id": workID, "outgoing_id": leaving?.personID, "incoming_id": arriving,
                    "checklist": checklist, "shadow_from": from.map(IsoDay.format),
                    "shadow_until": until.map(IsoDay.format),
                    "created_by": person.id, "created_at": services.clock(),
                ]
            )
            if let leaving {
                try await tx.update("volunteer_assignments").set("state", to: AssignmentState.ended.rawValue)
                    .set("ends_on", to: today).where("id", .equal, leaving.id).run()
            }
        }
    }

    private func day(_ text: String, _ field: String, _ errors: inout [String: String]) -> Int? {
        let text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        guard let day = IsoDay.parse(text) else {
            errors[field] = "Give the day as YYYY-MM-DD."
            return nil
        }
        return day
    }
}
