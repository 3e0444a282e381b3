import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The ActivityStreams documents this server publishes, built from what a stranger may read and nothing else.
/// What marks a published piece among a group's posts.
struct PieceTerms: Sendable, Decodable {
    let id: Int
    let kind: String
    let byline: String
    let summary: String
}

package enum Documents {
    package static let publicAudience = "https://www.w3.org/ns/activitystreams#Public"
    static let context: JSONValue = .array([
        .string("https://www.w3.org/ns/activitystreams"), .string("https://w3id.org/security/v1"), eventTerms,
    ])
    /// What Mastodon and Lemmy send and accept for ActivityPub documents.
    package static let contentType = "application/activity+json"

    /// A public group as a `Group` actor: a count of followers, never who they are.
    static func groupActor(_ group: Group, links: FederationLinks, page: String, publicPEM: String) -> JSONValue {
        let actor = links.group(group.id)
        var fields: [String: JSONValue] = [
            "@context": context,
            "id": .string(actor),
            "type": "Group",
            "preferredUsername": .string(group.slug),
            "name": .string(group.name),
            "summary": .string(Markdown.html(group.description)),
            "url": .string(page),
            "inbox": .string(links.inbox(group.id)),
            "outbox": .string(links.outbox(group.id)),
            "followers": .string(links.followers(group.id)),
            "endpoints": .object(["sharedInbox": .string(links.sharedInbox)]),
            "manuallyApprovesFollowers": false,
            "discoverable": true,
            // Freshground's own terms, which other software ignores: what kind of group it is, and its city.
            "groupKind": .string(group.kind.rawValue),
            "published": .string(iso(group.createdAt)),
            "publicKey": .object([
                "id": .string(links.key(ofActor: actor)), "owner": .string(actor),
                "publicKeyPem": .string(publicPEM),
            ]),
        ]
        if !group.city.isEmpty { fields["location"] = .object(["type": "Place", "name": .string(group.city)]) }
        return .object(fields)
    }

    /// A person as the author of what they published: an account's own name, or a byline (a pseudonym is an actor
    /// of its own, never linked to the account). It only names them: it takes nothing and signs nothing.
    static func person(
        id: String,
        username: String,
        name: String,
        links: FederationLinks,
        publicPEM: String
    ) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": "Person", "preferredUsername": .string(username),
            "name": .string(name), "inbox": .string(links.sharedInbox),
            "endpoints": .object(["sharedInbox": .string(links.sharedInbox)]),
            "manuallyApprovesFollowers": true, "discoverable": false,
            "publicKey": .object([
                "id": .string(links.key(ofActor: id)), "owner": .string(id), "publicKeyPem": .string(publicPEM),
            ]),
        ])
    }

    /// The server's own actor, which signs what the server fetches.
    static func instanceActor(links: FederationLinks, siteName: String, page: String, publicPEM: String) -> JSONValue {
        .object([
            "@context": context,
            "id": .string(links.instance),
            "type": "Application",
            "preferredUsername": .string(links.host),
            "name": .string(siteName),
            "url": .string(page),
            "inbox": .string(links.sharedInbox),
            "manuallyApprovesFollowers": true,
            "publicKey": .object([
                "id": .string(links.key(ofActor: links.instance)), "owner": .string(links.instance),
                "publicKeyPem": .string(publicPEM),
            ]),
        ])
    }

    /// A group's public post or published piece as an `Article`, signed by the group and addressed to everyone
    /// and the group's followers. A piece's byline is printed in its text: its author is never an actor here. A
    /// piece also carries Freshground's own terms, which other software ignores: its kind and byline, so another
    /// Freshground server can list it in its library.
    static func article(
        _ post: PostView,
        piece: PieceTerms? = nil,
        authors: [String] = [],
        groupID: Int,
        links: FederationLinks,
        page: String
    ) -> JSONValue {
        let group = links.group(groupID)
        var content = absolute(post.bodyHTML, base: links.base)
        if let author = post.author { content = "<p>\(HTMLEscape.text(author.displayName))</p>" + content }
        if let piece, !piece.byline.isEmpty { content = "<p>By \(HTMLEscape.text(piece.byline))</p>" + content }
        var fields: [String: JSONValue] = [
            "id": .string(links.post(post.id)),
            "type": "Article",
            "name": .string(post.title),
            "content": .string(content),
            "mediaType": "text/html",
            "source": .object(["content": .string(post.body), "mediaType": "text/markdown"]),
            "url": .string(page),
            // The group first, which sends it and which Mastodon takes as the author; then the people who wrote
            // it, each as an actor of their own (a pseudonym's never leads to the account).
            "attributedTo": authors.isEmpty ? .string(group) : .array([.string(group)] + authors.map { .string($0) }),
            "audience": .string(group),
            "to": .array([.string(publicAudience)]),
            "cc": .array([.string(links.followers(groupID))]),
            "published": .string(iso(post.createdAt)),
        ]
        if let piece {
            fields["pieceKind"] = .string(piece.kind)
            fields["byline"] = .string(piece.byline)
            fields["summary"] = .string(piece.summary)
        }
        return .object(fields)
    }

    /// `Create` of `object` by `actor`, addressed as the object is.
    static func create(_ object: JSONValue, actor: String) -> JSONValue {
        guard case .object(var fields) = object, case .string(let id) = fields["id"] else { return object }
        fields["@context"] = nil
        return .object([
            "@context": context,
            "id": .string(id + "#create"),
            "type": "Create",
            "actor": .string(actor),
            "published": fields["published"] ?? .null,
            "to": fields["to"] ?? .array([]),
            "cc": fields["cc"] ?? .array([]),
            "object": .object(fields),
        ])
    }

    /// `Delete` of an object that is no longer public, leaving a `Tombstone`.
    static func delete(_ object: String, actor: String, followers: String, at time: Date) -> JSONValue {
        .object([
            "@context": context,
            "id": .string(object + "#delete-\(Int(time.timeIntervalSince1970))"),
            "type": "Delete",
            "actor": .string(actor),
            "to": .array([.string(publicAudience)]),
            "cc": .array([.string(followers)]),
            "object": tombstone(object, at: time),
        ])
    }

    /// What stands at the address of an object that was withdrawn.
    static func tombstone(_ object: String, at time: Date?) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(object), "type": "Tombstone"]
        if let time { fields["deleted"] = .string(iso(time)) }
        return .object(fields)
    }

    /// `Accept` of a follow, quoting it whole as Mastodon expects.
    static func accept(_ follow: JSONValue, actor: String, id: String) -> JSONValue {
        answer("Accept", to: follow, actor: actor, id: id)
    }

    /// `Accept` or `Reject` of a request (a `Follow`, a `Join`), quoting it whole.
    static func answer(_ type: String, to request: JSONValue, actor: String, id: String) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": .string(type), "actor": .string(actor), "object": request,
        ])
    }

    /// `Follow` of a remote actor by a local one.
    static func follow(id: String, actor: String, object: String) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": "Follow", "actor": .string(actor),
            "object": .string(object),
        ])
    }

    /// `Join` of a remote group by a local one: a request to be listed as affiliated.
    static func join(id: String, actor: String, object: String) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": "Join", "actor": .string(actor), "object": .string(object),
        ])
    }

    /// `Leave` of a group: an affiliation ended.
    static func leave(id: String, actor: String, object: String) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": "Leave", "actor": .string(actor), "object": .string(object),
        ])
    }

    /// `Undo` of an earlier activity of `actor`, quoting it without its context.
    static func undo(_ activity: JSONValue, actor: String, id: String) -> JSONValue {
        guard case .object(var inner) = activity else { return activity }
        inner["@context"] = nil
        return .object([
            "@context": context, "id": .string(id), "type": "Undo", "actor": .string(actor), "object": .object(inner),
        ])
    }

    /// A collection that shows only how many items it holds.
    static func countOnly(id: String, total: Int) -> JSONValue {
        .object([
            "@context": context, "id": .string(id), "type": "OrderedCollection", "totalItems": .int(total),
        ])
    }

    static func iso(_ date: Date) -> String { ZonedTime.iso(date) }

    /// The HTML with links and images that point into this server (`href="/events/1"`) made absolute, since it is
    /// read on other servers.
    static func absolute(_ html: String, base: String) -> String {
        html.replacing(#/(href|src)="/(?!/)/#) { match in "\(match.output.1)=\"\(base)/" }
    }
}
