import Foundation
import FreshgroundWeb
import Hummingbird

/// Resetting a forgotten password: asking for a link, and the page the link opens.
struct ResetRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let resets = PasswordResets(services: services)
        let sessions = Sessions(services: services)

        router.get(PeoplePaths.forgotPassword) { _, context in
            Reply.html(ResetPages.forgot(context))
        }
        router.post(PeoplePaths.forgotPassword) { _, context in
            // The same answer whether or not a link was sent.
            try await FormFlow.submit(
                context,
                redirectTo: PeoplePaths.logIn(),
                flash: ResetPages.sent,
                page: { fields in ResetPages.forgot(context, fields: fields) }
            ) {
                try await resets.request(login: context.form["login"])
            }
        }

        router.get(PeoplePaths.resetPassword) { _, context in
            let token = try context.parameters.require("token")
            return try await deadLinkIfNotFound(context) {
                try await resets.check(token: token)
                return Reply.html(ResetPages.reset(context, token: token))
            }
        }
        router.post(PeoplePaths.resetPassword) { request, context in
            let token = try context.parameters.require("token")
            let form = context.form
            return try await deadLinkIfNotFound(context) {
                try await FormFlow.submit(
                    context,
                    page: { fields in ResetPages.reset(context, token: token, fields: fields) }
                ) {
                    let personID = try await resets.reset(
                        token: token,
                        password: form.raw("password"),
                        confirmation: form.raw("password_confirmation")
                    )
                    // With two-factor sign-in, the link and the new password are only the first step.
                    if let pending = try await sessions.pendingIfTwoFactor(personID: personID) {
                        var response = Reply.redirect(
                            PeoplePaths.logInCode(next: "/"),
                            flash: "Your new password is set, and you are logged out everywhere else. Enter a code "
                                + "from your authenticator app to log in."
                        )
                        response.setCookie(sessions.pendingCookie(pending))
                        return response
                    }
                    var response = Reply.redirect(
                        "/",
                        flash: "Your new password is set. You are logged in, and logged out everywhere else."
                    )
                    let session = try await sessions.start(personID: personID, userAgent: request.headers[.userAgent])
                    sessions.signIn(&response, token: session)
                    return response
                }
            }
        }
    }

    /// Answers an unknown, used or expired link with a page that offers a new one (404).
    private func deadLinkIfNotFound(
        _ context: AppContext,
        _ body: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await body()
        } catch AppError.notFound {
            return Reply.html(ResetPages.deadLink(context), status: .notFound)
        }
    }
}
