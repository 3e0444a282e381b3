import Hummingbird

/// The one error type of the domain. Features throw it; only the error middleware turns it into HTTP.
package enum AppError: Error, Sendable, Equatable {
    /// Missing, or hidden from this viewer (private things answer 404, never 403, so they are not confirmed).
    case notFound
    /// Needs a signed-in person.
    case unauthorized
    /// Signed in, visible, but not allowed.
    case forbidden(String)
    /// Input that fails validation, with a message per field.
    case validation([String: String])
    /// The write collides with existing state (a taken slug, a duplicate follow).
    case conflict(String)
    /// Too many attempts; try again after the given number of seconds.
    case rateLimited(String, retryAfterSeconds: Int)
    /// A request that cannot be read at all.
    case badRequest(String)
    /// The CSRF token is missing or wrong.
    case csrf

    /// The stable problem code used in `application/problem+json` `type` URIs.
    package var code: String {
        switch self {
        case .notFound: "not-found"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .validation: "validation"
        case .conflict: "conflict"
        case .rateLimited: "rate-limited"
        case .badRequest: "bad-request"
        case .csrf: "csrf"
        }
    }

    package var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .validation: .unprocessableContent
        case .conflict: .conflict
        case .rateLimited: .tooManyRequests
        case .badRequest: .badRequest
        case .csrf: .forbidden
        }
    }

    package var title: String {
        switch self {
        case .notFound: "Not found"
        case .unauthorized: "Please log in"
        case .forbidden: "Not allowed"
        case .validation: "Some fields need attention"
        case .conflict: "Conflict"
        case .rateLimited: "Too many attempts"
        case .badRequest: "The request could not be read"
        case .csrf: "This form has expired"
        }
    }

    package var detail: String {
        switch self {
        case .notFound: "There is nothing here, or it is not visible to you."
        case .unauthorized: "You need to log in to do that."
        case .forbidden(let message), .conflict(let message), .badRequest(let message): message
        case .rateLimited(let message, _): message
        case .validation(let errors): errors.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")
        case .csrf: "The form was missing its security token or it did not match. Reload the page and try again."
        }
    }

    package var fieldErrors: [String: String] {
        if case .validation(let errors) = self { return errors }
        return [:]
    }
}
