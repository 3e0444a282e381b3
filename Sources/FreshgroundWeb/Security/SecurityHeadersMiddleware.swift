import HTTPTypes
import Hummingbird

/// Adds the headers that keep pages from loading or being framed by anything but this site.
package struct SecurityHeadersMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    package init() {}

    static let policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers)
        return response
    }

    package static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = policy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Permissions-Policy")!] = "interest-cohort=(), camera=(), microphone=(), geolocation=()"
    }
}
