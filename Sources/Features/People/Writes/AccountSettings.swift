import Foundation
import FreshgroundWeb
import SQLKit

/// A signed-in person changing their own account: display name, password and email address. Each check is
/// sign-up's (`Accounts`), and an address is added only through a link sent to it (`EmailConfirmations`).
struct AccountSettings: Sendable {
    let services: AppServices

    /// What the settings page shows: the account's display name and address.
    struct Current: Decodable, Sendable {
        let displayName: String
        let email: String?
    }

    func current(personID: Int) async throws -> Current {
        guard
            let current = try await services.store.sql.select().columns("display_name", "email").from("people")
                .where("id", .equal, personID).row(Current.self)
        else { throw AppError.notFound }
        return current
    }

    func changeDisplayName(personID: Int, to name: String) async throws {
        if let problem = Accounts.displayNameProblem(name) { throw AppError.validation(["display_name": problem]) }
        try await services.store.sql.update("people").set("display_name", to: name.trimmingWhitespace())
            .where("id", .equal, personID).run()
    }

    /// What the password form holds.
    struct PasswordChange: Sendable {
        let current: String
        let new: String
        let again: String
    }

    /// Sets a new password once the current one is given, and ends every other session of the person (all but
    /// the session whose cookie is `keeping`); access tokens stay. A wrong current password is a field message
    /// and counts toward no log-in throttle.
    func changePassword(personID: Int, _ change: PasswordChange, keeping session: String?) async throws {
        let accounts = Accounts(services: services)
        guard
            let stored = try await services.store.sql.select().column("password_hash").from("people")
                .where("id", .equal, personID).value("password_hash", as: String.self)
        else { throw AppError.notFound }
        var errors: [String: String] = [:]
        if change.current.isEmpty {
            errors["current_password"] = "Give your current password."
        } else if try await !accounts.verify(change.current, hash: stored) {
            errors["current_password"] = "This is not your current password."
        }
        if let problem = Accounts.passwordProblem(change.new) {
            errors["new_password"] = problem
        } else if change.again != change.new {
            errors["new_password_again"] = "This is not the same as the new password."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let hash = try await accounts.hashPassword(change.new)
        let sessions = Sessions(services: services)
        try await services.store.transaction { sql in
            try await sql.update("people").set("password_hash", to: hash).where("id", .equal, personID).run()
            try await sessions.endOthers(of: personID, keeping: session, on: sql)
            try await PasswordResets.cancel(for: personID, on: sql)
        }
    }

    /// Mails a link to `email` that makes it the account's address when followed; until then the address stays
    /// as it is. The answer is the same whether or not another account has the address (its owner is told
    /// instead). A new request replaces the person's earlier links.
    func changeEmail(personID: Int, handle: String, to typed: String) async throws {
        let email = typed.trimmingWhitespace().lowercased()
        if email.isEmpty { throw AppError.validation(["email": "Give the new address."]) }
        if !FieldRules.looksLikeEmail(email) {
            throw AppError.validation(["email": "This does not look like an email address."])
        }
        if try await current(personID: personID).email == email {
            throw AppError.validation(["email": "This is already your email address."])
        }
        try await RateLimit.mail.take(RateLimit.person(personID), on: services.store.sql, now: services.clock())
        let confirmations = EmailConfirmations(services: services)
        try await services.store.transaction { sql in
            try await sql.delete(from: "email_confirmations").where("person_id", .equal, personID).run()
            try await confirmations.offer(email, to: personID, handle: handle, because: .settings, on: sql)
        }
        services.deliverMailSoon()
    }

    /// Takes the address off the account; false when it had none.
    func removeEmail(personID: Int) async throws -> Bool {
        guard try await current(personID: personID).email != nil else { return false }
        try await services.store.transaction { sql in
            try await sql.update("people").set("email", to: String?.none).where("id", .equal, personID).run()
            try await PasswordResets.cancel(for: personID, on: sql)
        }
        return true
    }
}
