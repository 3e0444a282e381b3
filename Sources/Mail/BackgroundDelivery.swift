import Logging
import Synchronization

/// Runs `Outbox.deliverDue()` in the background, one run at a time: asked again while a run is going, that run
/// goes round once more instead of a second starting beside it, so a burst of requests does not become a burst
/// of writers on the outbox.
package final class BackgroundDelivery: Sendable {
    private struct State {
        var running = false
        var again = false
    }

    private let state = Mutex(State())

    package init() {}

    /// Starts a run, or asks the current one to go round once more.
    package func start(_ outbox: Outbox, logger: Logger) {
        let starts = state.withLock { state in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard starts else { return }
        Task.detached {
            repeat {
                await Self.deliver(outbox, logger: logger)
            } while self.state.withLock { state in
                state.running = state.again
                state.again = false
                return state.running
            }
        }
    }

    /// One delivery; a failure (a database busy with other writes, say) gets three more tries over 15 seconds,
    /// then is logged. The mail stays queued either way.
    private static func deliver(_ outbox: Outbox, logger: Logger) async {
        let waits = [0, 1, 4, 10]
        for (index, wait) in waits.enumerated() {
            if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
            do {
                let sent = try await outbox.deliverDue()
                if sent > 0 { logger.info("Sent \(sent) queued mail message\(sent == 1 ? "" : "s").") }
                return
            } catch  where index < waits.count - 1 {
                logger.notice("Sending queued mail failed, trying again: \(String(reflecting: error))")
            } catch {
                logger.error("Sending queued mail failed: \(String(reflecting: error))")
            }
        }
    }
}
