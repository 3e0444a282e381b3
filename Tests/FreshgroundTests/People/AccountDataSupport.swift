import Foundation
import FreshgroundStore
import SQLKit
import Testing

/// `quillon` (Quillon Vasquez, quillon@example.org) with data of every kind, on the study network (Leeds Tenants
/// organized by `olive`, with `bob`): a membership of Leeds Tenants (as an editor) with a pledge, a group post
/// there, a piece Leeds' journal published and their correction to it, an RSVP to olive's event; a circle of their
/// own (they are its only member) with an event, a study series and an invitation link; their own speaker
/// profile; an enrollment in the study series and attendance at week 1; a follow of York Circle and a message to
/// its organizers; a session and an access token.
struct BusyPerson {
    var quill: Visitor
    var study: StudyNetwork
    let own: String
    let post: Int
    let piece: Int
    let event: Int
    let walk: Int
    let ownSeries: Int
    let speaker: Int
    var leeds: String { study.net.leeds }
}

func busyPerson(_ app: TestApp) async throws -> BusyPerson {
    var study = try await studyNetwork(app)
    let leeds = study.net.leeds
    var quill = app.visitor()
    try await quill.signUp("quillon", displayName: "Quillon Vasquez", email: "quillon@example.org")
    try #require(try await quill.post("/groups/\(leeds)/join").status == .seeOther)
    try #require(try await quill.post("/groups/\(leeds)/pledge", [("hours", "3")]).status == .seeOther)
    let quillID = try await personID(app.store, "quillon")
    let editor = try await study.net.olive.post("/groups/\(leeds)/members/\(quillID)/role", [("role", "editor")])
    try #require(editor.status == .seeOther)
    let posted = try await quill.post(
        "/groups/\(leeds)/posts",
        [("title", "Stairwell lights"), ("body", "Still out.")]
    )
    let post = try #require(posted.location.flatMap { Int($0.split(separator: "/").last ?? "") }, "\(posted.status)")
    let piece = try await publishPiece(&quill, editor: &study.net.olive, journal: leeds, title: "Rent in our street")
    let corrected = try await quill.post(
        "/library/\(piece)/correct",
        [("title", "Rent in our street"), ("summary", ""), ("body", "Some text, corrected."), ("note", "A typo.")]
    )
    try #require(corrected.status == .seeOther, "\(corrected.status)")
    let event = try await scheduleEvent(
        &study.net.olive,
        host: leeds,
        title: "Tenants meeting",
        start: "2026-10-27T19:00",
        end: "2026-10-27T21:00"
    )
    try #require(try await quill.post("/events/\(event)/rsvp").status == .seeOther)
    let own = try await quill.createGroup("Riverside Circle")
    let walk = try await scheduleEvent(
        &quill,
        host: own,
        title: "Riverside walk",
        start: "2026-11-03T10:00",
        end: "2026-11-03T12:00"
    )
    _ = try await quill.createInvite(own)
    let started = try await quill.api(
        .post,
        "/api/v1/study",
        json: try jsonBody([
            "title": "Riverside readings", "description": "Monthly.", "group": own, "enrollment": "open",
        ])
    )
    let ownSeries = try #require(APITests.integer(started.json["id"]), "\(started.body.prefix(300))")
    let added = try await quill.post(
        "/speakers",
        [
            ("group", own), ("name", "Quillon Vasquez"), ("city", "leeds"), ("handle", "quillon"), ("topics", "rent"),
            ("contact", "quillon@example.org"), ("bio", "Talks about rent."),
        ]
    )
    let speaker = try #require(added.location.flatMap { Int($0.split(separator: "/").last ?? "") }, "\(added.status)")
    try #require(try await enroll(&quill, study.series) == "enrolled")
    try await addWeek(&study.net.olive, study.series, topic: "The February days")
    try await scheduleSession(&study.net.olive, study.series, 1)
    let marked = try await study.net.olive.post("/study/\(study.series)/weeks/1/attendance/quillon", [("mode", "room")])
    try #require(marked.status == .seeOther)
    try #require(try await quill.post("/groups/\(study.net.york)/follow").status == .seeOther)
    let wrote = try await quill.post(
        "/groups/\(study.net.york)/contact",
        [("subject", "Joint meeting"), ("body", "Could we meet in March?")]
    )
    try #require(wrote.status == .seeOther)
    try #require(try await quill.post("/me/tokens", [("name", "my script")]).status == .created)
    return BusyPerson(
        quill: quill,
        study: study,
        own: own,
        post: post,
        piece: piece,
        event: event,
        walk: walk,
        ownSeries: ownSeries,
        speaker: speaker
    )
}

