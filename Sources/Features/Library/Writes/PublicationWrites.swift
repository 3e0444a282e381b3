import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A file a person uploaded for a recording, already on disk.
package struct StoredMedia: Sendable {
    package let url: String
    package let file: String
    package let type: String
    package let size: Int
}

/// Writing pieces: drafts and their edits. The workflow (submit, review, publish) is in `Workflow`.
package struct PublicationWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Creates a draft (`id` nil) or edits the author's own piece while it is still theirs to change, and returns
    /// its id. Refused input is `AppError.validation`; a piece past editing is `AppError.conflict`.
    package func save(
        _ input: PublicationInput,
        id: Int?,
        by person: CurrentPerson,
        upload: StoredMedia? = nil
    ) async throws -> Int {
        let valid = try PublicationRules.validate(input, defaultName: person.shownName, hasUpload: upload != nil)
        let journal: Group
        do {
            journal = try await GroupQueries(services: services).visibleGroup(slug: valid.journal, viewer: person).0
        } catch AppError.notFound {
            throw AppError.validation(["journal": "There is no group at that address you can see."])
        }
        if let id {
            let (current, access) = try await PublicationQueries(services: services).visible(id: id, viewer: person)
            guard access.isAuthor else { throw AppError.forbidden("Only the author can edit this piece.") }
            guard current.status.isEditable else {
                throw AppError.conflict(
                    "This piece is \(current.status.label.lowercased()); it can no longer be edited."
                )
            }
        }
        let now = services.clock()
        var values: [String: any Encodable & Sendable] = [
            "group_id": journal.id, "kind": valid.kind.rawValue, "title": valid.title, "summary": valid.summary,
            "body": valid.body, "body_html": Markdown.html(valid.body),
            "byline": valid.names.joined(separator: ", "), "link_url": valid.linkURL, "link_source": valid.linkSource,
            "media_url": upload?.url ?? valid.mediaURL, "updated_at": now,
        ]
        if let upload {
            values["media_file"] = upload.file
            values["media_type"] = upload.type
            values["media_size"] = upload.size
        }
        let insert = values.merging(["author_id": person.id, "status": "draft", "created_at": now]) { a, _ in a }
        let ownName: Set<String> = [person.displayName, person.handle, person.shownName]
        let changes = values
        let savedID = try await services.store.transaction { sql in
            let postID: Int
            if let id {
                var update = sql.update("posts")
                for (key, value) in changes { update = update.set(SQLIdentifier(key), to: SQLBind(value)) }
                try await update.where("id", .equal, id).run()
                postID = id
            } else {
                postID = try await sql.insertReturningID(into: "posts", insert)
            }
            try await sql.delete(from: "post_authors").where("post_id", .equal, postID).run()
            try await sql.insertRows(
                into: "post_authors",
                columns: ["post_id", "position", "person_id", "name"],
                rows: valid.names.enumerated().map { index, name in
                    let linked: Int? = !valid.pseudonym && ownName.contains(name) ? person.id : nil
                    return [postID, index, linked, name]
                }
            )
            try await sql.delete(from: "post_tags").where("post_id", .equal, postID).run()
            try await sql.insertRows(
                into: "post_tags",
                columns: ["post_id", "tag"],
                rows: valid.tags.map { [postID, $0] }
            )
            try await sql.delete(from: "post_reports").where("post_id", .equal, postID).run()
            if let report = valid.report {
                try await sql.insert(into: "post_reports")
                    .columns(
                        "post_id",
                        "place_kind",
                        "sector",
                        "city",
                        "place_name",
                        "hide_place",
                        "happening",
                        "doing",
                        "worked",
                        "needs",
                        "text"
                    )
                    .values(
                        SQLBind(postID),
                        SQLBind(report.placeKind.rawValue),
                        SQLBind(report.sector),
                        SQLBind(report.city),
                        SQLBind(report.placeName),
                        SQLBind(report.hidePlace),
                        SQLBind(report.happening),
                        SQLBind(report.doing),
                        SQLBind(report.worked),
                        SQLBind(report.needs),
                        SQLBind(report.text)
                    ).run()
            }
            return postID
        }
        return savedID
    }
}
