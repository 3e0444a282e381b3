import FluentKit
import Foundation
import FreshgroundStore
import Hummingbird
import Mail
import SQLKit

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
    /// Answers from public data that every visitor shares (search results), emptied with `publicPages`.
    package let publicResults: PublicResults
    /// This process among the others that may serve the same database, in the changes it announces.
    package let processID = UUID().uuidString
    /// Where uploaded files are kept.
    package let mediaDirectory: String
    /// Sends mail now; features go through `outbox` instead, which keeps mail until it is sent.
    package let mailer: any Mailer
    private let backgroundDelivery = BackgroundDelivery()
    /// Writes that queue while one like them is written, then go together in one transaction.
    package let groupCommit = GroupCommit()
    /// The app's metrics, read at `/metrics`.
    package let observatory = Observatory()

    package init(
        store: Store,
        clock: @escaping @Sendable () -> Date,
        site: SiteSettings,
        passwordCost: Int,
        mediaDirectory: String = "media",
        mailer: any Mailer = LogMailer(),
        pageCacheSeconds: Int = 2
    ) {
        self.mediaDirectory = mediaDirectory
        self.mailer = mailer
        self.store = store
        self.clock = clock
        self.site = site
        self.passwordCost = passwordCost
        self.publicPages = PublicPageCache(ttl: TimeInterval(pageCacheSeconds), clock: clock)
        self.publicResults = PublicResults(following: publicPages, ttl: TimeInterval(pageCacheSeconds), clock: clock)
    }

    /// Mail waiting to be sent: `enqueue` in a write's transaction, then `deliverMailSoon()`.
    package var outbox: Outbox { Outbox(store: store, mailer: mailer, clock: clock) }

    /// Queues a message to one person in the caller's transaction, signed with the site's name and the address
    /// of `signaturePath` (the site's page the message is about, such as `/events`).
    package func queueMail(
        to address: String,
        name: String,
        subject: String,
        body: String,
        signaturePath: String = "/",
        on sql: any SQLDatabase
    ) async throws {
        let signed = body + "\n\n-- \n\(site.name)\n\(site.base)\(signaturePath)\n"
        try await outbox.enqueue(MailMessage(to: address, toName: name, subject: subject, body: signed), on: sql)
    }

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
    /// Reverse proxies whose `X-Forwarded-For` is believed (`ClientAddressMiddleware`).
    package let trustedProxies: Set<String>
    package let federation: FederationSettings

    package init(
        name: String,
        url: String,
        trustedProxies: Set<String> = [],
        federation: FederationSettings = FederationSettings()
    ) {
        self.name = name
        self.url = url
        self.trustedProxies = trustedProxies
        self.federation = federation
    }

    /// Cookies are marked `Secure` when the public address is https.
    package var secureCookies: Bool { url.lowercased().hasPrefix("https://") }

    /// The public address without a trailing slash, to put a path after.
    package var base: String { url.hasSuffix("/") ? String(url.dropLast()) : url }
}

/// Whether the server federates, and the test-only leave to fetch from this machine.
package struct FederationSettings: Sendable, Equatable {
    /// Off, the server neither publishes nor takes in anything over ActivityPub: its actors are not found.
    package var enabled: Bool
    /// Lets federation reach loopback addresses over plain http, for tests with peers on this machine; refused
    /// with an https site address.
    package var allowLoopback: Bool

    package init(enabled: Bool = true, allowLoopback: Bool = false) {
        self.enabled = enabled
        self.allowLoopback = allowLoopback
    }
}

