import Foundation
import Hummingbird
import NIOCore

/// The signed-in person as every handler sees them: only what pages and permission checks need.
package struct CurrentPerson: Sendable, Equatable {
    package let id: Int
    package let handle: String
    package let displayName: String
    package let isAdmin: Bool

    package init(id: Int, handle: String, displayName: String, isAdmin: Bool) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.isAdmin = isAdmin
    }

    /// The name shown on pages: the display name (often a pseudonym) or the handle.
    package var shownName: String { displayName.isEmpty ? handle : displayName }
}

/// A number shown in the header beside one of a signed-in person's own links (their unread notifications), set by
/// a middleware of the feature that gives the link.
package struct HeaderCount: Sendable, Equatable {
    package let count: Int
    /// What the number counts, read by screen readers after it, such as `unread notifications`.
    package let noun: String

    package init(count: Int, noun: String) {
        self.count = count
        self.noun = noun
    }
}

/// Per-request state shared by the middlewares and handlers.
package struct AppContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Who is asking, if anybody.
    package var person: CurrentPerson?
    /// What the features count about `person`, read with their session (empty with a bearer token).
    package var personFacts = PersonFacts()
    /// Set when the request carried a personal access token rather than the session cookie.
    package var viaAccessToken = false
    /// The CSRF token every form must echo back (the `fg_csrf` cookie's value).
    package var csrfToken = ""
    /// The parsed `application/x-www-form-urlencoded` body of an HTML form post, after its CSRF check.
    package var form = FormData()
    /// Files of a `multipart/form-data` form post (its text fields are in `form`).
    package var uploads: [MultipartFile] = []
    /// A one-time message carried across a redirect.
    package var flash: String?
    /// The site's name and header links, for drawing pages.
    package var frame = SiteFrame.standard
    /// Numbers shown beside the signed-in person's own header links, by the link's path.
    package var headerCounts: [String: HeaderCount] = [:]
    /// The peer's address, used to throttle password guessing.
    package var remoteAddress: String
    /// The schema the API operation's JSON body must fit, set by `APIContractMiddleware`; `decodeJSON` checks it.
    package var jsonBodyCheck: JSONBodyCheck?

    package init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = Self.address(of: source.channel)
    }

    package var maxUploadSize: Int { 1024 * 1024 }

    private static func address(of channel: any Channel) -> String {
        guard let address = channel.remoteAddress else { return "unknown" }
        return address.ipAddress ?? "unknown"
    }

    /// The signed-in person, or an error that sends an anonymous visitor to the login page.
    package func requirePerson() throws(AppError) -> CurrentPerson {
        guard let person else { throw AppError.unauthorized }
        return person
    }
}
