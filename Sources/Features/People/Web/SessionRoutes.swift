import FreshgroundWeb
import Hummingbird

/// The signed-in person's session list, and signing out the other browsers on it (each after a confirming step).
/// Only the person's own sessions can be signed out; anyone else's is answered as not found, so the list gives away
/// nothing about other people.
struct SessionRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let sessions = Sessions(services: services)

        router.get(PeoplePaths.sessions) { request, context in
            let person = try context.requirePerson()
            let list = try await sessions.list(personID: person.id, current: Self.current(request))
            return Reply.html(SessionPages.list(context, sessions: list))
        }
        router.get(PeoplePaths.endSession) { request, context in
            let person = try context.requirePerson()
            let id = context.parameters.get("id", as: Int.self)
            guard
                let session = try await sessions.list(personID: person.id, current: Self.current(request))
                    .first(where: { $0.id == id && !$0.isCurrent })
            else { throw AppError.notFound }
            return Reply.html(SessionPages.confirmEnd(context, session: session))
        }
        router.post(PeoplePaths.endSession) { request, context in
            let person = try context.requirePerson()
            guard let id = context.parameters.get("id", as: Int.self),
                try await sessions.revoke(personID: person.id, sessionID: id, keeping: Self.current(request))
            else { throw AppError.notFound }
            return Reply.redirect(PeoplePaths.sessions(), flash: "That session is signed out.")
        }
        router.post(PeoplePaths.endOtherSessions) { request, context in
            let person = try context.requirePerson()
            try await sessions.endOthers(of: person.id, keeping: Self.current(request), on: services.store.sql)
            return Reply.redirect(PeoplePaths.sessions(), flash: "You are signed out everywhere else.")
        }
    }

    /// The asking browser's session cookie.
    private static func current(_ request: Request) -> String? { request.cookies[Sessions.cookieName]?.value }
}
