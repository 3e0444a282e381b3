import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Resetting a forgotten password by a link mailed to the account's confirmed address. Asking answers the same
/// whether or not an account (or its address) exists, so it cannot be used to learn who has an account here; only
/// a digest of the link's token is kept, and a link works once, for an hour.
package struct PasswordResets: Sendable {
    /// How long a link works.
    static let lifetime: TimeInterval = 3600
    /// At most this many links go to one account within `lifetime`; further requests send nothing.
    static let perHour = 3
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Mails a reset link to the confirmed address of the account whose email address or handle is `login`, if
    /// there is one and it has had fewer than `perHour` links in the last hour. Returns nothing either way: the
    /// caller answers the same whatever happened. Refuses only an empty `login`.
    package func request(login: String) async throws {
        let key = login.trimmingWhitespace().lowercased()
        guard !key.isEmpty else {
            throw AppError.validation(["login": "Give the email address or handle of your account."])
        }
        let now = services.clock()
        let column = key.contains("@") ? "email" : "handle"
        let queued = try await services.store.transaction { sql -> Bool in
            guard
                let account = try await sql.select().columns("id", "handle", "display_name", "email").from("people")
                    .where(SQLIdentifier(column), .equal, SQLBind(key)).row(AccountRow.self),
                let email = account.email
            else { return false }
            try await sql.delete(from: "password_resets").where("expires_at", .lessThan, now).run()
            let recent = try await sql.count(
                {
                    $0.where("person_id", .equal, account.id)
                        .where("created_at", .greaterThan, now.addingTimeInterval(-Self.lifetime))
                },
                from: "password_resets"
            )
            guard recent < Self.perHour else { return false }
            let token = Token.random()
            try await sql.insert(into: "password_resets")
                .columns("person_id", "token_digest", "created_at", "expires_at")
                .values(
                    SQLBind(account.id),
                    SQLBind(Token.digest(token)),
                    SQLBind(now),
                    SQLBind(now.addingTimeInterval(Self.lifetime))
                )
                .run()
            try await services.queueMail(
                to: email,
                name: account.displayName,
                subject: "Reset your password",
                body: """
                    Hello \(account.displayName.isEmpty ? "@\(account.handle)" : account.displayName),

                    Someone (we hope you) asked to reset the password of your account @\(account.handle) on \
                    \(services.site.name). To choose a new password, open this link:
                    \(services.site.base)\(PeoplePaths.resetPassword(token))

                    The link works once, for one hour. Choosing a new password logs you out everywhere else.

                    If this wasn't you, ignore this email: your password stays as it is.
                    """,
                on: sql
            )
            return true
        }
        if queued { services.deliverMailSoon() }
    }

    /// Whether `token` is a live link (known, unused, unexpired); `AppError.notFound` when it is not.
    package func check(token: String) async throws {
        _ = try await live(token, on: services.store.sql)
    }

    /// Sets `password` (confirmed by `confirmation`, by sign-up's rules) on the link's account, uses the link up,
    /// drops the person's other links and ends all their sessions, and returns the account's id for a new
    /// session. `AppError.notFound` for an unknown, used or expired link; `AppError.validation` for a refused
    /// password, which leaves the link working.
    package func reset(token: String, password: String, confirmation: String) async throws -> Int {
        _ = try await live(token, on: services.store.sql)
        var errors: [String: String] = [:]
        if let problem = Accounts.passwordProblem(password) { errors["password"] = problem }
        if password != confirmation { errors["password_confirmation"] = "The two passwords are not the same." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let hash = try await Accounts(services: services).hashPassword(password)
        let now = services.clock()
        return try await services.store.transaction { sql in
            // Claimed here, so of two uses at once only one gets through.
            let claim = sql.update("password_resets").set("used_at", to: now)
                .where("token_digest", .equal, Token.digest(token))
                .where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, now)
            guard let row = try await claim.returning("person_id").first() else { throw AppError.notFound }
            let personID = try row.decode(ClaimRow.self).personId
            try await sql.update("people").set("password_hash", to: hash).where("id", .equal, personID).run()
            try await sql.delete(from: "password_resets").where("person_id", .equal, personID)
                .where("token_digest", .notEqual, Token.digest(token)).run()
            try await Sessions(services: services).endOthers(of: personID, keeping: nil, on: sql)
            return personID
        }
    }

    /// The account behind a live link.
    private func live(_ token: String, on sql: any SQLDatabase) async throws -> Int {
        guard Token.isWellFormed(token),
            let row = try await sql.select().column("person_id").from("password_resets")
                .where("token_digest", .equal, Token.digest(token))
                .where("used_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, services.clock())
                .row(ClaimRow.self)
        else { throw AppError.notFound }
        return row.personId
    }
}

/// The account a reset link is asked for.
private struct AccountRow: Decodable {
    let id: Int
    let handle: String
    let displayName: String
    let email: String?
}

/// The account a link belongs to.
private struct ClaimRow: Decodable {
    let personId: Int
}

extension PasswordResets {
    /// Drops every reset link of the person: a link mailed before their password or address changed must not
    /// reset the password afterwards.
    static func cancel(for personID: Int, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: "password_resets").where("person_id", .equal, personID).run()
    }
}
