import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A piece published in the journal of a group on another server, as its document describes it.
package struct RemotePieceInput: Sendable {
    /// The piece's id there, which names it for good.
    package var origin: String
    package var kind: PublicationKind
    package var title: String
    package var summary: String
    /// The text in the safe Markdown subset.
    package var body: String
    /// The names it is signed with, as printed there: never linked to an account here.
    package var byline: [String]
    package var publishedAt: Date

    package init(
        origin: String,
        kind: PublicationKind,
        title: String,
        summary: String,
        body: String,
        byline: [String],
        publishedAt: Date
    ) {
        self.origin = origin
        self.kind = kind
        self.title = title
        self.summary = summary
        self.body = body
        self.byline = byline
        self.publishedAt = publishedAt
    }
}

/// Copies of pieces published by groups on other servers, kept as publications of the remote group's journal
/// (a group row copied here) so they have a page in the library and centers here can recommend them into the
/// common journal.
package struct RemotePieces: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Stores or updates the copy of a remote piece published by `groupID`; returns its id, or nil when the id is
    /// taken by another group's copy.
    @discardableResult
    package func store(_ piece: RemotePieceInput, groupID: Int) async throws -> Int? {
        let title = String((piece.title.isEmpty ? "Untitled" : piece.title).prefix(200))
        let body = String(piece.body.prefix(100_000))
        let names = piece.byline.map { String($0.prefix(100)) }.filter { !$0.isEmpty }.prefix(10)
        let now = services.clock()
        let values: [String: any Encodable & Sendable] = [
            "kind": piece.kind.rawValue, "title": title, "summary": String(piece.summary.prefix(1_000)),
            "body": body, "body_html": Markdown.html(body), "byline": names.joined(separator: ", "),
            "updated_at": now,
        ]
        return try await services.store.transaction { sql in
            let existing = try await sql.select().columns("id", "group_id").from("posts")
                .where("origin", .equal, piece.origin).row(Existing.self)
            let id: Int
            if let existing {
                guard existing.groupID == groupID else { return nil }
                var update = sql.update("posts").where("id", .equal, existing.id)
                for (column, value) in values { update = update.set(column, to: value) }
                try await update.run()
                try await sql.delete(from: "post_authors").where("post_id", .equal, existing.id).run()
                id = existing.id
            } else {
                var row = values
                row["group_id"] = groupID
                row["status"] = PublicationStatus.published.rawValue
                row["created_at"] = piece.publishedAt
                row["published_at"] = piece.publishedAt
                row["origin"] = piece.origin
                id = try await sql.insertReturningID(into: "posts", row)
                try await sql.insert(into: "post_publishers")
                    .columns("post_id", "group_id", "status", "created_at")
                    .values(SQLBind(id), SQLBind(groupID), SQLBind("accepted"), SQLBind(now)).run()
            }
            if !names.isEmpty {
                try await sql.insertRows(
                    into: "post_authors",
                    columns: ["post_id", "position", "name"],
                    rows: names.enumerated().map { index, name in [id, index, name] }
                )
            }
            return id
        }
    }
}

private struct Existing: Decodable {
    let id: Int
    let groupID: Int
}
