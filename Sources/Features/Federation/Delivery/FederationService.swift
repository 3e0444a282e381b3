import Foundation
import FreshgroundWeb
import Logging
import ServiceLifecycle

/// Publishes followed groups' new items and sends the delivery queue while the server runs: at start, then every
/// `interval`, so what a stopped process left queued still goes out. Stops at graceful shutdown.
package struct FederationService: Service {
    let federation: Federator
    let logger: Logger
    var interval: Duration = .seconds(10)

    package init(services: AppServices, logger: Logger) {
        self.federation = Federator(services: services)
        self.logger = logger
    }

    package func run() async throws {
        // A service that ends stops the whole server, so with federation off this one waits for the stop.
        guard federation.enabled else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let queued =
                    try await Publisher(federation: federation).publishDue()
                    + Joins(federation: federation).answerDue()
                let delivered = try await federation.deliveries.deliverDue()
                if queued + delivered > 0 {
                    logger.info("Federation: \(queued) new item(s) queued, \(delivered) delivery(ies) accepted.")
                }
            } catch {
                logger.error("Federation delivery failed: \(String(reflecting: error))")
            }
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
