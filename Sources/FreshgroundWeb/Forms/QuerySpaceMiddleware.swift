import HTTPTypes
import Hummingbird

/// A form sent by GET (every search and filter form) writes a space in its query as `+`, which the router's query
/// reader leaves as a plus: "Leeds Renters" would be searched as "Leeds+Renters" and find nothing. This rewrites
/// each `+` of the query as `%20` before anything reads it; a plus typed in a field arrives as `%2B` and stays one.
package struct QuerySpaceMiddleware: RouterMiddleware {
    package typealias Context = AppContext

    package init() {}

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head, let path = request.head.path,
            let mark = path.firstIndex(of: "?"), path[mark...].contains("+")
        else { return try await next(request, context) }
        var head = request.head
        head.path = String(path[..<mark]) + path[mark...].replacingOccurrences(of: "+", with: "%20")
        return try await next(Request(head: head, body: request.body), context)
    }
}
