import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Logging in and out, with the throttle on failed attempts, and the session cookie.
package struct Sessions: Sendable {
    package static let cookieName = "fg_session"
    static let lifetime: TimeInterval = 30 * 24 * 3600
    /// The most of a browser's `User-Agent` kept with its session: enough to name the browser and system.
    static let userAgentLimit = 200
    /// "Last active" is kept to the minute, so browsing does not turn every read into a write.
    static let lastSeenGranularity: TimeInterval = 60
    let services: AppServices
    let throttle: LoginThrottle

    package init(services: AppServices, throttle: LoginThrottle = LoginThrottle()) {
        self.services = services
        self.throttle = throttle
    }

    package enum LogInOutcome: Sendable, Equatable {
        case success(CurrentPerson, token: String)
        /// The password is right, and the person uses two-factor sign-in: `pending` is the pending-login cookie's
        /// value, which only the code step (`completeLogIn`) turns into a session.
        case secondFactor(pending: String)
        case wrongCredentials
        case throttled(retryAfterSeconds: Int)
    }

    /// Checks the password by handle or email. Unknown accounts and wrong passwords look the same, and both
    /// count as failures, so the throttle also slows down guessing which accounts exist. A success starts a
    /// session for the browser named by `userAgent`.
    package func logIn(
        login: String,
        password: String,
        address: String,
        userAgent: String? = nil
    ) async throws -> LogInOutcome {
        let key = login.trimmingWhitespace().lowercased()
        let now = services.clock()
        if case .block(let seconds) = try await throttleDecision(key: key, address: address, now: now) {
            return .throttled(retryAfterSeconds: seconds)
        }
        let sql = services.store.sql
        let column = key.contains("@") ? "email" : "handle"
        let row = try await sql.select().columns("id", "handle", "display_name", "is_admin", "password_hash")
            .from("people").where(SQLIdentifier(column), .equal, SQLBind(key)).first()
        let accounts = Accounts(services: services)
        guard let row,
            try await accounts.verify(password, hash: try row.decode(PasswordRow.self).passwordHash)
        else {
            try await recordFailure(key: key, address: address, now: now)
            if case .block(let seconds) = try await throttleDecision(key: key, address: address, now: now) {
                return .throttled(retryAfterSeconds: seconds)
            }
            return .wrongCredentials
        }
        let person = try Accounts.decodePerson(row)
        if let pending = try await pendingIfTwoFactor(personID: person.id) { return .secondFactor(pending: pending) }
        return .success(person, token: try await start(personID: person.id, userAgent: userAgent))
    }

    /// Creates a session for the browser named by `userAgent` (its `User-Agent` header, cut short; never its
    /// address) and returns the cookie value; only its digest is stored. The person's expired sessions go.
    package func start(personID: Int, userAgent: String? = nil) async throws -> String {
        let token = Token.random()
        let now = services.clock()
        let sql = services.store.sql
        try await sql.delete(from: "sessions").where("person_id", .equal, personID)
            .where("expires_at", .lessThanOrEqual, now).run()
        let agent = userAgent.map { String($0.trimmingWhitespace().prefix(Self.userAgentLimit)) } ?? ""
        _ = try await sql.insertReturningID(
            into: "sessions",
            [
                "token_digest": Token.digest(token), "person_id": personID, "created_at": now,
                "expires_at": now.addingTimeInterval(Self.lifetime), "last_seen_at": now,
                "user_agent": agent.isEmpty ? nil : agent,
            ]
        )
        return token
    }

    /// Signs the browser in on `response`: the session cookie, and a new CSRF token in place of the one the
    /// browser had before, so a token someone learned or planted earlier does not work in the session.
    package func signIn(_ response: inout Response, token: String) {
        response.setCookie(cookie(token))
        response.setCookie(CSRFTokenMiddleware.freshCookie(secure: services.site.secureCookies))
    }

    package func end(token: String) async throws {
        try await services.store.sql.delete(from: "sessions").where("token_digest", .equal, Token.digest(token)).run()
    }

    /// Ends every session of `personID` except the one whose cookie is `token` (every one when it is nil), in the
    /// caller's transaction `sql`; access tokens are left alone.
    func endOthers(of personID: Int, keeping token: String?, on sql: any SQLDatabase) async throws {
        let delete = sql.delete(from: "sessions").where("person_id", .equal, personID)
        if let token { delete.where("token_digest", .notEqual, Token.digest(token)) }
        try await delete.run()
    }

    /// The person behind a session cookie, if the session exists and has not expired, with `facts` about them
    /// read in the same statement. The session's "last active" time is moved on when it is a minute old or more:
    /// one guarded write a minute, not one a request.
    package func person(
        sessionToken token: String,
        facts: [PersonFact] = []
    ) async throws -> (person: CurrentPerson, facts: PersonFacts)? {
        let sql = services.store.sql
        let now = services.clock()
        // Written out, not built: this runs on every signed-in request, and SQLKit's builder spent more time
        // quoting its identifiers than SQLite spent running it. Fact keys are plain names (`PersonFact.key`).
        let factColumns = facts.map { fact -> SQLQueryString in
            ", \(fact.count(SQLRaw("p.id"))) AS \(unsafeRaw: fact.key.name)"
        }
        let row = try await sql.raw(
            """
            SELECT p.id, p.handle, p.display_name, p.is_admin, s.id AS session_id, s.last_seen_at\
            \(factColumns.joined()) FROM sessions s JOIN people p ON p.id = s.person_id \
            WHERE s.token_digest = \(bind: Token.digest(token)) AND s.expires_at > \(bind: now) LIMIT 1
            """
        ).first()
        guard let row else { return nil }
        let use = try row.decode(SessionUseRow.self)
        let cutoff = now.addingTimeInterval(-Self.lastSeenGranularity)
        if use.lastSeenAt.map({ $0 <= cutoff }) ?? true {
            // Guarded again in the write, so requests arriving together write once.
            try await sql.update("sessions").set("last_seen_at", to: now).where("id", .equal, use.sessionId)
                .where {
                    $0.where(SQLIdentifier("last_seen_at"), .is, SQLLiteral.null)
                        .orWhere("last_seen_at", .lessThanOrEqual, cutoff)
                }
                .run()
        }
        var values: [PersonFacts.Key: Int] = [:]
        for fact in facts { values[fact.key] = try row.integer(fact.key.name) }
        return (try Accounts.decodePerson(row), PersonFacts(values))
    }

    package func cookie(_ token: String) -> Cookie {
        Cookie(
            name: Self.cookieName,
            value: token,
            maxAge: Int(Self.lifetime),
            path: "/",
            secure: services.site.secureCookies,
            httpOnly: true,
            sameSite: .lax
        )
    }

    package func expiredCookie() -> Cookie {
        Cookie(
            name: Self.cookieName,
            value: "",
            maxAge: 0,
            path: "/",
            secure: services.site.secureCookies,
            httpOnly: true,
            sameSite: .lax
        )
    }

    func throttleDecision(key: String, address: String, now: Date) async throws -> LoginThrottle.Decision {
        let since = now.addingTimeInterval(-throttle.windowSeconds)
        let sql = services.store.sql
        let byAccount = try await sql.select().columns("at", "address").from("login_failures")
            .where("account_key", .equal, key).where("at", .greaterThan, since).rows(FailureRow.self)
        let byAddress = try await sql.select().column("at").from("login_failures")
            .where("address", .equal, address).where("at", .greaterThan, since).column("at", as: Date.self)
        return throttle.decide(
            accountFailures: byAccount.map {
                LoginThrottle.Failure(at: $0.at.timeIntervalSince1970, fromThisAddress: $0.address == address)
            },
            addressFailures: byAddress.map(\.timeIntervalSince1970),
            now: now.timeIntervalSince1970
        )
    }

    func recordFailure(key: String, address: String, now: Date) async throws {
        let sql = services.store.sql
        try await sql.delete(from: "login_failures")
            .where("at", .lessThan, now.addingTimeInterval(-throttle.windowSeconds)).run()
        _ = try await sql.insertReturningID(
            into: "login_failures",
            ["account_key": String(key.prefix(254)), "address": address, "at": now]
        )
    }
}

/// A live session's id and when it was last used (to the minute), beside its owner's columns.
private struct SessionUseRow: Decodable {
    let sessionId: Int
    let lastSeenAt: Date?
}

/// One recorded failure on an account: when, and from which address.
private struct FailureRow: Decodable {
    let at: Date
    let address: String
}

/// The password hash an account's log-in is checked against, beside its `PersonRow` columns.
private struct PasswordRow: Decodable {
    let passwordHash: String
}
