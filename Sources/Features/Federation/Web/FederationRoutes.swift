import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import HTTPTypes
import Hummingbird
import NIOCore
import SQLKit

/// Discovery (WebFinger, host-meta, NodeInfo), the actors and their collections, the public items, and the
/// inboxes. With federation off, every one of them is not found.
struct FederationRoutes {
    let federation: Federator

    func register(on router: Router<AppContext>) {
        router.get(FederationPaths.webfinger) { request, _ in try await webfinger(request) }
        router.get(FederationPaths.hostMeta) { _, _ in
            try requireEnabled()
            let template = federation.links.base + FederationPaths.webfinger() + "?resource={uri}"
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="lrdd" type="application/jrd+json" \
                template="\(HTMLEscape.attribute(template))"/></XRD>
                """
            return Self.document(ByteBuffer(string: xml), type: "application/xrd+xml; charset=utf-8")
        }
        router.get(FederationPaths.nodeinfoIndex) { _, _ in
            try requireEnabled()
            return try Self.json(
                .object([
                    "links": .array([
                        .object([
                            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                            "href": .string(federation.links.base + FederationPaths.nodeinfo()),
                        ])
                    ])
                ]),
                type: "application/json"
            )
        }
        router.get(FederationPaths.nodeinfo) { _, _ in try await nodeinfo() }
        router.get(FederationPaths.instance) { _, _ in
            try requireEnabled()
            let pem = try await federation.keys.publicPEM(of: "instance")
            return try Self.json(
                Documents.instanceActor(
                    links: federation.links,
                    siteName: federation.services.site.name,
                    page: federation.links.base + "/",
                    publicPEM: pem
                )
            )
        }
        router.get(FederationPaths.group) { _, context in
            let group = try await publicGroup(context)
            let pem = try await federation.keys.publicPEM(of: Federator.owner(ofGroup: group.id))
            let page = federation.links.base + GroupPaths.group(group.slug)
            return try Self.json(Documents.groupActor(group, links: federation.links, page: page, publicPEM: pem))
        }
        router.get(FederationPaths.followers) { _, context in
            let group = try await publicGroup(context)
            let count = try await federation.followers.count(of: group.id)
            return try Self.json(Documents.countOnly(id: federation.links.followers(group.id), total: count))
        }
        router.get(FederationPaths.outbox) { _, context in
            let group = try await publicGroup(context)
            let actor = federation.links.group(group.id)
            let followers = federation.links.followers(group.id)
            let items = try await GroupOutbox(federation: federation).items(of: group)
            guard
                case .object(var collection) = Documents.countOnly(
                    id: federation.links.outbox(group.id),
                    total: items.count
                )
            else { throw AppError.notFound }
            collection["orderedItems"] = .array(items.map { $0.activity(actor: actor, followers: followers) })
            return try Self.json(.object(collection))
        }
        router.get(FederationPaths.post) { _, context in
            try requireEnabled()
            guard let id = Int(try context.parameters.require("id")) else { throw AppError.notFound }
            guard case .object(var article)? = try await GroupOutbox(federation: federation).article(id) else {
                return try await tombstone(.post, id)
            }
            article["@context"] = Documents.context
            return try Self.json(.object(article))
        }
        router.get(FederationPaths.event) { _, context in
            try requireEnabled()
            guard let id = Int(try context.parameters.require("id")) else { throw AppError.notFound }
            guard case .object(var event)? = try await GroupOutbox(federation: federation).event(id)?.0 else {
                return try await tombstone(.event, id)
            }
            event["@context"] = Documents.context
            return try Self.json(.object(event))
        }
        router.post(FederationPaths.sharedInbox) { request, _ in await receive(request) }
        router.post(FederationPaths.inbox) { request, _ in await receive(request) }
    }

    /// 410 with a `Tombstone` for a post or event that went out and was withdrawn since, and is not public through
    /// any group; not found for anything else.
    private func tombstone(_ kind: OutboxItem.Kind, _ id: Int) async throws -> Response {
        guard
            let withdrawn = try await federation.sql.select().column("withdrawn_at").from("federation_sent")
                .where("object_key", .equal, kind.key(id)).where("withdrawn_at", .isNot, SQLLiteral.null)
                .orderBy("withdrawn_at", .descending).value("withdrawn_at", as: Date.self)
        else { throw AppError.notFound }
        let object = kind == .post ? federation.links.post(id) : federation.links.event(id)
        var response = try Self.json(Documents.tombstone(object, at: withdrawn))
        response.status = .gone
        return response
    }

    private func requireEnabled() throws {
        guard federation.enabled else { throw AppError.notFound }
    }

    private func publicGroup(_ context: AppContext) async throws -> Group {
        guard let id = Int(try context.parameters.require("id")),
            let group = try await GroupOutbox(federation: federation).publicGroup(id)
        else { throw AppError.notFound }
        return group
    }

    /// `acct:slug@host` (or a group's actor id) names a public group; `acct:host@host` the instance actor.
    private func webfinger(_ request: Request) async throws -> Response {
        try requireEnabled()
        guard let resource = request.uri.queryParameters.get("resource"), !resource.isEmpty else {
            throw AppError.badRequest("Name the account to look up: ?resource=acct:name@\(federation.links.host)")
        }
        let links = federation.links
        var name = resource
        if name.hasPrefix("acct:") { name.removeFirst(5) }
        if name.hasPrefix("@") { name.removeFirst() }
        let actor: String
        let page: String
        if let groupID = federation.localGroup(resource) {
            guard let group = try await GroupOutbox(federation: federation).publicGroup(groupID) else {
                throw AppError.notFound
            }
            (actor, page, name) = (links.group(group.id), links.base + GroupPaths.group(group.slug), group.slug)
        } else {
            let parts = name.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].lowercased() == links.host.lowercased() else { throw AppError.notFound }
            if parts[0].lowercased() == links.host.lowercased() {
                (actor, page, name) = (links.instance, links.base + "/", links.host)
            } else {
                guard let group = try await GroupQueries(services: federation.services).group(slug: String(parts[0])),
                    GroupRules.canSee(group, .outsider), group.origin == nil
                else { throw AppError.notFound }
                (actor, page, name) = (links.group(group.id), links.base + GroupPaths.group(group.slug), group.slug)
            }
        }
        return try Self.json(
            .object([
                "subject": .string("acct:\(name)@\(links.host)"),
                "aliases": .array([.string(actor), .string(page)]),
                "links": .array([
                    .object(["rel": "self", "type": .string(Documents.contentType), "href": .string(actor)]),
                    .object([
                        "rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": .string(page),
                    ]),
                ]),
            ]),
            type: "application/jrd+json"
        )
    }

    /// NodeInfo 2.1. It counts no people: how many belong to a server is left for its groups to say.
    private func nodeinfo() async throws -> Response {
        try requireEnabled()
        let site = federation.services.site
        return try Self.json(
            .object([
                "version": "2.1",
                "software": .object([
                    "name": "freshground", "version": "0.1.0",
                    "homepage": .string(federation.links.base + "/"),
                ]),
                "protocols": .array(["activitypub"]),
                "services": .object(["inbound": .array([]), "outbound": .array(["atom1.0"])]),
                "openRegistrations": true,
                "usage": .object(["users": .object([:])]),
                "metadata": .object(["nodeName": .string(site.name)]),
            ]),
            type: "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\""
        )
    }

    /// Takes a posted activity: 202 when taken (or ignored as already seen), else the refusal's status with a
    /// line saying why. Never a 500 for what a remote server sent.
    private func receive(_ request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: RemoteHTTP.maxBody)
        } catch {
            return Self.plain(413, "The activity is larger than \(RemoteHTTP.maxBody) bytes.")
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        // HTTP/1 requests carry the Host header as the request's authority.
        if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
        do {
            try await Inbox(federation: federation).receive(
                method: request.method.rawValue,
                target: request.head.path ?? "/",
                headers: headers,
                body: Data(buffer: body)
            )
            return Self.plain(202, "Accepted.")
        } catch let refusal as InboxRefusal {
            return Self.plain(refusal.status, "Refused: \(refusal).")
        } catch {
            federation.services.store.logger.error("Federation inbox failed: \(String(reflecting: error))")
            return Self.plain(503, "The activity could not be taken in now; try again later.")
        }
    }

    static func json(_ value: JSONValue, type: String = Documents.contentType) throws -> Response {
        document(ByteBuffer(data: try value.serialized()), type: type)
    }

    static func document(_ body: ByteBuffer, type: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = type
        fields[.accessControlAllowOrigin] = "*"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: body))
    }

    static func plain(_ status: Int, _ text: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n"))
        )
    }
}
