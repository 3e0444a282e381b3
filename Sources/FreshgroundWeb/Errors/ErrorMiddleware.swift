import Foundation
import Hummingbird
import Logging

/// Turns every error into a response: an HTML error page for pages, an `application/problem+json` document
/// for the API. Unknown errors are logged and shown as a plain 500 without internals.
///
/// The page is rendered with the context this middleware is handed, so where it sits decides whom the page is
/// for: the router has one inside authentication and the CSRF token (pages show the signed-in person and carry
/// their token), and one outside them for the errors those middlewares throw themselves.
package struct ErrorMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    package init() {}

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            return respond(error, request: request, context: context)
        } catch let error as any HTTPResponseError {
            let mapped: AppError
            switch error.status {
            case .notFound: mapped = .notFound
            case .unauthorized: mapped = .unauthorized
            case .contentTooLarge: mapped = .badRequest("The request is too large.")
            case .methodNotAllowed, .badRequest: mapped = .badRequest("This address does not accept that request.")
            default:
                context.logger.error("unexpected HTTP error \(error.status)")
                return serverError(request: request, context: context)
            }
            return respond(mapped, request: request, context: context)
        } catch {
            context.logger.error("unhandled error: \(String(reflecting: error))")
            return serverError(request: request, context: context)
        }
    }

    private func respond(_ error: AppError, request: Request, context: AppContext) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            var response = Problem(error).response()
            if case .rateLimited(_, let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            if case .unauthorized = error {
                response.headers[.wwwAuthenticate] = "Bearer realm=\"freshground\""
            }
            return response
        }
        if case .unauthorized = error, request.method == .get || request.method == .head {
            let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=?+")
            let encoded = back.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
            return Reply.redirect("/login?next=\(encoded)")
        }
        let page = Layout.page(
            title: error.title,
            context: context,
            main: """
                <h1>\(error.title)</h1>
                <p>\(error.detail)</p>
                <p><a href="/">Back to the start page</a></p>
                """
        )
        var response = Reply.html(page, status: error.status)
        if case .rateLimited(_, let seconds) = error { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    private func serverError(request: Request, context: AppContext) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return Problem(
                code: "internal",
                title: "Internal error",
                status: .internalServerError,
                detail: "Something went wrong on our side; nothing was changed."
            ).response()
        }
        return Reply.html(
            Layout.page(
                title: "Something went wrong",
                context: context,
                main: "<h1>Something went wrong</h1><p>The error was logged. Nothing you sent was changed.</p>"
            ),
            status: .internalServerError
        )
    }
}

/// An RFC 9457 problem document with a stable `type` per error code.
package struct Problem: Encodable, Sendable {
    package static let typeBase = "https://freshground.example/problems/"
    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [String: String]?

    package init(_ error: AppError) {
        self.init(code: error.code, title: error.title, status: error.status, detail: error.detail)
        if case .validation(let fields) = error {
            self = Problem(
                code: error.code,
                title: error.title,
                status: error.status,
                detail: error.detail,
                errors: fields
            )
        }
    }

    package init(
        code: String,
        title: String,
        status: HTTPResponse.Status,
        detail: String,
        errors: [String: String]? = nil
    ) {
        self.type = Self.typeBase + code
        self.title = title
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    package func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return Response(
            status: .init(code: status),
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
