import Foundation
import FreshgroundCore
import FreshgroundWeb
import HummingbirdBcrypt
import NIOPosix
import SQLKit

/// What a person typed to create an account.
package struct SignUpInput: Sendable {
    package var handle: String
    package var email: String
    package var displayName: String
    package var password: String
    package var isAdmin = false
    /// True only where the address comes from someone trusted with it (an operator creating an admin account):
    /// then it is attached at once and a taken address is reported. Otherwise it waits for its emailed link.
    package var emailIsConfirmed = false

    package init(
        handle: String,
        email: String,
        displayName: String,
        password: String,
        isAdmin: Bool = false,
        emailIsConfirmed: Bool = false
    ) {
        self.handle = handle
        self.email = email
        self.displayName = displayName
        self.password = password
        self.isAdmin = isAdmin
        self.emailIsConfirmed = emailIsConfirmed
    }
}

/// Creating accounts and checking passwords.
package struct Accounts: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Validates and creates an account and returns its id; a taken handle is refused like any invalid field
    /// (`AppError.validation`; handles are public). A taken email address does not: the account is created without its address, which is
    /// mailed instead (see `EmailConfirmations`), so the answer is the same whether or not the address
    /// already has an account. Only a confirmed address (`emailIsConfirmed`) is attached here.
    package func signUp(_ input: SignUpInput) async throws -> Int {
        let handle = input.handle.lowercased()
        let email = input.email.lowercased()
        var errors: [String: String] = [:]
        if !Handle.isValid(handle) {
            errors["handle"] = "Use 3 to 32 letters, digits, - or _, starting with a letter or digit."
        }
        if !email.isEmpty && !FieldRules.looksLikeEmail(email) {
            errors["email"] = "This does not look like an email address. Leave it empty to sign up without one."
        }
        if let problem = Self.displayNameProblem(input.displayName) { errors["display_name"] = problem }
        if let problem = Self.passwordProblem(input.password) { errors["password"] = problem }
        guard errors.isEmpty else { throw AppError.validation(errors) }

        let sql = services.store.sql
        if try await sql.select().column("id").from("people").where("handle", .equal, handle).first() != nil {
            throw AppError.validation(["handle": "This handle is taken; please choose another."])
        }
        let attach = input.emailIsConfirmed && !email.isEmpty
        if attach, try await sql.select().column("id").from("people").where("email", .equal, email).first() != nil {
            throw AppError.validation(["email": "An account already uses this email address."])
        }
        let mail = !input.emailIsConfirmed && !email.isEmpty
        let hash = try await hashPassword(input.password)
        let values: [String: any Encodable & Sendable] = [
            "handle": handle, "email": (attach ? email : nil) as String?,
            "display_name": input.displayName.trimmingWhitespace(), "password_hash": hash,
            "is_admin": input.isAdmin, "created_at": services.clock(),
        ]
        let confirmations = EmailConfirmations(services: services)
        do {
            let id = try await services.store.transaction { sql in
                let id = try await sql.insertReturningID(into: "people", values)
                if mail { try await confirmations.offer(email, to: id, handle: handle, on: sql) }
                return id
            }
            if mail { services.deliverMailSoon() }
            return id
        } catch  where error.isConstraintFailure {
            let what = attach ? "handle or email" : "handle"
            throw AppError.validation(["handle": "This \(what) was just taken; please choose another."])
        }
    }

    /// What is wrong with a display name by sign-up's rule (any form that sets one uses it), or nil.
    static func displayNameProblem(_ name: String) -> String? {
        name.count > 80 ? "Keep the display name under 80 characters." : nil
    }

    /// What is wrong with a new password by sign-up's rules (any form that sets one uses them), or nil.
    static func passwordProblem(_ password: String) -> String? {
        if password.count < 10 { return "Use at least 10 characters." }
        if password.utf8.count > 72 { return "Use at most 72 bytes; longer passwords would be cut silently by bcrypt." }
        return nil
    }

    package func hashPassword(_ password: String) async throws -> String {
        let cost = UInt8(services.passwordCost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    package func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The person in a row with the columns `id`, `handle`, `display_name` and `is_admin`.
    static func decodePerson(_ row: any SQLRow) throws -> CurrentPerson { try row.decode(PersonRow.self).person }
}

/// A person's columns as `CurrentPerson` needs them.
struct PersonRow: Decodable {
    let id: Int
    let handle: String
    let displayName: String
    let isAdmin: Bool

    var person: CurrentPerson { CurrentPerson(id: id, handle: handle, displayName: displayName, isAdmin: isAdmin) }
}

/// A person as the API shows them to themself.
package struct PersonProfile: Codable, Sendable {
    let id: Int
    let handle: String
    let displayName: String
    let email: String?
    let isAdmin: Bool
    let createdAt: Date
}

extension Accounts {
    /// Whether mail can reach the person: the site sends mail (not only to its log) and the account has an address.
    /// Pages say so before someone enrolls or RSVPs, rather than promising mail that cannot come.
    package func mailReaches(personID: Int) async throws -> Bool {
        guard services.mailer.delivers else { return false }
        let email =
            try await services.store.sql.select().column("email").from("people")
            .where("id", .equal, personID).value("email", as: String?.self) ?? nil
        return !(email ?? "").isEmpty
    }

    /// Of `personIDs`, the ones mail can reach, by the rule of `mailReaches(personID:)`, in one read: what
    /// organizers are told about a list of people ("N of these people will get no mail").
    package func mailReaches(personIDs: [Int]) async throws -> Set<Int> {
        guard services.mailer.delivers, !personIDs.isEmpty else { return [] }
        let rows = try await services.store.sql.select().column("id").from("people")
            .where("id", .in, Array(Set(personIDs))).where("email", .isNot, SQLLiteral.null)
            .where("email", .notEqual, "").column("id", as: Int.self)
        return Set(rows)
    }

    package func profile(id: Int) async throws -> PersonProfile {
        guard
            let profile = try await services.store.sql.select()
                .columns("id", "handle", "display_name", "email", "is_admin", "created_at").from("people")
                .where("id", .equal, id).row(PersonProfile.self)
        else { throw AppError.notFound }
        return profile
    }
}
