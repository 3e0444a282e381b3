import Foundation
import FreshgroundWeb
import SQLKit

/// A person's account across every feature: what the site holds about them (their download), what stands in
/// the way of deleting it, and the deletion itself. The app hands in its features, since People knows none of
/// the others; each says what it holds through its `Feature` account hooks.
///
/// Deleting keeps the account's row as an empty stand-in (no email, no password, the display name "deleted
/// account" and a handle no one can sign up with), so what stays (published pieces, debate positions, and what
/// the person chose to keep) is shown under "deleted account" wherever the site names its author, and nothing
/// in it names the person. The handle itself is freed for anyone: keeping it reserved would keep the name.
package struct AccountLife: Sendable {
    let services: AppServices
    let features: [any Feature]

    package init(services: AppServices, features: [any Feature]) {
        self.services = services
        self.features = features
    }

    /// The display name every page shows for a deleted account.
    package static let deletedName = "deleted account"

    /// Everything the features hold about the person, each feature's sections under their names.
    package func download(personID: Int) async throws -> JSONValue {
        var sections: [String: JSONValue] = [:]
        for feature in features {
            sections.merge(try await feature.accountData(of: personID, services: services)) { first, _ in first }
        }
        return .object(sections)
    }

    /// The download of the account with `handle`, for an operator; nil when there is none.
    package func download(handle: String) async throws -> JSONValue? {
        guard
            let id = try await services.store.sql.select().column("id").from("people")
                .where("handle", .equal, handle.lowercased()).value("id", as: Int.self)
        else { return nil }
        return try await download(personID: id)
    }

    /// What the person must know or do before deleting the account, from every feature.
    package func notices(personID: Int, on sql: (any SQLDatabase)? = nil) async throws -> [AccountNotice] {
        var notices: [AccountNotice] = []
        for feature in features {
            notices += try await feature.accountNotices(of: personID, on: sql ?? services.store.sql)
        }
        return notices
    }

    /// What the deletion form holds.
    package struct Deletion: Sendable {
        let password: String
        let handle: String
        let keepWriting: String

        package init(password: String, handle: String, keepWriting: String) {
            self.password = password
            self.handle = handle
            self.keepWriting = keepWriting
        }
    }

    /// Deletes the account of `person` once their password and handle are given and nothing blocks (they are no
    /// group's last organizer): every feature forgets them, in one transaction, and the account is emptied;
    /// their sessions and access tokens end with it.
    package func delete(_ person: CurrentPerson, _ deletion: Deletion) async throws {
        var errors: [String: String] = [:]
        let stored =
            try await services.store.sql.select().column("password_hash").from("people")
            .where("id", .equal, person.id).value("password_hash", as: String.self) ?? ""
        if deletion.password.isEmpty {
            errors["password"] = "Give your password."
        } else if try await !Accounts(services: services).verify(deletion.password, hash: stored) {
            errors["password"] = "This is not your password."
        }
        if deletion.handle.trimmingWhitespace().lowercased() != person.handle {
            errors["confirm_handle"] = "Type your handle, \(person.handle), to confirm."
        }
        guard ["keep", "remove"].contains(deletion.keepWriting) else {
            throw AppError.validation(
                errors.merging(["writing": "Choose what happens to what you wrote."]) { a, _ in a }
            )
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let keepWriting = deletion.keepWriting == "keep"
        try await services.store.transaction { sql in
            let blocking = try await notices(personID: person.id, on: sql).filter(\.blocks)
            guard blocking.isEmpty else {
                throw AppError.validation([
                    FieldSet.formMessage: "Hand over first: " + blocking.map(\.text).joined(separator: " ")
                ])
            }
            for feature in features {
                try await feature.forget(person: person.id, keepWriting: keepWriting, on: sql, services: services)
            }
            try await sql.update("people")
                .set("handle", to: "_deleted_\(person.id)")
                .set("email", to: String?.none)
                .set("display_name", to: Self.deletedName)
                .set("password_hash", to: "!")
                .set("is_admin", to: false)
                .where("id", .equal, person.id).run()
        }
    }
}
