import Foundation
import Hummingbird

/// Holds every request under `/api/` to the OpenAPI document before a handler sees it:
///
/// - a method the document does not list for a documented path is answered 405 with `Allow`; a `HEAD` is held
///   to the path's `GET` (the router answers it with the `GET`'s headers and no body), so it is refused only
///   where there is no `GET`;
/// - a path parameter that does not fit its schema (an id that is not a whole number from 1 to 2^63 − 1) is a
///   404, because nothing can be at that address;
/// - a query parameter that does not fit its schema (`page=0`, an unknown `kind`, a malformed date) is a 422
///   with a message for that parameter;
/// - a JSON body is held to its schema when the handler reads it (`JSONBodyCheck`, in `decodeJSON`).
///
/// So the document is the one place that says which requests are valid, and handlers never see the rest.
package struct APIContractMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let contract: APIContract

    package init(contract: APIContract) { self.contract = contract }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        let documented =
            context.endpointPath.flatMap { contract.paths[$0] } ?? contract.path(matching: request.uri.path)
        guard let documented else { return try await next(request, context) }
        let method = Self.documentedMethod(request.method, on: documented)
        guard let parameters = documented.operations[method] else {
            return methodNotAllowed(documented)
        }
        var errors: [String: String] = [:]
        for parameter in parameters {
            switch parameter.location {
            case .path:
                // Unserved addresses have no captured parameters; the router answers those 404 itself.
                guard let value = context.parameters.get(parameter.name) else { continue }
                if contract.problem(with: value, for: parameter) != nil { throw AppError.notFound }
            case .query:
                guard let value = request.uri.queryParameters[parameter.name[...]].map(String.init) else {
                    if parameter.required { errors[parameter.name] = "This is required." }
                    continue
                }
                if let problem = contract.problem(with: value, for: parameter) { errors[parameter.name] = problem }
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        var context = context
        if let body = documented.bodies[method] {
            // Checked by `decodeJSON` when the handler reads the body, so who may ask is settled first.
            context.jsonBodyCheck = JSONBodyCheck(contract: contract, body: body)
        }
        return try await next(request, context)
    }

    /// The document's operation a request is held to: its own method's, or for a `HEAD` the `GET`'s when the
    /// document lists no `HEAD` of its own.
    static func documentedMethod(_ method: HTTPRequest.Method, on path: APIContract.Path) -> String {
        method == .head && path.operations["HEAD"] == nil ? "GET" : method.rawValue
    }

    /// What a path answers, for `Allow`: the documented methods, with `HEAD` after `GET`, as the router serves it.
    static func allowed(on path: APIContract.Path) -> [String] {
        path.allowed.flatMap { $0 == "GET" && path.operations["HEAD"] == nil ? ["GET", "HEAD"] : [$0] }
    }

    private func methodNotAllowed(_ path: APIContract.Path) -> Response {
        let allowed = Self.allowed(on: path).joined(separator: ", ")
        var response = Problem(
            code: "method-not-allowed",
            title: "Method not allowed",
            status: .methodNotAllowed,
            detail: "\(path.template) answers \(allowed)."
        ).response()
        response.headers[.allow] = allowed
        return response
    }
}

/// The schema a JSON request body must fit, from the OpenAPI document; `decodeJSON` holds the body to it before
/// decoding it. A body of the wrong shape (not the type asked for, a required field missing) is a 400, as a body
/// the handler could not decode always was; one of the right shape with values the schema does not allow (an
/// unknown enum value, text too long, a number out of range) is a 422 naming each such field.
package struct JSONBodyCheck: Sendable {
    let contract: APIContract
    let body: APIContract.Body

    func check(_ value: JSONValue) throws {
        guard let problem = contract.problem(with: value, for: body) else { return }
        switch problem.kind {
        case .shape:
            let place = problem.path.isEmpty ? "The body" : problem.path.joined(separator: ".")
            throw AppError.badRequest("\(place): \(problem.message)")
        case .value:
            var errors = [problem.path.first ?? "body": problem.message]
            // Every top-level field that is wrong, as a form would show them, not only the first.
            let schema = APIContract.resolve(body.schema, in: contract.document)
            for (name, field) in value.object ?? [:] {
                guard let fieldSchema = schema["properties"]?[name],
                    let other = SchemaCheck(document: contract.document).problem(field, fieldSchema, at: [name]),
                    other.kind == .value
                else { continue }
                errors[name] = other.message
            }
            throw AppError.validation(errors)
        }
    }
}
