import Foundation
import FreshgroundCore
import FreshgroundWeb

/// Pieces shared by the group pages.
enum GroupParts {
    static func badge(_ kind: GroupKind) -> HTML {
        "<span class=\"badge badge-\(kind.rawValue)\">\(kind.label)</span>"
    }

    /// The mark of a group that lives on another server, naming the server.
    static func remote(_ group: Group) -> HTML {
        guard let host = group.originHost else { return .empty }
        return " <span class=\"badge badge-remote\">Remote · \(host)</span>"
    }

    static func card(_ group: Group) -> HTML {
        """
        <li class="group-card">
        <h3><a href="\(GroupPaths.group(group.slug))">\(group.name)</a> \(badge(group.kind))\(remote(group))</h3>
        <p class="meta">\(group.placeLine)</p>
        \(HTML.when(!group.description.isEmpty) { "<p>\(Markdown.plainText(group.description, limit: 200))</p>" })
        </li>
        """
    }

    static func post(_ post: PostView, showSource: Bool) -> HTML {
        let source: HTML
        if let via = post.via {
            source = """
                <p class="post-source">From <a href="\(GroupPaths.group(post.group.slug))">\(post.group.name)</a>, \
                via <a href="\(GroupPaths.group(via.slug))">\(via.name)</a>, which follows it</p>
                """
        } else if showSource {
            source =
                "<p class=\"post-source\">From <a href=\"\(GroupPaths.group(post.group.slug))\">\(post.group.name)</a></p>"
        } else {
            source = .empty
        }
        let author: HTML = post.author.map { "by \($0.displayName.isEmpty ? $0.handle : $0.displayName), " } ?? .empty
        return """
            <article class="post">
            <h2 class="post-title"><a href="\(GroupPaths.post(post.group.slug, post.id))">\(post.title)</a></h2>
            \(source)
            <p class="meta">\(author)<time datetime="\(iso(post.createdAt))">\(day(post.createdAt))</time></p>
            <div class="post-body">\(HTML(raw: post.bodyHTML))</div>
            </article>
            """
    }

    static func iso(_ date: Date) -> String { ZonedTime.iso(date) }

    /// `Sat 5 Dec 2026, 17:00 UTC`: the style event pages use, in UTC.
    static func day(_ date: Date) -> String {
        "\(ZonedTime.dateLabel(date, zone: "UTC")), \(ZonedTime.time(date, zone: "UTC")) UTC"
    }

    static let kindOptions: [(value: String, label: String)] = GroupKind.allCases.map { ($0.rawValue, $0.label) }
    static let placeOptions: [(value: String, label: String)] = [
        ("city", "A city or town"), ("workplace", "A workplace"), ("school", "A school or campus"),
        ("online", "Online"),
    ]
    static let visibilityOptions: [(value: String, label: String)] = [
        ("public", "Public: anyone can find it and read its page"),
        ("private", "Private: only members can see it"),
    ]
    static let joinOptions: [(value: String, label: String)] = [
        ("open", "Open: anyone signed in joins at once"),
        ("approval", "On approval by an organizer"),
        ("invite", "By invitation link only"),
    ]
}
