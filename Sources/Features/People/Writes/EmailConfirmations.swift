import Foundation
import FreshgroundStore
import FreshgroundWeb
import Mail
import SQLKit

/// Adding the email address given at sign-up. The address is never attached at once: it gets a link that adds
/// it to the new account, or, when another account already has it, that account's owner is told someone tried.
/// Either way sign-up answers the same, so it cannot be used to learn whether an address has an account here,
/// and nobody can put a stranger's address on their account.
package struct EmailConfirmations: Sendable {
    /// How long a link works.
    static let lifetime: TimeInterval = 7 * 86_400
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Why an address is offered: given at sign-up, or added later on the account's settings page.
    enum Reason: Sendable {
        case signUp, settings
    }

    /// Mails `email` about the account `personID` (`handle`), new or changing its address (`reason`), inside the
    /// caller's transaction `sql`. Call `services.deliverMailSoon()` once it commits.
    func offer(
        _ email: String,
        to personID: Int,
        handle: String,
        because reason: Reason = .signUp,
        on sql: any SQLDatabase
    ) async throws {
        let now = services.clock()
        if let owner = try await sql.select().columns("handle", "display_name").from("people")
            .where("email", .equal, email).row(OwnerRow.self)
        {
            try await tellOwner(email, handle: owner.handle, name: owner.displayName, because: reason, on: sql)
            return
        }
        try await sql.delete(from: "email_confirmations").where("expires_at", .lessThan, now).run()
        let token = Token.random()
        try await sql.insert(into: "email_confirmations")
            .columns("person_id", "email", "token_digest", "created_at", "expires_at")
            .values(
                SQLBind(personID),
                SQLBind(email),
                SQLBind(Token.digest(token)),
                SQLBind(now),
                SQLBind(now.addingTimeInterval(Self.lifetime))
            )
            .run()
        try await send(
            to: email,
            name: "",
            subject: "Confirm your email address",
            body: """
                Hello,

                Someone (we hope you) \(reason == .signUp ? "signed up" : "logged in") on \(services.site.name) \
                as @\(handle) and gave this email address\(reason == .signUp ? "" : " for that account"). To add \
                it to that account, open this link and press the button:
                \(site)/signup/email/\(token)

                The link works for 7 days. If this wasn't you, ignore this email: the address is not added to \
                any account unless the link is used.
                """,
            on: sql
        )
    }

    private func tellOwner(
        _ email: String,
        handle: String,
        name: String,
        because reason: Reason,
        on sql: any SQLDatabase
    ) async throws {
        let other = reason == .signUp ? "the new account" : "the other account"
        let attempt =
            reason == .signUp
            ? "create a new account on \(services.site.name) with this email address"
            : "add this email address to another account on \(services.site.name)"
        try await send(
            to: email,
            name: name,
            subject: reason == .signUp
                ? "Someone tried to sign up with your email address" : "Someone tried to use your email address",
            body: """
                Hello \(name.isEmpty ? "@\(handle)" : name),

                Someone tried to \(attempt). The address already belongs to your account, @\(handle), so it was not \
                added to \(other), and nothing about your account has changed. Whoever \
                \(reason == .signUp ? "signed up" : "tried") was not told that this address has an account here.

                If it was you: you already have an account. Log in with your handle or this address at
                \(site)/login

                If it wasn't you, you need not do anything.
                """,
            on: sql
        )
    }

    private var site: String { services.site.base }

    private func send(
        to address: String,
        name: String,
        subject: String,
        body: String,
        on sql: any SQLDatabase
    ) async throws {
        try await services.queueMail(
            to: address,
            name: name,
            subject: subject,
            body: body,
            signaturePath: "/",
            on: sql
        )
    }

    /// A link waiting to be used: the address and the handle of the account it goes to.
    package struct Pending: Sendable, Equatable {
        package let email: String
        package let handle: String
    }

    /// The link behind `token`; `AppError.notFound` when it is unknown, used or expired.
    package func pending(token: String) async throws -> Pending {
        try await find(token, on: services.store.sql).pending
    }

    package enum Outcome: Sendable, Equatable {
        /// The address now belongs to the account.
        case added(Pending)
        /// Another account took the address after this link was sent (two sign-ups gave it); only whoever reads
        /// the address's mail gets here, so saying so reveals nothing.
        case taken(Pending)
    }

    /// Adds the link's address to its account and uses the link up; `AppError.notFound` for an unknown, used or
    /// expired link.
    package func confirm(token: String) async throws -> Outcome {
        let (id, personID, pending) = try await find(token, on: services.store.sql)
        do {
            return try await services.store.transaction { sql in
                try await sql.delete(from: "email_confirmations").where("id", .equal, id).run()
                let holder = try await sql.select().column("id").from("people")
                    .where("email", .equal, pending.email).first()
                if holder != nil { return .taken(pending) }
                try await sql.update("people").set("email", to: pending.email).where("id", .equal, personID).run()
                try await PasswordResets.cancel(for: personID, on: sql)
                return .added(pending)
            }
        } catch  where error.isConstraintFailure {
            return .taken(pending)
        }
    }

    private func find(
        _ token: String,
        on sql: any SQLDatabase
    ) async throws -> (
        id: Int, personID: Int, pending: Pending
    ) {
        guard Token.isWellFormed(token),
            let row = try await sql.select()
                .columns(SQLColumn("id", table: "c"), SQLColumn("person_id"), SQLColumn("email", table: "c"))
                .column(SQLColumn("handle", table: "p"))
                .from(SQLAlias(SQLIdentifier("email_confirmations"), as: SQLIdentifier("c")))
                .join(
                    SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")),
                    on: SQLColumn("person_id", table: "c"),
                    .equal,
                    SQLColumn("id", table: "p")
                )
                .where(SQLColumn("token_digest", table: "c"), .equal, SQLBind(Token.digest(token)))
                .where(SQLColumn("expires_at", table: "c"), .greaterThan, SQLBind(services.clock()))
                .row(ConfirmationRow.self)
        else { throw AppError.notFound }
        return (row.id, row.personId, Pending(email: row.email, handle: row.handle))
    }
}

/// The account that already has an address.
private struct OwnerRow: Decodable {
    let handle: String
    let displayName: String
}

/// A live link: its id, the account it adds the address to, the address and the account's handle.
private struct ConfirmationRow: Decodable {
    let id: Int
    let personId: Int
    let email: String
    let handle: String
}
