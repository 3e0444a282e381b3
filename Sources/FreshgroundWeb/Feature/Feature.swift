import FluentKit
import Foundation
import FreshgroundStore
import Hummingbird

/// What every part of the app gets at start-up: the database, the clock and the site's settings. Outside
/// dependencies are values here so tests can pin them (a fixed clock, a cheap password hash).
package struct AppServices: Sendable {
    package let store: Store
    package let clock: @Sendable () -> Date
    package let site: SiteSettings
    /// bcrypt cost: 12 in production, lower in tests where hashing speed matters more than strength.
    package let passwordCost: Int
    /// Pages anonymous visitors see, kept for a moment.
    package let publicPages: PublicPageCache
    /// Where uploaded files are kept.
    package let mediaDirectory: String
    /// Sends mail now; features go through `outbox` instead, which keeps mail until it is sent.
    package let mailer: any Mailer
    private let backgroundDelivery = BackgroundDelivery()

    package init(
        store: Store,
        clock: @escaping @Sendable () -> Date,
        site: SiteSettings,
        passwordCost: Int,
        mediaDirectory: String = "media",
        mailer: any Mailer = LogMailer()
    ) {
        self.mediaDirectory = mediaDirectory
        self.mailer = mailer
        self.store = store
        self.clock = clock
        self.site = site
        self.passwordCost = passwordCost
        self.publicPages = PublicPageCache(clock: clock)
    }

    /// Mail waiting to be sent: `enqueue` in a write's transaction, then `deliverMailSoon()`.
    package var outbox: Outbox { Outbox(store: store, mailer: mailer, clock: clock) }

    /// Sends the mail that is due in the background, so a request that queued mail need not wait for the mail
    /// server; call it after the transaction that queued the mail has committed. Failures are retried briefly,
    /// then logged; the mail stays queued, and the server's mail service tries again every 30 seconds.
    package func deliverMailSoon() {
        backgroundDelivery.start(outbox, logger: store.logger)
    }
}

/// Settings that shape links and cookies.
package struct SiteSettings: Sendable {
    package let name: String
    package let url: String

    package init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// Cookies are marked `Secure` when the public address is https.
    package var secureCookies: Bool { url.lowercased().hasPrefix("https://") }
}

/// A feature plugs into the app through this: the tables it owns and the routes it serves.
package protocol Feature: Sendable {
    /// Its migrations, in the order they must run; never edited once released.
    var migrations: [any Migration] { get }
    /// Adds its pages and API endpoints.
    func register(on router: Router<AppContext>, services: AppServices)
}