/// Every table of the database and its columns, read from the database itself (SQLite's catalog, or
/// PostgreSQL's information schema), with the columns that refer to `people` by a foreign key.
struct Schema {
    var columns: [String: [String]] = [:]
    var peopleReferences: Set<String> = []

    static func read(_ store: Store) async throws -> Schema {
        let sql = store.sql
        var schema = Schema()
        if sql.dialect.name == "sqlite" {
            let tables = try await sql.raw(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).column("name", as: String.self)
            for table in tables {
                schema.columns[table] = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))")
                    .column("name", as: String.self)
                let references = try await sql.raw(
                    "SELECT \"from\" AS name FROM pragma_foreign_key_list(\(bind: table)) WHERE \"table\" = 'people'"
                ).column("name", as: String.self)
                schema.peopleReferences.formUnion(references.map { "\(table).\($0)" })
            }
        } else {
            let rows = try await sql.raw(
                """
                SELECT table_name AS t, column_name AS c FROM information_schema.columns \
                WHERE table_schema = current_schema()
                """
            ).rows(TableColumn.self)
            for row in rows { schema.columns[row.t, default: []].append(row.c) }
            let references = try await sql.raw(
                """
                SELECT k.table_name AS t, k.column_name AS c FROM information_schema.referential_constraints r \
                JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name \
                JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.unique_constraint_name \
                WHERE u.table_name = 'people' AND k.table_schema = current_schema()
                """
            ).rows(TableColumn.self)
            schema.peopleReferences.formUnion(references.map { "\($0.t).\($0.c)" })
        }
        return schema
    }

    struct TableColumn: Decodable {
        let t: String
        let c: String
    }

    /// The columns that name a person: a foreign key to `people`, or a name that says so.
    var personColumns: [String] {
        let suffixes = [
            "person_id", "author_id", "_by", "reviewer_id", "actor_id", "opener_id", "moderator_id",
            "note_taker_id",
        ]
        let named = columns.flatMap { table, columns in
            columns.filter { column in suffixes.contains { column.hasSuffix($0) } }.map { "\(table).\($0)" }
        }
        return Set(named).union(peopleReferences).sorted()
    }

    /// The `table.column`s holding `id` among `personColumns`.
    func holding(_ id: Int, in store: Store) async throws -> Set<String> {
        var found: Set<String> = []
        for name in personColumns {
            let parts = name.split(separator: ".").map(String.init)
            let count = try await store.sql.raw(
                """
                SELECT COUNT(*) AS n FROM \(ident: parts[0]) WHERE \(ident: parts[1]) = \(bind: id)
                """
            ).value("n", as: Int.self)
            if (count ?? 0) > 0 { found.insert(name) }
        }
        return found
    }

    /// The `table.column`s (of every column, as text) whose value contains `text`, any case; `mail_outbox` is
    /// left out: mail already sent to other people is theirs.
    func naming(_ text: String, in store: Store) async throws -> Set<String> {
        var found: Set<String> = []
        for (table, columns) in columns where table != "mail_outbox" {
            for column in columns {
                let count = try await store.sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM \(ident: table) \
                    WHERE LOWER(CAST(\(ident: column) AS TEXT)) LIKE \(bind: "%" + text.lowercased() + "%")
                    """
                ).value("n", as: Int.self)
                if (count ?? 0) > 0 { found.insert("\(table).\(column)") }
            }
        }
        return found
    }
}

/// The account id of `handle`.
func personID(_ store: Store, _ handle: String) async throws -> Int {
    try #require(
        try await store.sql.select().column("id").from("people").where("handle", .equal, handle)
            .value("id", as: Int.self)
    )
}
