import Foundation
import Freshground
import Testing

/// Every link a page shows leads somewhere: the demo site is crawled as a signed-in member and as an anonymous
/// visitor, following each internal `href` (two examples of each address shape, `/events/#` say), and no link may
/// answer 404 or a server error. Links a feature writes to a feature built on it cannot use that feature's path
/// type; this is what checks them (a presenter was once linked to `/people/HANDLE`, a page that never existed).
@Suite struct DeadLinkTests {
    @Test func everyLinkOnTheDemoSiteLeadsToAPage() async throws {
        try await withApp { app in
            // setup
            try await DemoData(store: app.store, now: app.clock.now, passwordCost: 4, progress: false)
                .write(.small, library: true)
            var member = app.visitor()
            let login = try await member.post("/login", [("login", "demo1"), ("password", DemoData.password)])
            #expect(login.status == .seeOther)
            var anonymous = app.visitor()

            // act
            let memberCrawl = try await Self.crawl(&member)
            let anonymousCrawl = try await Self.crawl(&anonymous)

            // check
            #expect(memberCrawl.visited > 50)
            #expect(anonymousCrawl.visited > 30)
            #expect(memberCrawl.broken == [], "signed in as demo1")
            #expect(anonymousCrawl.broken == [], "anonymous")
        }
    }

    /// Follows links breadth-first from the start page; returns how many pages were read and each broken link
    /// with the page it was on.
    private static func crawl(_ visitor: inout Visitor) async throws -> (visited: Int, broken: [String]) {
        var queue = ["/"]
        var seen: Set<String> = ["/"]
        var shapes: [String: Int] = [:]
        var broken: [String] = []
        var visited = 0
        var from: [String: String] = [:]
        while !queue.isEmpty, visited < 600 {
            let path = queue.removeFirst()
            let page = try await visitor.get(path)
            visited += 1
            if page.status == .notFound || page.status.code >= 500 {
                broken.append("\(path) (\(page.status.code), linked from \(from[path] ?? "-"))")
                continue
            }
            let isHTML = page.headers[.contentType]?.hasPrefix("text/html") == true
            guard isHTML, page.status.code < 300 else { continue }
            for link in links(in: page.body) where !seen.contains(link) {
                let shape = shape(of: link)
                guard shapes[shape, default: 0] < 2 else { continue }
                shapes[shape, default: 0] += 1
                seen.insert(link)
                from[link] = path
                queue.append(link)
            }
        }
        return (visited, broken)
    }

    /// The site's own addresses in `href` attributes, unescaped, without their fragment.
    private static func links(in html: String) -> [String] {
        html.matches(of: /href="(\/[^"]*)"/).compactMap { match in
            let raw = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
            guard !raw.hasPrefix("//") else { return nil }
            let path = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            return path?.isEmpty == false ? path : nil
        }
    }

    /// An address with its numbers, slugs of more than one word and query values blurred, so a crawl reads a few of each kind of page.
    private static func shape(of link: String) -> String {
        let parts = link.split(separator: "?", maxSplits: 1)
        let path = parts[0].split(separator: "/").map {
            $0.allSatisfy(\.isNumber) || $0.contains("-") ? "#" : String($0)
        }
        let query =
            parts.count > 1
            ? "?" + parts[1].split(separator: "&").map { $0.prefix { $0 != "=" } }.joined(separator: "&") : ""
        return "/" + path.joined(separator: "/") + query
    }
}
