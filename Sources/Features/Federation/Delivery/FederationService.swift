import Foundation
import FreshgroundWeb
import Logging
import ServiceLifecycle

/// Publishes followed groups' new, edited and withdrawn items, answers remote RSVPs, and starts the sender while
/// the server runs: at start, then every `interval`. Stops at graceful shutdown.
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
                    + Following(federation: federation).sendDue()
                    + Affiliating(federation: federation).sendDue()
                if queued > 0 { logger.info("Federation: \(queued) activity(ies) queued.") }
            } catch {
                logger.error("Federation publishing failed: \(String(reflecting: error))")
            }
            // Sending runs beside the next passes, never twice at once in this process: a long fan-out does not
            // hold up what other groups publish, and what a stopped process left queued still goes out.
            federation.deliveries.soon()
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        await federation.deliveries.settle()
    }
}
