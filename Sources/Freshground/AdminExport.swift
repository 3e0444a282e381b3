import Foundation
import FreshgroundStore
import FreshgroundWeb
import People

/// Everything the site holds about the person with `handle`, as the JSON text they would download from
/// `/me/data.json` (the same features, the same encoding), for an operator answering a request for their data;
/// nil when no account has the handle.
package func exportAccount(store: Store, config: AppConfig, handle: String) async throws -> String? {
    let services = AppServices(
        store: store,
        clock: { Date() },
        site: SiteSettings(name: config.siteName, url: config.siteURL),
        passwordCost: config.passwordCost
    )
    guard let data = try await AccountLife(services: services, features: features).download(handle: handle) else {
        return nil
    }
    try await AdminAudit.record(
        "exported the data of",
        subject: handle.lowercased(),
        by: AdminAudit.commandLine,
        at: Date(),
        on: store.sql
    )
    return String(decoding: try Reply.encoder.encode(data), as: UTF8.self)
}
