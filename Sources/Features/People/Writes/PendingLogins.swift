import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// The second step of logging in, for a person with two-factor sign-in: the password (or a password reset) leaves
/// a pending-login cookie, good for a few minutes and one use, and only a code from the authenticator or a recovery
/// code turns it into a session. Wrong codes count in the log-in throttle like wrong passwords.
extension Sessions {
    static let pendingCookieName = "fg_pending_login"
    static let pendingLifetime: TimeInterval = 5 * 60

    package enum CodeOutcome: Sendable, Equatable {
        case success(token: String, TwoFactor.Accepted)
        case wrongCode
        case throttled(retryAfterSeconds: Int)
        /// No pending log-in for the cookie: never made, expired, or used already.
        case expired
    }

    /// A code checked against the throttle: accepted (and used), wrong (and counted), or not tried at all.
    enum CodeCheck: Sendable, Equatable {
        case accepted(TwoFactor.Accepted)
        case wrong
        case throttled(retryAfterSeconds: Int)
    }

    /// When the person uses two-factor sign-in, a new pending log-in for them and its cookie value; nil otherwise.
    func pendingIfTwoFactor(personID: Int) async throws -> String? {
        guard try await TwoFactor(services: services).enrolled(personID) else { return nil }
        let token = Token.random()
        let now = services.clock()
        let sql = services.store.sql
        try await sql.delete(from: "pending_logins").where("expires_at", .lessThanOrEqual, now).run()
        _ = try await sql.insertReturningID(
            into: "pending_logins",
            [
                "person_id": personID, "token_digest": Token.digest(token),
                "expires_at": now.addingTimeInterval(Self.pendingLifetime),
            ]
        )
        return token
    }

    /// The person a live pending log-in is for.
    func pendingPerson(_ pending: String) async throws -> CurrentPerson? {
        let row = try await services.store.sql.select()
            .columns(SQLColumn("id", table: "p"), SQLColumn("handle"), SQLColumn("display_name"), SQLColumn("is_admin"))
            .from(SQLAlias(SQLIdentifier("pending_logins"), as: SQLIdentifier("l")))
            .join(
                SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")),
                on: SQLColumn("person_id", table: "l"),
                .equal,
                SQLColumn("id", table: "p")
            )
            .where(SQLColumn("token_digest", table: "l"), .equal, SQLBind(Token.digest(pending)))
            .where(SQLColumn("expires_at", table: "l"), .greaterThan, SQLBind(services.clock()))
            .first()
        return try row.map(Accounts.decodePerson)
    }

    /// The code step: a right code uses up the pending log-in and starts a session for the browser `userAgent`.
    package func completeLogIn(
        pending: String,
        code: String,
        address: String,
        userAgent: String? = nil
    ) async throws -> CodeOutcome {
        guard let person = try await pendingPerson(pending) else { return .expired }
        switch try await checkCode(personID: person.id, handle: person.handle, code: code, address: address) {
        case .throttled(let seconds): return .throttled(retryAfterSeconds: seconds)
        case .wrong: return .wrongCode
        case .accepted(let how):
            // Used once: of two requests with the same cookie, only the one that deletes the row goes on.
            let taken = try await services.store.sql.delete(from: "pending_logins")
                .where("token_digest", .equal, Token.digest(pending)).returning("id").all()
            guard !taken.isEmpty else { return .expired }
            return .success(token: try await start(personID: person.id, userAgent: userAgent), how)
        }
    }

    /// Checks a TOTP or recovery code of `personID` under the log-in throttle of their handle: a wrong code counts
    /// as a failed log-in, and while the account or address is blocked no code is tried.
    func checkCode(personID: Int, handle: String, code: String, address: String) async throws -> CodeCheck {
        let key = handle.lowercased()
        let now = services.clock()
        if case .block(let seconds) = try await throttleDecision(key: key, address: address, now: now) {
            return .throttled(retryAfterSeconds: seconds)
        }
        if let accepted = try await TwoFactor(services: services).accept(personID: personID, code: code) {
            return .accepted(accepted)
        }
        try await recordFailure(key: key, address: address, now: now)
        if case .block(let seconds) = try await throttleDecision(key: key, address: address, now: now) {
            return .throttled(retryAfterSeconds: seconds)
        }
        return .wrong
    }

    func pendingCookie(_ token: String) -> Cookie {
        Cookie(
            name: Self.pendingCookieName,
            value: token,
            maxAge: Int(Self.pendingLifetime),
            path: PeoplePaths.logIn(),
            secure: services.site.secureCookies,
            httpOnly: true,
            sameSite: .lax
        )
    }

    func expiredPendingCookie() -> Cookie {
        Cookie(
            name: Self.pendingCookieName,
            value: "",
            maxAge: 0,
            path: PeoplePaths.logIn(),
            secure: services.site.secureCookies,
            httpOnly: true,
            sameSite: .lax
        )
    }
}
