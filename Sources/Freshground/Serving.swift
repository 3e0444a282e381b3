import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the application until SIGTERM or SIGINT, then stops it gracefully: for `drain` it goes on reading and
/// answering, and only then does the server stop accepting and close its idle connections, waiting for the answers
/// in progress.
///
/// The pause is for requests a client has already sent but the server has not read yet. Hummingbird counts a
/// connection as busy only once a request's head has been read from its socket, so such a connection looks idle
/// at the moment the server quiesces and is closed unanswered. An event loop that is busy running handlers (as it
/// is when tasks run on the loops, `FRESHGROUND_NIO_EXECUTOR`) reads its sockets later, so without the pause the
/// shutdown check saw up to a third of 24 requests in flight cut off.
package func runUntilStopped(_ app: some ApplicationProtocol, drain: Duration, logger: Logger) async throws {
    // A service group stops its services in reverse order, each after the one behind it has returned: the pause
    // first, then the application (its server, then the application's own services).
    let group = ServiceGroup(
        configuration: .init(
            services: [app, ShutdownPause(pause: drain, logger: logger)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
    try await group.run()
}

/// Waits for the graceful shutdown, then for `pause`, and returns: the services listed before it are stopped only
/// after that.
struct ShutdownPause: Service {
    let pause: Duration
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("Stopping: answering what was already sent for \(pause) before closing idle connections")
        // A graceful shutdown does not cancel the task; cancelling the group (a second signal) ends the pause.
        try? await Task.sleep(for: pause)
    }
}
