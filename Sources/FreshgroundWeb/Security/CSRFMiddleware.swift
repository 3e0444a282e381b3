import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request its CSRF token: the `fg_csrf` cookie's value (random, HttpOnly, SameSite=Lax), or a fresh
/// one that is set on the response, whatever the response is (error pages carry forms too, such as the log-out
/// form). It checks nothing itself: `CSRFMiddleware` does, later in the chain, so that a refused form is answered
/// by the error mapping that sits between the two, in the person's context and with this cookie.
/// A response that sets the cookie itself keeps it: signing in does, with `freshCookie`, so a token known before
/// (planted by another site, or read over someone's shoulder) stops working once the person is signed in.
package struct CSRFTokenMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let secureCookies: Bool

    package init(secureCookies: Bool) { self.secureCookies = secureCookies }

    /// The cookie that carries `token`.
    package static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: CSRFMiddleware.cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A cookie with a new token, for a response that starts a session.
    package static func freshCookie(secure: Bool) -> Cookie { cookie(Token.random(), secure: secure) }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let existing = request.cookies[CSRFMiddleware.cookieName]?.value
        let token = existing.flatMap { Token.isWellFormed($0) ? $0 : nil } ?? Token.random()
        context.csrfToken = token
        var response = try await next(request, context)
        let setByHandler = response.headers[values: .setCookie].contains {
            $0.hasPrefix("\(CSRFMiddleware.cookieName)=")
        }
        if existing != token && !setByHandler { response.setCookie(Self.cookie(token, secure: secureCookies)) }
        return response
    }
}

/// Guards every state-changing request with a double-submit token: the `fg_csrf` cookie (given out by
/// `CSRFTokenMiddleware`, which must come earlier in the chain) must be echoed in the form's `_csrf` field or, for
/// the JSON API, the `X-CSRF-Token` header. Requests authenticated by a personal access token carry no ambient
/// credential and skip the check. HTML form bodies are parsed here once, so no handler can forget the check.
package struct CSRFMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    package static let cookieName = "fg_csrf"
    package static let fieldName = "_csrf"
    package static let headerName = HTTPField.Name("X-CSRF-Token")!
    let maxFormBytes: Int
    /// The largest `multipart/form-data` body (a form with a file) accepted.
    let maxUploadBytes: Int

    /// Paths whose posts carry their own credential in the address and can only act for its holder, such as
    /// a list's one-click unsubscribe (RFC 8058), which mail clients post without cookies or a form token.
    let exemptPrefixes: [String]
    /// Where uploaded files are written as they arrive, until a handler keeps them or the request ends.
    let spool: String

    package init(
        maxFormBytes: Int = 512 * 1024,
        maxUploadBytes: Int = 50 * 1024 * 1024,
        exemptPrefixes: [String] = [],
        spool: String = FileManager.default.temporaryDirectory.appendingPathComponent("freshground-uploads").path
    ) {
        self.spool = spool
        self.exemptPrefixes = exemptPrefixes
        self.maxFormBytes = maxFormBytes
        self.maxUploadBytes = maxUploadBytes
    }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let existing = request.cookies[Self.cookieName]?.value
        let isUnsafe = ![.get, .head, .options].contains(request.method)
        let isExempt = exemptPrefixes.contains { request.uri.path.hasPrefix($0) }
        if isUnsafe && !context.viaAccessToken && !isExempt {
            let isAPI = request.uri.path.hasPrefix("/api/")
            if isAPI {
                guard let existing, request.headers[Self.headerName] == existing else { throw AppError.csrf }
            } else {
                (context.form, context.uploads) = try await readForm(request)
                let uploads = context.uploads
                // Files the handler did not keep are removed however the request ends.
                defer { UploadStream.discard(uploads) }
                guard let existing, context.form.raw(Self.fieldName) == existing else { throw AppError.csrf }
                return try await next(request, context)
            }
        }
        return try await next(request, context)
    }

    private func readForm(_ request: Request) async throws -> (FormData, [MultipartFile]) {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = MultipartForm.boundary(fromContentType: type) else {
                throw AppError.badRequest("The upload could not be read; please try again.")
            }
            return try await UploadStream.read(
                request.body,
                boundary: boundary,
                maxBytes: maxUploadBytes,
                maxTextBytes: maxFormBytes,
                spool: spool
            )
        }
        guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError.badRequest("Forms must be sent as application/x-www-form-urlencoded or multipart/form-data.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxFormBytes)
        } catch {
            throw AppError.badRequest("The form is larger than \(maxFormBytes / 1024) KB; please shorten it.")
        }
        return (try FormData(urlEncoded: Array(buffer.readableBytesView)), [])
    }
}
