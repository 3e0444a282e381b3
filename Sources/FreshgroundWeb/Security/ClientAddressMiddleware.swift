import Hummingbird

/// Behind a reverse proxy every request comes from the proxy's address, so the login throttle would count all
/// people as one. When the peer is one of the configured proxies, the client's address is the last entry of
/// `X-Forwarded-For` that is not itself a trusted proxy. A header from anyone else is ignored, so it cannot be
/// used to dodge the throttle.
package struct ClientAddressMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let trustedProxies: Set<String>

    package init(trustedProxies: Set<String>) { self.trustedProxies = trustedProxies }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if trustedProxies.contains(context.remoteAddress) {
            let hops = request.headers[values: .init("X-Forwarded-For")!]
                .flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if let client = hops.last(where: { !trustedProxies.contains($0) }) { context.remoteAddress = client }
        }
        return try await next(request, context)
    }
}
