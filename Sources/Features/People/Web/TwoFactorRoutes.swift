import Foundation
import FreshgroundWeb
import Hummingbird

/// Two-factor sign-in: the code step of logging in, setting it up and turning it off at `/me/two-factor`, and the
/// site-wide requirement at `/admin/security` (only administrators find it; anyone else gets 404).
struct TwoFactorRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let sessions = Sessions(services: services)
        let twoFactor = TwoFactor(services: services)

        router.get(PeoplePaths.logInCode) { request, context in
            let next = safeNext(request.uri.queryParameters["next"].map(String.init))
            guard let pending = request.cookies[Sessions.pendingCookieName]?.value,
                try await sessions.pendingPerson(pending) != nil
            else { return Reply.redirect(PeoplePaths.logIn(next: next)) }
            return Reply.html(TwoFactorPages.code(context, next: next))
        }
        router.post(PeoplePaths.logInCode) { request, context in
            let next = safeNext(context.form["next"])
            let pending = request.cookies[Sessions.pendingCookieName]?.value ?? ""
            // Nothing typed is not a guess: say what to type, and leave the throttle alone.
            if TwoFactor.normalized(context.form["code"]).isEmpty, try await sessions.pendingPerson(pending) != nil {
                let fields = FieldSet(errors: ["code": Self.noCode])
                return Reply.html(
                    TwoFactorPages.code(context, fields: fields, next: next),
                    status: .unprocessableContent
                )
            }
            switch try await sessions.completeLogIn(
                pending: pending,
                code: context.form["code"],
                address: context.remoteAddress,
                userAgent: request.headers[.userAgent]
            ) {
            case .success(let token, let how):
                var response = Reply.redirect(next, flash: Self.recoveryNotice(how))
                sessions.signIn(&response, token: token)
                response.setCookie(sessions.expiredPendingCookie())
                return response
            case .wrongCode:
                let fields = FieldSet(errors: ["code": "That code is not right. Type the code your app shows now."])
                return Reply.html(TwoFactorPages.code(context, fields: fields, next: next), status: .unauthorized)
            case .throttled(let seconds):
                let fields = FieldSet(errors: [FieldSet.formMessage: tooManyAttempts(seconds)])
                var response = Reply.html(
                    TwoFactorPages.code(context, fields: fields, next: next),
                    status: .tooManyRequests
                )
                response.headers[.retryAfter] = String(seconds)
                return response
            case .expired:
                var response = Reply.redirect(
                    PeoplePaths.logIn(next: next),
                    flash: "That log-in has expired. Log in again with your password."
                )
                response.setCookie(sessions.expiredPendingCookie())
                return response
            }
        }

        router.get(PeoplePaths.twoFactor) { _, context in
            Reply.html(try await page(context, person: try context.requirePerson()))
        }
        router.post(PeoplePaths.twoFactor) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in try await page(context, person: person, fields: fields) }
            ) {
                let codes = try await twoFactor.confirm(personID: person.id, code: context.form["code"])
                return Reply.html(
                    TwoFactorPages.recoveryCodes(context, codes: codes, heading: "Two-factor sign-in is on")
                )
            }
        }
        router.post(PeoplePaths.recoveryCodes) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in try await page(context, person: person, regenerate: fields) }
            ) {
                try await requireCode(context, person: person, field: "regenerate_code")
                let codes = try await twoFactor.regenerateRecoveryCodes(personID: person.id)
                return Reply.html(
                    TwoFactorPages.recoveryCodes(context, codes: codes, heading: "Your new recovery codes")
                )
            }
        }
        router.post(PeoplePaths.twoFactorDisable) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: PeoplePaths.twoFactor(),
                flash: "Two-factor sign-in is off.",
                page: { fields in try await page(context, person: person, disable: fields) }
            ) {
                try await requireCode(context, person: person, field: "disable_code")
                try await twoFactor.disable(personID: person.id)
            }
        }

        let security = SiteSecurity(services: services)
        router.get(PeoplePaths.adminSecurity) { _, context in
            guard context.person?.isAdmin == true else { throw AppError.notFound }
            let required = try await security.twoFactorForStewards()
            return Reply.html(TwoFactorPages.siteSecurity(context, stewardsRequired: required))
        }
        router.post(PeoplePaths.adminSecurity) { _, context in
            guard context.person?.isAdmin == true else { throw AppError.notFound }
            let required = context.form.checked("two_factor_for_stewards")
            let before = try await security.twoFactorForStewards()
            try await security.setTwoFactorForStewards(required)
            if required != before {
                try await AdminAudit.record(
                    required ? "required two-factor sign-in" : "stopped requiring two-factor sign-in",
                    subject: "site administrators and group organizers",
                    by: try context.requirePerson().handle,
                    at: services.clock(),
                    on: services.store.sql
                )
            }
            return Reply.redirect(
                PeoplePaths.adminSecurity(),
                flash: required
                    ? "Everyone with rights over others must now use two-factor sign-in."
                    : "Two-factor sign-in is no longer required site-wide."
            )
        }
    }

    /// The person's two-factor page as it stands: setting it up, or the forms for when it is on. A refused form
    /// comes back in `fields` (setting up), `regenerate` or `disable`.
    private func page(
        _ context: AppContext,
        person: CurrentPerson,
        fields: FieldSet = FieldSet(),
        regenerate: FieldSet = FieldSet(),
        disable: FieldSet = FieldSet()
    ) async throws -> HTML {
        let twoFactor = TwoFactor(services: services)
        guard let enrolment = try await twoFactor.enrolment(personID: person.id, handle: person.handle) else {
            let left = try await twoFactor.unusedRecoveryCodes(person.id)
            return TwoFactorPages.enabled(context, codesLeft: left, regenerate: regenerate, disable: disable)
        }
        let reason = try await TwoFactorPolicy(services: services).reason(for: person)
        return TwoFactorPages.setUp(context, enrolment: enrolment, reason: reason, fields: fields)
    }

    /// Refuses unless the form's `field` holds a current code (or an unused recovery code, now used) of the person;
    /// wrong codes count in the log-in throttle, as at log-in.
    private func requireCode(_ context: AppContext, person: CurrentPerson, field: String) async throws {
        if TwoFactor.normalized(context.form[field]).isEmpty { throw AppError.validation([field: Self.noCode]) }
        let check = try await Sessions(services: services).checkCode(
            personID: person.id,
            handle: person.handle,
            code: context.form[field],
            address: context.remoteAddress
        )
        switch check {
        case .accepted: return
        case .wrong: throw AppError.validation([field: "That code is not right. Type the code your app shows now."])
        case .throttled(let seconds): throw AppError.rateLimited(tooManyAttempts(seconds), retryAfterSeconds: seconds)
        }
    }

    /// The message for a code field left empty (not counted as a wrong code).
    static let noCode = "Type the code your app shows now, or one of your recovery codes."

    private static func recoveryNotice(_ how: TwoFactor.Accepted) -> String? {
        guard case .recovery(let left) = how else { return nil }
        return "You used a recovery code; \(left) left. Make new ones on your two-factor page when they run low."
    }
}
