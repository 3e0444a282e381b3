import Foundation
import FreshgroundWeb
import Hummingbird

/// Holds back a signed-in person who must use two-factor sign-in and has not set it up (`TwoFactorPolicy`): every
/// page but setting it up, logging out and the site's assets sends them to `/me/two-factor`, saying why; the API
/// with their session cookie refuses. Access tokens are left alone: a person made them while signed in.
struct TwoFactorGate: Sendable {
    let policy: TwoFactorPolicy

    init(services: AppServices) { policy = TwoFactorPolicy(services: services) }

    /// The answer in place of the page, or nil when the person may go on.
    func holdBack(_ request: Request, person: CurrentPerson, facts: PersonFacts) async throws -> Response? {
        let path = request.uri.path
        guard !Self.isOpen(path), let reason = try await policy.reason(for: person, facts: facts) else { return nil }
        if path.hasPrefix("/api/") { throw AppError.forbidden(reason) }
        return Reply.redirect(PeoplePaths.twoFactor(), flash: reason)
    }

    /// What stays open to a person who is held back.
    static func isOpen(_ path: String) -> Bool {
        let twoFactor = PeoplePaths.twoFactor()
        return path == twoFactor || path.hasPrefix(twoFactor + "/") || path == PeoplePaths.logOut()
            || path.hasPrefix("/assets/") || path.hasPrefix("/healthz") || path == "/readyz"
    }
}
