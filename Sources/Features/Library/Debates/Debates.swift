import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Opening debates, stating positions, replying, and moderating in the open.
package struct Debates: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func open(
        question: String,
        description: String,
        publication: Int?,
        by person: CurrentPerson
    )
        async throws -> Int
    {
        var errors: [String: String] = [:]
        let question = FieldRules.line(
            question,
            "question",
            "Ask the question, in up to 300 characters.",
            max: 300,
            &errors
        )
        let description = FieldRules.text(description, "description", max: 20_000, &errors)
        if let publication {
            do {
                let (piece, _) = try await PublicationQueries(services: services).visible(id: publication, viewer: nil)
                guard piece.status == .published else { throw AppError.notFound }
            } catch AppError.notFound {
                errors["publication"] = "A debate can only be tied to a published piece everyone can read."
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let id = try await sql.insertReturningID(
            into: "debates",
            [
                "question": question, "description": description, "description_html": Markdown.html(description),
                "opener_id": person.id, "post_id": publication, "summary": "", "summary_html": "",
                "created_at": services.clock(),
            ]
        )
        try await SearchIndex(store: services.store).put(docID: -id, title: question, body: description)
        return id
    }

    /// A position, stated by a person, for one of their groups when they may speak for it.
    package func state(
        debate id: Int,
        statement: String,
        argument: String,
        group slug: String,
        by person: CurrentPerson
    ) async throws -> Int {
        let debate = try await header(id)
        guard debate.closedAt == nil else { throw AppError.conflict("This debate is closed.") }
        var errors: [String: String] = [:]
        let statement = FieldRules.line(
            statement,
            "statement",
            "State the position in up to 300 characters.",
            max: 300,
            &errors
        )
        let argument = FieldRules.text(argument, "argument", max: 20_000, &errors)
        let groupID = try await groupActedFor(
            slug: slug,
            by: person,
            services: services,
            refusal: { "Only organizers and editors of \($0) can state a position for it." },
            errors: &errors
        )
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let positionID = try await sql.insertReturningID(
            into: "positions",
            [
                "debate_id": id, "author_id": person.id, "group_id": groupID, "statement": statement,
                "argument": argument, "argument_html": Markdown.html(argument), "created_at": services.clock(),
            ]
        )
        try await reindex(id)
        return positionID
    }

    /// A reply for or against a position, or to another reply in its thread.
    package func reply(
        debate id: Int,
        position: Int,
        parent: Int?,
        stance: String,
        body: String,
        by person: CurrentPerson
    ) async throws -> Int {
        let debate = try await header(id)
        guard debate.closedAt == nil else { throw AppError.conflict("This debate is closed.") }
        var errors: [String: String] = [:]
        let body = FieldRules.text(body, "body", max: 20_000, &errors)
        if body.trimmingWhitespace().isEmpty && errors["body"] == nil { errors["body"] = "Write the reply." }
        // A comment without a side is what replies from other servers are; people here take a side.
        let chosen = Stance(rawValue: stance).flatMap { $0 == .comment ? nil : $0 }
        if chosen == nil { errors["stance"] = "Say whether the reply is for or against the position." }
        guard let stance = chosen, errors.isEmpty else { throw AppError.validation(errors) }
        try await RateLimit.posting.take(RateLimit.person(person.id), on: sql, now: services.clock())
        guard
            try await sql.select().column("id").from("positions").where("id", .equal, position)
                .where("debate_id", .equal, id).first() != nil
        else { throw AppError.validation(["position": "Reply to a position of this debate."]) }
        return try await insert(
            debate: id,
            position: position,
            parent: parent,
            values: ["author_id": person.id, "stance": stance.rawValue, "body": body]
        )
    }

    /// A reply from a person on another server (`actor`), shown under `name`, to a position of an open debate or
    /// a reply in its thread; its text is in the safe Markdown subset. Moderated like any other. Returns its id,
    /// or nil when the debate is closed, the place is not found, or it was taken already.
    package func remoteReply(
        origin: String,
        actor: String,
        name: String,
        debate id: Int,
        position: Int,
        parent: Int?,
        body: String
    ) async throws -> Int? {
        guard let debate = try? await header(id), debate.closedAt == nil,
            try await sql.select().column("id").from("replies").where("origin", .equal, origin).first() == nil,
            try await sql.select().column("id").from("positions").where("id", .equal, position)
                .where("debate_id", .equal, id).first() != nil
        else { return nil }
        let body = String(body.prefix(20_000))
        guard !body.trimmingWhitespace().isEmpty else { return nil }
        return try await insert(
            debate: id,
            position: position,
            parent: parent,
            values: [
                "stance": Stance.comment.rawValue, "body": body, "origin": origin, "actor_uri": actor,
                "remote_name": String(name.prefix(200)),
            ]
        )
    }

    /// Removes a reply its author deleted on their own server.
    package func deleteRemoteReply(origin: String, actor: String) async throws {
        try await sql.delete(from: "replies").where("origin", .equal, origin).where("actor_uri", .equal, actor).run()
    }

    /// Stores a reply in its thread: under its parent, or at the top of the position's.
    private func insert(
        debate id: Int,
        position: Int,
        parent: Int?,
        values: [String: any Encodable & Sendable]
    ) async throws -> Int {
        let (parentPath, depth) = try await threadPlace(under: parent, position: position)
        var row = values
        row["debate_id"] = id
        row["position_id"] = position
        row["parent_id"] = parent
        row["path"] = ""
        row["depth"] = depth
        row["body_html"] = Markdown.html(values["body"] as? String ?? "")
        row["created_at"] = services.clock()
        return try await services.store.transaction { [row] sql in
            let replyID = try await sql.insertReturningID(into: "replies", row)
            let path = parentPath + String(repeating: "0", count: max(0, 10 - String(replyID).count)) + String(replyID)
            try await sql.update("replies").set("path", to: path).where("id", .equal, replyID).run()
            return replyID
        }
    }

    /// Where a reply goes: its parent's path and depth plus one, or the top of the position's thread.
    private func threadPlace(under parent: Int?, position: Int) async throws -> (String, Int) {
        guard let parent else { return ("", 0) }
        guard
            let row = try await sql.select().columns("path", "depth").from("replies").where("id", .equal, parent)
                .where("position_id", .equal, position).row(ThreadPlace.self)
        else { throw AppError.validation(["parent": "Reply to a reply under the same position."]) }
        return (row.path + "/", row.depth + 1)
    }

    /// The running summary, by a moderator.
    package func summarize(debate id: Int, summary: String, by person: CurrentPerson) async throws {
        try await requireModerator(id, person)
        var errors: [String: String] = [:]
        let summary = FieldRules.text(summary, "summary", max: 20_000, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        try await sql.update("debates").set("summary", to: summary).set("summary_html", to: Markdown.html(summary))
            .set("summary_at", to: services.clock()).where("id", .equal, id).run()
        try await reindex(id)
    }

    /// Hides (or shows again) a reply; the reason goes into the public log.
    package func moderate(debate id: Int, reply: Int, hide: Bool, reason: String, by person: CurrentPerson) async throws
    {
        try await requireModerator(id, person)
        var errors: [String: String] = [:]
        let reason = FieldRules.line(
            reason,
            "reason",
            "Give the reason; it is shown in the public log.",
            max: 500,
            &errors
        )
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let now = services.clock()
        try await services.store.transaction { sql in
            let changed = try await sql.raw(
                """
                UPDATE replies SET hidden_reason = \(bind: hide ? reason : nil)
                WHERE id = \(bind: reply) AND debate_id = \(bind: id) RETURNING id
                """
            ).all()
            guard !changed.isEmpty else { throw AppError.notFound }
            try await sql.insert(into: "moderation_log")
                .columns("debate_id", "reply_id", "moderator_id", "action", "reason", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(reply),
                    SQLBind(person.id),
                    SQLBind(hide ? "hide" : "show"),
                    SQLBind(reason),
                    SQLBind(now)
                )
                .run()
        }
    }

    /// The opener names another moderator by handle.
    package func addModerator(debate id: Int, handle: String, by person: CurrentPerson) async throws {
        let debate = try await header(id)
        guard debate.openerID == person.id else {
            throw AppError.forbidden("Only the person who opened the debate can name moderators.")
        }
        guard
            let moderator = try await sql.select().column("id").from("people")
                .where("handle", .equal, handle.trimmingWhitespace().lowercased()).value("id", as: Int.self)
        else { throw AppError.validation(["handle": "There is nobody with that handle."]) }
        do {
            try await sql.insert(into: "debate_moderators").columns("debate_id", "person_id")
                .values(SQLBind(id), SQLBind(moderator)).run()
        } catch  where error.isConstraintFailure {}
    }

    /// A moderator closes the debate, but only while nobody else has joined it.
    package func close(debate id: Int, by person: CurrentPerson) async throws {
        try await requireModerator(id, person)
        let others =
            try await sql.raw(
                """
                SELECT (SELECT COUNT(*) FROM positions WHERE debate_id = \(bind: id) AND (author_id IS NULL OR author_id <> \(bind: person.id)))
                  + (SELECT COUNT(*) FROM replies WHERE debate_id = \(bind: id) AND (author_id IS NULL OR author_id <> \(bind: person.id))) AS n
                """
            ).value("n", as: Int.self) ?? 0
        guard others == 0 else {
            throw AppError.conflict(
                "Others have joined this debate, so it stays open. A moderator can summarize it instead."
            )
        }
        try await sql.update("debates").set("closed_at", to: services.clock()).where("id", .equal, id).run()
    }

    struct Header: Decodable {
        let openerID: Int?
        let closedAt: Date?
        let question: String
        let description: String
        let summary: String
    }

    func header(_ id: Int) async throws -> Header {
        guard
            let header = try await sql.select().columns("opener_id", "closed_at", "question", "description", "summary")
                .from("debates").where("id", .equal, id).row(Header.self)
        else { throw AppError.notFound }
        return header
    }

    package func isModerator(_ id: Int, _ person: CurrentPerson?) async throws -> Bool {
        guard let person else { return false }
        let row = try await sql.raw(
            """
            SELECT 1 AS yes FROM debates WHERE id = \(bind: id) AND opener_id = \(bind: person.id)
            UNION ALL SELECT 1 AS yes FROM debate_moderators WHERE debate_id = \(bind: id) AND person_id = \(bind: person.id)
            """
        ).first()
        return row != nil
    }

    private func requireModerator(_ id: Int, _ person: CurrentPerson) async throws {
        _ = try await header(id)
        guard try await isModerator(id, person) else {
            throw AppError.forbidden("Only the debate's moderators can do that.")
        }
    }

    /// The search document: the question, its description, the summary and every position.
    private func reindex(_ id: Int) async throws {
        let debate = try await header(id)
        let rows = try await sql.raw(
            "SELECT statement, argument FROM positions WHERE debate_id = \(bind: id) ORDER BY id LIMIT 200"
        ).rows(PositionText.self)
        var body = [debate.description, debate.summary]
        for row in rows {
            body.append(row.statement)
            body.append(Markdown.plainText(row.argument, limit: 2_000))
        }
        try await SearchIndex(store: services.store).put(
            docID: -id,
            title: debate.question,
            body: body.joined(separator: "\n")
        )
    }
}

/// Where a reply sits in its thread.
private struct ThreadPlace: Decodable {
    let path: String
    let depth: Int
}

/// A position's text, for the search document.
private struct PositionText: Decodable {
    let statement: String
    let argument: String
}
