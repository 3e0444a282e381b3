import Foundation
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Finds who is asking: a `Bearer` personal access token first, then the session cookie. A bad token on the
/// API is an error (so scripts notice); a stale session cookie is simply ignored and cleared. A person who must use
/// two-factor sign-in and has not set it up is held back (`TwoFactorGate`).
package struct AuthMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let sessions: Sessions
    let tokens: AccessTokens
    let twoFactorGate: TwoFactorGate
    /// What the features count about the person, read with the session (`PersonFact`).
    let facts: [PersonFact]

    package init(services: AppServices, facts: [PersonFact] = []) {
        self.facts = facts
        self.sessions = Sessions(services: services)
        self.tokens = AccessTokens(services: services)
        self.twoFactorGate = TwoFactorGate(services: services)
    }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        // `/metrics` takes a scraper's own bearer token, which is no person's access token.
        if request.uri.path == "/metrics" { return try await next(request, context) }
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "),
                let person = try await tokens.person(token: String(header.dropFirst(7)).trimmingWhitespace())
            else { throw AppError.unauthorized }
            context.person = person
            context.viaAccessToken = true
            return try await next(request, context)
        }
        var stale = false
        if let token = request.cookies[Sessions.cookieName]?.value, !token.isEmpty {
            let found = try await sessions.person(sessionToken: token, facts: facts)
            context.person = found?.person
            context.personFacts = found?.facts ?? PersonFacts()
            stale = found == nil
        }
        if let person = context.person,
            let heldBack = try await twoFactorGate.holdBack(request, person: person, facts: context.personFacts)
        {
            return heldBack
        }
        var response = try await next(request, context)
        // Clear a stale cookie, unless this response signs the person in afresh (a log-in with an old cookie
        // still in the browser): a clearing cookie sent after the new one would log them straight out again.
        let setsSession = response.headers[values: .setCookie].contains { $0.hasPrefix("\(Sessions.cookieName)=") }
        if stale && !setsSession { response.setCookie(sessions.expiredCookie()) }
        return response
    }
}
