import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// One step of a piece's editorial history, shown to its author and the journal's editors.
package struct ReviewEvent: Sendable, Encodable {
    package let action: String
    package let note: String
    package let actor: String?
    package let group: GroupRef
    package let at: Date
}

/// What an editor (or the author) may do to a submitted piece.
package enum ReviewAction: String, Sendable, CaseIterable {
    case comment, accept
    case requestChanges = "request_changes"
    case decline
}

/// The editorial workflow: draft → submitted → published, or back to the author with changes asked for, or
/// declined with a reason; a published or submitted piece can be withdrawn. Every step is kept in
/// `post_reviews`. Co-publication waits for each other group's editors.
package struct Workflow: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var queries: PublicationQueries { PublicationQueries(services: services) }

    /// The author sends their piece to the journal's editors.
    package func submit(id: Int, by person: CurrentPerson) async throws {
        let (piece, access) = try await queries.visible(id: id, viewer: person)
        guard access.isAuthor else { throw AppError.forbidden("Only the author can submit this piece.") }
        guard piece.status.isEditable else {
            throw AppError.conflict("This piece is \(piece.status.label.lowercased()) and cannot be submitted again.")
        }
        try await transition(piece, to: .submitted, action: "submitted", note: "", by: person) { sql in
            try await tellEditors(of: piece, by: person, on: sql)
        }
        services.deliverMailSoon()
    }

    /// An editor's decision or a comment from either side. Changes and declines need a reason.
    package func review(id: Int, action: ReviewAction, note: String, by person: CurrentPerson) async throws {
        let (piece, access) = try await queries.visible(id: id, viewer: person)
        let note = note.trimmingWhitespace()
        if note.count > 10_000 { throw AppError.validation(["note": "Keep the note under 10,000 characters."]) }
        var noteErrors: [String: String] = [:]
        _ = FieldRules.text(note, "note", max: 10_000, &noteErrors)
        if !noteErrors.isEmpty { throw AppError.validation(noteErrors) }
        switch action {
        case .comment:
            guard access.isEditor || access.isAuthor else {
                throw AppError.forbidden("Only the author and the journal's editors can comment on a submission.")
            }
            guard !note.isEmpty else { throw AppError.validation(["note": "Write the comment."]) }
            try await record(piece, action: "comment", note: note, by: person, in: services.store.sql)
        case .accept, .requestChanges, .decline:
            guard access.isEditor else {
                throw AppError.forbidden("Only the editors of \(piece.journal.name) can decide on this piece.")
            }
            guard piece.status == .submitted else {
                throw AppError.conflict(
                    "Only a submitted piece can be decided on; this one is \(piece.status.rawValue)."
                )
            }
            if action != .accept && note.isEmpty {
                throw AppError.validation(["note": "Tell the author why, so they can act on it."])
            }
            switch action {
            case .accept: try await publish(piece, note: note, by: person)
            case .requestChanges:
                try await transition(piece, to: .changesRequested, action: "changes_requested", note: note, by: person)
                { sql in try await tellAuthors(of: piece, "asks for changes to", note: note, by: person, on: sql) }
            default:
                try await transition(piece, to: .declined, action: "declined", note: note, by: person) { sql in
                    try await tellAuthors(of: piece, "declined", note: note, by: person, on: sql)
                }
            }
            services.deliverMailSoon()
        }
    }

    /// The author or the journal's editors take a piece back; it leaves the library, the journal and search.
    package func withdraw(id: Int, note: String, by person: CurrentPerson) async throws {
        let (piece, access) = try await queries.visible(id: id, viewer: person)
        guard access.isAuthor || access.isEditor else {
            throw AppError.forbidden("Only the author or the journal's editors can withdraw this piece.")
        }
        guard piece.status == .published || piece.status == .submitted else {
            throw AppError.conflict("Only a submitted or published piece can be withdrawn.")
        }
        var errors: [String: String] = [:]
        let note = FieldRules.text(note, "note", max: 10_000, &errors)
        if !access.isAuthor && note.trimmingWhitespace().isEmpty && errors["note"] == nil {
            errors["note"] = "Tell the author why their piece is withdrawn."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let byEditor = !access.isAuthor
        try await transition(piece, to: .withdrawn, action: "withdrawn", note: note.trimmingWhitespace(), by: person) {
            sql in
            // An editor withdrawing someone else's piece tells its authors why.
            if byEditor { try await tellAuthors(of: piece, "withdrew", note: note, by: person, on: sql) }
            // It leaves the journal, and the notices of its recommendations leave the groups' feeds.
            try await sql.raw(
                """
                DELETE FROM posts WHERE id IN (SELECT announcement_id FROM recommendations WHERE post_id = \(bind: piece.id))
                """
            ).run()
            try await sql.delete(from: "recommendations").where("post_id", .equal, piece.id).run()
            try await sql.delete(from: "journal_entries").where("post_id", .equal, piece.id).run()
        }
        services.deliverMailSoon()
        try await SearchIndex(store: services.store).remove(docID: piece.id)
    }

    /// The author or an editor asks another group to co-publish; that group's editors then answer.
    package func offer(id: Int, to slug: String, by person: CurrentPerson) async throws {
        let (piece, access) = try await queries.visible(id: id, viewer: person)
        guard access.isAuthor || access.isEditor else {
            throw AppError.forbidden("Only the author or the journal's editors can ask others to co-publish.")
        }
        // Only once everyone can read it: the other group's editors must be able to see what they co-publish.
        guard piece.status == .published && piece.journalIsPublic else {
            throw AppError.conflict("Only a published piece of a public journal can be offered for co-publication.")
        }
        let (group, _) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard group.id != piece.journalID else { throw AppError.conflict("That is the piece's own journal.") }
        let now = services.clock()
        do {
            try await services.store.transaction { sql in
                try await sql.insert(into: "post_publishers")
                    .columns("post_id", "group_id", "status", "invited_by", "created_at")
                    .values(
                        SQLBind(piece.id),
                        SQLBind(group.id),
                        SQLBind("pending"),
                        SQLBind(person.id),
                        SQLBind(now)
                    ).run()
                try await tellCopublisher(group, of: piece, by: person, on: sql)
            }
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("\(group.name) has already been asked.")
        }
        services.deliverMailSoon()
    }

    /// The other group's editors accept (it is then listed as publishing the piece) or decline.
    package func answerOffer(id: Int, group slug: String, accept: Bool, by person: CurrentPerson) async throws {
        let groups = GroupQueries(services: services)
        let (group, standing) = try await groups.visibleGroup(slug: slug, viewer: person)
        guard standing.canPost else { throw AppError.forbidden("Only the editors of \(group.name) can answer.") }
        let sql = services.store.sql
        guard
            try await sql.select().column("id").from("post_publishers").where("post_id", .equal, id)
                .where("group_id", .equal, group.id).where("status", .equal, "pending").first() != nil
        else { throw AppError.notFound }
        let now = services.clock()
        try await services.store.transaction { sql in
            if accept {
                try await sql.update("post_publishers").set("status", to: "accepted").where("post_id", .equal, id)
                    .where("group_id", .equal, group.id).run()
            } else {
                try await sql.delete(from: "post_publishers").where("post_id", .equal, id)
                    .where("group_id", .equal, group.id).run()
            }
            try await sql.insert(into: "post_reviews")
                .columns("post_id", "group_id", "actor_id", "action", "note", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(group.id),
                    SQLBind(person.id),
                    SQLBind(accept ? "copublish_accepted" : "copublish_declined"),
                    SQLBind(""),
                    SQLBind(now)
                ).run()
        }
    }

    /// The history, for the author and the journal's editors only.
    package func history(id: Int, viewer: CurrentPerson?) async throws -> [ReviewEvent] {
        let (_, access) = try await queries.visible(id: id, viewer: viewer)
        guard access.isAuthor || access.isEditor else {
            throw AppError.forbidden("The editorial history is for the author and the editors.")
        }
        return try await events(of: id)
    }

    /// The history without a permission check, for callers that have already read the viewer's access.
    func events(of id: Int) async throws -> [ReviewEvent] {
        let rows = try await services.store.sql.raw(
            """
            SELECT r.action, r.note, r.created_at, pe.display_name, pe.handle, g.slug, g.name
            FROM post_reviews r JOIN groups g ON g.id = r.group_id LEFT JOIN people pe ON pe.id = r.actor_id
            WHERE r.post_id = \(bind: id) ORDER BY r.id
            """
        ).rows(ReviewRow.self)
        return rows.map { row in
            let name = row.displayName ?? ""
            return ReviewEvent(
                action: row.action,
                note: row.note,
                actor: row.handle.map { name.isEmpty ? $0 : name },
                group: GroupRef(slug: row.slug, name: row.name),
                at: row.createdAt
            )
        }
    }

    private func publish(_ piece: Publication, note: String, by person: CurrentPerson) async throws {
        let now = services.clock()
        let journalID = piece.journalID
        try await transition(piece, to: .published, action: "accepted", note: note, by: person) { sql in
            try await tellAuthors(of: piece, "published", note: note, by: person, on: sql)
            // created_at becomes the moment it appears in the group's feed; published_at orders the library.
            try await sql.update("posts").set("published_at", to: now).set("created_at", to: now)
                .where("id", .equal, piece.id).run()
            try await sql.delete(from: "post_publishers").where("post_id", .equal, piece.id)
                .where("group_id", .equal, journalID).run()
            try await sql.insert(into: "post_publishers")
                .columns("post_id", "group_id", "status", "invited_by", "created_at")
                .values(SQLBind(piece.id), SQLBind(journalID), SQLBind("accepted"), SQLBind(person.id), SQLBind(now))
                .run()
        }
        if piece.journalIsPublic {
            try await SearchIndex(store: services.store).put(
                piece: piece.id,
                title: piece.title,
                summary: piece.summary,
                body: piece.body,
                tags: piece.tags
            )
        }
    }

    private func transition(
        _ piece: Publication,
        to status: PublicationStatus,
        action: String,
        note: String,
        by person: CurrentPerson,
        also: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) async throws {
        let journalID = piece.journalID
        let now = services.clock()
        try await services.store.transaction { sql in
            // The status moves only from the one it was read in, so two editors deciding at once cannot both win.
            let moved = try await sql.raw(
                """
                UPDATE posts SET status = \(bind: status.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: piece.id) AND status = \(bind: piece.status.rawValue) RETURNING id
                """
            ).all()
            guard !moved.isEmpty else {
                throw AppError.conflict("Someone else changed this piece; reload and look again.")
            }
            try await also?(sql)
            try await sql.insert(into: "post_reviews")
                .columns("post_id", "group_id", "actor_id", "action", "note", "created_at")
                .values(
                    SQLBind(piece.id),
                    SQLBind(journalID),
                    SQLBind(person.id),
                    SQLBind(action),
                    SQLBind(note),
                    SQLBind(now)
                )
                .run()
        }
    }

    private func record(
        _ piece: Publication,
        action: String,
        note: String,
        by person: CurrentPerson,
        in sql: any SQLDatabase
    )
        async throws
    {
        try await sql.insert(into: "post_reviews")
            .columns("post_id", "group_id", "actor_id", "action", "note", "created_at")
            .values(
                SQLBind(piece.id),
                SQLBind(piece.journalID),
                SQLBind(person.id),
                SQLBind(action),
                SQLBind(note),
                SQLBind(services.clock())
            ).run()
    }
}

/// A step of a piece's history, with who took it and for which journal.
private struct ReviewRow: Decodable {
    let action: String
    let note: String
    let createdAt: Date
    let displayName: String?
    let handle: String?
    let slug: String
    let name: String
}
