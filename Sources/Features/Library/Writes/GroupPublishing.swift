import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Pieces a feature publishes in a group's journal at once, without the editors' review, because the group's
/// organizers wrote them for the group (a study series' session reports).
package struct GroupPublishing: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Publishes (or, given `replacing`, updates) a piece in `group`'s journal and the search index; returns
    /// its id. The caller has checked the person may publish for the group.
    package func publish(
        kind: PublicationKind,
        group: Int,
        title: String,
        summary: String,
        body: String,
        byline: String,
        replacing existing: Int? = nil,
        by person: CurrentPerson
    ) async throws -> Int {
        let now = services.clock()
        let values: [String: any Encodable & Sendable] = [
            "title": title, "summary": summary, "body": body, "body_html": Markdown.html(body), "byline": byline,
            "updated_at": now,
        ]
        let id = try await services.store.transaction { sql in
            if let existing,
                try await sql.select().column("id").from("posts").where("id", .equal, existing)
                    .where("status", .equal, PublicationStatus.published.rawValue).first() != nil
            {
                var update = sql.update("posts")
                for (key, value) in values { update = update.set(SQLIdentifier(key), to: SQLBind(value)) }
                try await update.where("id", .equal, existing).run()
                return existing
            }
            let id = try await sql.insertReturningID(
                into: "posts",
                values.merging([
                    "group_id": group, "author_id": person.id, "kind": kind.rawValue,
                    "status": PublicationStatus.published.rawValue, "created_at": now, "published_at": now,
                ]) { a, _ in a }
            )
            try await sql.insertRows(
                into: "post_authors",
                columns: ["post_id", "position", "person_id", "name"],
                rows: [[id, 0, person.id, byline]]
            )
            try await sql.insert(into: "post_publishers")
                .columns("post_id", "group_id", "status", "invited_by", "created_at")
                .values(SQLBind(id), SQLBind(group), SQLBind("accepted"), SQLBind(person.id), SQLBind(now)).run()
            return id
        }
        let isPublic =
            try await services.store.sql.select().column("visibility").from("groups").where("id", .equal, group)
            .value("visibility", as: String.self) == "public"
        if isPublic {
            try await SearchIndex(store: services.store).put(
                docID: id,
                title: title,
                body: [summary, Markdown.plainText(body, limit: 100_000)].filter { !$0.isEmpty }.joined(separator: "\n")
            )
        }
        return id
    }
}
