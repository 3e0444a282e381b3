import Foundation
import FreshgroundWeb
import Hummingbird

/// The account pages: signing up (and confirming an email address), logging in and out, access tokens.
struct PeopleRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let accounts = Accounts(services: services)
        let sessions = Sessions(services: services)
        let tokens = AccessTokens(services: services)
        let confirmations = EmailConfirmations(services: services)

        router.get(PeoplePaths.signUp) { request, context in
            Reply.html(
                PeoplePages.signUp(context, next: safeNext(request.uri.queryParameters["next"].map(String.init)))
            )
        }
        router.post(PeoplePaths.signUp) { request, context in
            let form = context.form
            let next = safeNext(form["next"])
            let input = SignUpInput(
                handle: form["handle"],
                email: form["email"],
                displayName: form["display_name"],
                password: form.raw("password")
            )
            return try await FormFlow.submit(
                context,
                page: { fields in PeoplePages.signUp(context, fields: fields, next: next) }
            ) {
                try await RateLimit.signUp.take(
                    RateLimit.address(context.remoteAddress),
                    on: services.store.sql,
                    now: services.clock()
                )
                let id = try await accounts.signUp(input)
                // Says the same whether or not the address already has an account: either way a message went
                // to it, and only a link in it can add the address to this account.
                let flash =
                    input.email.isEmpty
                    ? "Welcome! Your account is ready."
                    : "Welcome! Your account is ready. We sent a message to the email address you gave: "
                        + "follow its link to add the address to your account."
                var response = Reply.redirect(next, flash: flash)
                let token = try await sessions.start(personID: id, userAgent: request.headers[.userAgent])
                sessions.signIn(&response, token: token)
                return response
            }
        }
        router.get(PeoplePaths.confirmEmail) { _, context in
            let token = try context.parameters.require("token")
            let pending = try await confirmations.pending(token: token)
            return Reply.html(PeoplePages.confirmEmail(context, token: token, pending: pending))
        }
        router.post(PeoplePaths.confirmEmail) { _, context in
            switch try await confirmations.confirm(token: try context.parameters.require("token")) {
            case .added(let pending):
                return Reply.redirect("/", flash: "\(pending.email) is now the email address of @\(pending.handle).")
            case .taken(let pending):
                return Reply.redirect(
                    "/",
                    flash: "\(pending.email) was not added: another account took it after the link was sent."
                )
            }
        }

        router.get(PeoplePaths.logIn) { request, context in
            Reply.html(PeoplePages.logIn(context, next: safeNext(request.uri.queryParameters["next"].map(String.init))))
        }
        router.post(PeoplePaths.logIn) { request, context in
            let form = context.form
            let next = safeNext(form["next"])
            switch try await sessions.logIn(
                login: form["login"],
                password: form.raw("password"),
                address: context.remoteAddress,
                userAgent: request.headers[.userAgent]
            ) {
            case .success(_, let token):
                var response = Reply.redirect(next)
                sessions.signIn(&response, token: token)
                return response
            case .wrongCredentials:
                let page = PeoplePages.logIn(
                    context,
                    fields: FieldSet(values: form),
                    next: next,
                    message: "That handle or email and password do not match an account."
                )
                return Reply.html(page, status: .unauthorized)
            case .secondFactor(let pending):
                var response = Reply.redirect(PeoplePaths.logInCode(next: next))
                response.setCookie(sessions.pendingCookie(pending))
                return response
            case .throttled(let seconds):
                let page = PeoplePages.logIn(
                    context,
                    fields: FieldSet(values: form),
                    next: next,
                    message: tooManyAttempts(seconds)
                )
                var response = Reply.html(page, status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        router.post(PeoplePaths.logOut) { request, _ in
            if let token = request.cookies[Sessions.cookieName]?.value { try await sessions.end(token: token) }
            var response = Reply.redirect("/", flash: "You are logged out.")
            response.setCookie(sessions.expiredCookie())
            return response
        }

        router.get(PeoplePaths.tokens) { _, context in
            let person = try context.requirePerson()
            return Reply.html(PeoplePages.tokens(context, tokens: try await tokens.list(personID: person.id)))
        }
        router.post(PeoplePaths.tokens) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in
                    PeoplePages.tokens(context, tokens: try await tokens.list(personID: person.id), fields: fields)
                }
            ) {
                let token = try await tokens.create(personID: person.id, name: context.form["name"])
                let list = try await tokens.list(personID: person.id)
                return Reply.html(PeoplePages.tokens(context, tokens: list, newToken: token), status: .created)
            }
        }
        router.post(PeoplePaths.revokeToken) { _, context in
            let person = try context.requirePerson()
            guard let id = context.parameters.get("id", as: Int.self),
                try await tokens.revoke(personID: person.id, tokenID: id)
            else { throw AppError.notFound }
            return Reply.redirect(PeoplePaths.tokens(), flash: "The token is revoked.")
        }
    }
}

/// The message for a log-in (or a code) refused by the throttle for `seconds`.
func tooManyAttempts(_ seconds: Int) -> String {
    let minutes = max(1, (seconds + 59) / 60)
    let wait =
        seconds < 60
        ? "\(seconds) second\(seconds == 1 ? "" : "s")" : "\(minutes) minute\(minutes == 1 ? "" : "s")"
    return "Too many failed attempts. Try again in \(wait)."
}

/// Only same-site paths are followed after logging in or signing up, so a crafted link cannot bounce people
/// elsewhere. Browsers drop tabs and line breaks from addresses and read a backslash as a slash, so a path with
/// any of them (`/\t/evil.example`) is refused too.
func safeNext(_ value: String?) -> String {
    guard let value, value.hasPrefix("/"), !value.hasPrefix("//"),
        !value.unicodeScalars.contains(where: {
            $0 == "\\" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
        })
    else { return "/" }
    return value
}
