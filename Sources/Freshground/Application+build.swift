import Federation
import FluentKit
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Groups
import Hummingbird
import Logging
import Mail
import Notifications
import People
import ServiceLifecycle

/// Builds the whole application; `main` and the tests share it. The database is migrated before the
/// router is built, so a server never answers on an out-of-date schema.
package func buildApplication(
    config: AppConfig,
    store: Store,
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    try await store.tuneConnections()
    try await store.migrate(allMigrations)
    var logger = store.logger
    logger.logLevel = config.logLevel
    let services = AppServices(
        store: store,
        clock: clock,
        site: SiteSettings(
            name: config.siteName,
            url: config.siteURL,
            trustedProxies: config.trustedProxies,
            federation: config.federation
        ),
        passwordCost: config.passwordCost,
        mediaDirectory: config.resolvedMediaDirectory,
        mailer: config.makeMailer(logger: logger),
        pageCacheSeconds: config.pageCacheSeconds
    )
    let router = buildRouter(services: services, metricsToken: config.metricsToken)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
        // Services stop in reverse order: mail delivery before the database closes.
        services: [
            DatabasesService(store: store), MailService(outbox: services.outbox, logger: logger),
            ReminderService(services: services, logger: logger, interval: config.reminderInterval),
            FederationService(services: services, logger: logger),
            ChangeListenerService(services: services),
        ],
        logger: logger
    )
}

/// The router with the shared middlewares and every feature's routes.
package func buildRouter(services: AppServices, metricsToken: String = "") -> Router<AppContext> {
    let router = Router(context: AppContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware(observatory: services.observatory))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: QuerySpaceMiddleware())
    if !services.site.trustedProxies.isEmpty {
        router.add(middleware: ClientAddressMiddleware(trustedProxies: services.site.trustedProxies))
    }
    router.add(
        middleware: SiteFrameMiddleware(
            frame: SiteFrame(
                name: services.site.name,
                links: features.flatMap(\.navigation) + [
                    NavigationLink("Site status", AdminPage.path, .admin, order: 80)
                ],
                startSections: features.compactMap { $0.startSection(services: services) },
                homeSections: features.compactMap { $0.homeSection(services: services) }
            )
        )
    )
    // Errors are mapped twice over. The outer mapping answers what the middlewares that find the person throw
    // (a bad bearer token); the inner one everything after them, including the refused CSRF check and the 404 for
    // an unmatched address (the router's not-found responder runs these same middlewares), so an error page is
    // rendered for the signed-in person with their CSRF token, and its response passes back out through the
    // token cookie, the stale-session clearing and the flash.
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: FlashMiddleware(secureCookies: services.site.secureCookies))
    router.add(middleware: AuthMiddleware(services: services, facts: features.flatMap(\.personFacts)))
    router.add(middleware: CSRFTokenMiddleware(secureCookies: services.site.secureCookies))
    // The signed-in person's unread notifications, for the header (anonymous requests are left alone).
    router.add(middleware: UnreadCountMiddleware(services: services))
    router.add(middleware: ErrorMiddleware())
    // Every /api/ request is held to the OpenAPI document: undocumented methods, parameters that do not fit.
    router.add(middleware: APIContractMiddleware(contract: APIContract(document: openAPIDocument)))
    router.add(
        middleware: CSRFMiddleware(
            // Other servers post signed activities to the inboxes under /ap/; they carry no session to forge.
            exemptPrefixes: ["/ap/", "/study/unsubscribe/", "/notifications/unsubscribe/", "/campaigns/unsubscribe/"],
            spool: (services.mediaDirectory as NSString).appendingPathComponent("incoming")
        )
    )
    router.add(
        middleware: PublicPageCacheMiddleware(cache: services.publicPages) {
            do {
                try await services.store.announceChange(from: services.processID)
            } catch {
                services.store.logger.warning("Could not tell the other processes of a change: \(error)")
            }
        }
    )
    Health.register(on: router, services: services, metricsToken: metricsToken)
    Assets.register(on: router, openAPI: openAPIDocument)
    AdminPage.register(on: router, services: services)
    for feature in features { feature.register(on: router, services: services) }
    AccountRoutes(services: services, features: features).register(on: router)
    return router
}

/// Closes the database pools when the server shuts down.
struct DatabasesService: Service {
    let store: Store

    func run() async throws {
        try? await gracefulShutdown()
        await store.shutdown()
    }
}

/// The API's OpenAPI document: the web kit's frame with every feature's part, put together once. Parts that
/// contradict each other are a fault of the build, so the program stops at start-up with the reason.
package let openAPIDocument: JSONValue = {
    do {
        return try APIDocument.assemble(parts: features.compactMap(\.openAPI))
    } catch {
        fatalError("The features' OpenAPI parts do not fit together: \(error)")
    }
}()
