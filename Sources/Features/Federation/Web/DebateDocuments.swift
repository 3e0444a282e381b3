import Foundation
import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import Library
import SQLKit

/// Debates as objects other servers can fetch and reply to: a debate is a `Page`, each position a `Note` in reply
/// to it, each reply a `Note` in reply to its position or parent, all in the debate's `context`. Debates are
/// public here; what they carry is what their page shows a stranger, and a hidden reply's text never goes out.
/// Nobody is an actor: the server's own actor stands for people here, and a remote reply names its author.
struct DebateDocuments {
    let federation: Federator

    func register(on router: Router<AppContext>) {
        router.get(FederationPaths.debate) { _, context in
            try await serve(context) { id in
                guard
                    let row = try await federation.sql.raw(
                        "SELECT id, question, description_html, created_at FROM debates WHERE id = \(bind: id)"
                    ).row(DebateRow.self)
                else { return nil }
                return note(
                    "Page",
                    id: federation.links.debate(id),
                    name: row.question,
                    html: row.descriptionHtml,
                    inReplyTo: nil,
                    debate: id,
                    author: nil,
                    at: row.createdAt
                )
            }
        }
        router.get(FederationPaths.position) { _, context in
            try await serve(context) { id in
                guard
                    let row = try await federation.sql.raw(
                        """
                        SELECT debate_id, statement AS name, argument_html AS html, created_at
                        FROM positions WHERE id = \(bind: id)
                        """
                    ).row(PartRow.self)
                else { return nil }
                return note(
                    "Note",
                    id: federation.links.position(id),
                    name: row.name,
                    html: row.html,
                    inReplyTo: federation.links.debate(row.debateID),
                    debate: row.debateID,
                    author: nil,
                    at: row.createdAt
                )
            }
        }
        router.get(FederationPaths.reply) { _, context in
            try await serve(context) { id in
                guard
                    let row = try await federation.sql.raw(
                        """
                        SELECT r.debate_id, r.position_id, r.parent_id, r.origin, r.created_at,
                        CASE WHEN r.hidden_reason IS NULL THEN r.body_html ELSE '' END AS html
                        FROM replies r WHERE r.id = \(bind: id)
                        """
                    ).row(ReplyRow.self), row.origin == nil
                else { return nil }  // a reply from elsewhere lives at its own address
                let links = federation.links
                return note(
                    "Note",
                    id: links.reply(id),
                    name: nil,
                    html: row.html,
                    inReplyTo: row.parentID.map(links.reply) ?? links.position(row.positionID),
                    debate: row.debateID,
                    author: nil,
                    at: row.createdAt
                )
            }
        }
    }

    private func serve(_ context: AppContext, _ document: (Int) async throws -> JSONValue?) async throws -> Response {
        guard federation.enabled, let id = Int(try context.parameters.require("id")),
            let found = try await document(id)
        else { throw AppError.notFound }
        return try FederationRoutes.json(found)
    }

    private func note(
        _ type: String,
        id: String,
        name: String?,
        html: String,
        inReplyTo: String?,
        debate: Int,
        author: String?,
        at time: Date
    ) -> JSONValue {
        let links = federation.links
        var fields: [String: JSONValue] = [
            "@context": Documents.context, "id": .string(id), "type": .string(type),
            "content": .string(Documents.absolute(html, base: links.base)), "mediaType": "text/html",
            "attributedTo": .string(author ?? links.instance), "context": .string(links.debate(debate)),
            "url": .string(links.base + LibraryPaths.debate(debate)), "published": .string(Documents.iso(time)),
            "to": .array([.string(Documents.publicAudience)]),
        ]
        if let name { fields["name"] = .string(name) }
        if let inReplyTo { fields["inReplyTo"] = .string(inReplyTo) }
        return .object(fields)
    }
}

private struct DebateRow: Decodable {
    let id: Int
    let question: String
    let descriptionHtml: String
    let createdAt: Date
}

private struct PartRow: Decodable {
    let debateID: Int
    let name: String
    let html: String
    let createdAt: Date
}

private struct ReplyRow: Decodable {
    let debateID: Int
    let positionID: Int
    let parentID: Int?
    let origin: String?
    let createdAt: Date
    let html: String
}
