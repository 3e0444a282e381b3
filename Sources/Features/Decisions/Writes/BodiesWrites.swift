import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What the body form gives: its name, seats, term and description.
package struct BodyInput: Sendable {
    package var name = ""
    package var seats = "3"
    package var termMonths = "12"
    package var description = ""

    package init() {}

    package init(form: FormData) {
        name = form["name"]
        seats = form["seats"]
        termMonths = form["termMonths"]
        description = form.raw("description")
    }

    static let nameMax = 120
    static let descriptionMax = 5_000

    /// The checked values, or `AppError.validation` naming every field at fault.
    func validated() throws -> (name: String, seats: Int, termMonths: Int, description: String) {
        var errors: [String: String] = [:]
        let name = FieldRules.line(
            name,
            "name",
            "Name the body, such as “Editorial board”.",
            max: Self.nameMax,
            &errors
        )
        let description = FieldRules.text(description, "description", max: Self.descriptionMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        let seats = Int(self.seats.trimmingWhitespace()).flatMap { (1...100).contains($0) ? $0 : nil }
        if seats == nil { errors["seats"] = "Give a whole number of seats from 1 to 100." }
        let months = Int(termMonths.trimmingWhitespace()).flatMap { (1...120).contains($0) ? $0 : nil }
        if months == nil { errors["termMonths"] = "Give the term in whole months, from 1 to 120." }
        guard errors.isEmpty, let seats, let months else { throw AppError.validation(errors) }
        return (name, seats, months, description)
    }
}

/// Creating, changing and deleting a group's elected bodies (organizers).
package struct BodyWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    package func create(in group: Group, standing: Standing, input: BodyInput) async throws -> Int {
        try Self.checkManager(group, standing)
        let valid = try input.validated()
        return try await services.store.sql.insertReturningID(
            into: "bodies",
            [
                "group_id": group.id, "name": valid.name, "seats": valid.seats, "term_months": valid.termMonths,
                "description": valid.description, "created_at": services.clock(),
            ]
        )
    }

    /// Changes a body. Seats and term apply to elections and terms read from now on.
    package func update(_ body: Body, in group: Group, standing: Standing, input: BodyInput) async throws {
        try Self.checkManager(group, standing)
        let valid = try input.validated()
        try await services.store.sql.update("bodies").set("name", to: valid.name).set("seats", to: valid.seats)
            .set("term_months", to: valid.termMonths).set("description", to: valid.description)
            .where("id", .equal, body.id).run()
    }

    /// Deletes a body with its record of elections and recall petitions; the decisions themselves stay.
    package func delete(_ body: Body, in group: Group, standing: Standing) async throws {
        try Self.checkManager(group, standing)
        try await services.store.sql.delete(from: "bodies").where("id", .equal, body.id).run()
    }

    static func checkManager(_ group: Group, _ standing: Standing) throws {
        guard BodyRules.canManage(standing) else {
            throw AppError.forbidden("Only the organizers of \(group.name) can change its elected bodies.")
        }
    }
}