/// A feature plugs into the app through this: the tables it owns, the routes it serves and the links it puts
/// in the header of every page.
package protocol Feature: Sendable {
    /// Its migrations, in the order they must run; never edited once released.
    var migrations: [any Migration] { get }
    /// Its entries in the site's header; none by default.
    var navigation: [NavigationLink] { get }
    /// Its part of the API's OpenAPI document (`API/openapi.json` in its folder, read with
    /// `APIDocument.part(in: .module)`): the paths it serves, the components it defines, its tags; none by default.
    var openAPI: JSONValue? { get }
    /// Adds its pages and API endpoints.
    func register(on router: Router<AppContext>, services: AppServices)
    /// Its part of the start page an anonymous visitor sees (what is happening in it: upcoming events, new
    /// pieces); none by default. Only what everyone may read goes in, since the page is cached for everyone.
    func startSection(services: AppServices) -> StartSection?
    /// Its part of a signed-in person's home page, above the posts of their feed (votes waiting for them); none by
    /// default. Drawn for that person only, never cached.
    func homeSection(services: AppServices) -> HomeSection?
    /// What it holds about the person, for their download (`/me/data.json`), by section name; none by default.
    func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue]
    /// What the person must know or do before deleting their account (the last organizer of a group hands over
    /// first); none by default. Read in the deletion's transaction `sql` too, which refuses while any blocks.
    func accountNotices(of person: Int, on sql: any SQLDatabase) async throws -> [AccountNotice]
    /// Deletes or anonymizes what it holds about a person deleting their account, in the deletion's transaction
    /// `sql`; `keepWriting` is their choice for what they wrote where the group allows. Nothing by default.
    func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws
    /// Its part of the person's own page (`/me`), such as their groups; none by default.
    func accountSummary(of person: Int, services: AppServices) async throws -> HTML?
    /// What it counts about the signed-in person on every request, read with their session (`PersonFact`); none
    /// by default.
    var personFacts: [PersonFact] { get }
}

extension Feature {
    package var navigation: [NavigationLink] { [] }
    package var openAPI: JSONValue? { nil }
    package var personFacts: [PersonFact] { [] }
    package func startSection(services: AppServices) -> StartSection? { nil }
    package func homeSection(services: AppServices) -> HomeSection? { nil }
}

/// One feature's part of the anonymous start page, drawn for the request (it may read the query, such as a
/// chosen city) in `order` among the others.
package struct StartSection: Sendable {
    package let order: Int
    package let render: @Sendable (Request, AppContext) async throws -> HTML

    package init(order: Int, render: @escaping @Sendable (Request, AppContext) async throws -> HTML) {
        self.order = order
        self.render = render
    }
}

/// One feature's part of a signed-in person's home page, drawn for them in `order` among the others; an empty
/// `HTML` when it has nothing for them now.
package struct HomeSection: Sendable {
    package let order: Int
    package let render: @Sendable (CurrentPerson, AppContext) async throws -> HTML

    package init(order: Int, render: @escaping @Sendable (CurrentPerson, AppContext) async throws -> HTML) {
        self.order = order
        self.render = render
    }
}

/// One entry of the site's header, given by the feature that serves the page it leads to.
package struct NavigationLink: Sendable, Equatable {
    package enum Place: Sendable, Equatable {
        /// For everyone, in the main row.
        case main
        /// Only for a signed-in person (their own pages).
        case signedIn
        /// Only for an anonymous visitor (logging in, signing up).
        case signedOut
        /// A button that posts to `path`, for a signed-in person (logging out).
        case signOut
        /// Only for a site administrator, in their own menu (the site's settings).
        case admin
    }

    package let label: String
    package let path: String
    package let place: Place
    /// Entries are shown in this order within their place, whichever feature gives them.
    package let order: Int

    package init(_ label: String, _ path: String, _ place: Place = .main, order: Int) {
        self.label = label
        self.path = path
        self.place = place
        self.order = order
    }
}

/// What the frame of every page shows around the content: the site's name and the header links, put together
/// once at start-up from the site settings and the features.
package struct SiteFrame: Sendable {
    package let name: String
    package let links: [NavigationLink]
    /// The features' parts of the anonymous start page, in order.
    package let startSections: [StartSection]
    /// The features' parts of a signed-in person's home page, in order.
    package let homeSections: [HomeSection]

    package init(
        name: String,
        links: [NavigationLink],
        startSections: [StartSection] = [],
        homeSections: [HomeSection] = []
    ) {
        self.name = name
        self.links = links.sorted { $0.order < $1.order }
        self.startSections = startSections.sorted { $0.order < $1.order }
        self.homeSections = homeSections.sorted { $0.order < $1.order }
    }

    package static let standard = SiteFrame(name: "Freshground", links: [])

    package func links(_ place: NavigationLink.Place) -> [NavigationLink] { links.filter { $0.place == place } }
}

/// Hands every request the site's frame, so pages, including error pages, are drawn with it.
package struct SiteFrameMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let frame: SiteFrame

    package init(frame: SiteFrame) { self.frame = frame }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.frame = frame
        return try await next(request, context)
    }
}
