import FreshgroundWeb
import ServiceLifecycle

/// Empties this process's public page cache whenever another process on the same PostgreSQL database announces a
/// change (`Store.listenForChanges`). On SQLite there is nothing to listen to, and it waits for the server to
/// stop: a service that returns early would stop all the others with it.
struct ChangeListenerService: Service {
    let services: AppServices

    func run() async throws {
        let pages = services.publicPages
        await cancelWhenGracefulShutdown {
            await services.store.listenForChanges(ignoring: services.processID) { pages.clear() }
        }
        try? await gracefulShutdown()
    }
}
