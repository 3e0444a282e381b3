import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Who hears of a piece's editorial steps: the journal's editors of a submission and the editors of another
/// group of an offer to co-publish; the authors of an editor's decision. Each is told inside the step's
/// transaction, so a step and its notice are kept or lost together; the caller then calls `deliverMailSoon`.
extension Workflow {
    /// Tells the journal's editors (its organizers and editors, who decide on pieces) that `piece` waits for them.
    func tellEditors(of piece: Publication, by person: CurrentPerson, on sql: any SQLDatabase) async throws {
        try await tellPublishers(
            of: piece.journalID,
            "“\(piece.title)” was submitted to \(piece.journal.name)",
            kind: .submission,
            path: LibraryPaths.publication(piece.id),
            by: person,
            on: sql
        )
    }

    /// Tells the piece's authors (the account that wrote it and co-authors with an account) that the journal
    /// `did` something to it ("published", "declined"…), with the editor's note.
    func tellAuthors(
        of piece: Publication,
        _ did: String,
        note: String,
        by person: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        let authors = try await sql.raw(
            """
            SELECT author_id AS person_id FROM posts WHERE id = \(bind: piece.id) AND author_id IS NOT NULL
            UNION SELECT person_id FROM post_authors WHERE post_id = \(bind: piece.id) AND person_id IS NOT NULL
            """
        ).column("person_id", as: Int.self)
        try await Notifications.notify(
            authors,
            Notice(
                kind: .decision,
                title: "\(piece.journal.name) \(did) “\(piece.title)”",
                body: note,
                path: LibraryPaths.publication(piece.id)
            ),
            except: person.id,
            services: services,
            on: sql
        )
    }

    /// Asks the editors of `group` to co-publish `piece`; they answer in their queue.
    func tellCopublisher(
        _ group: Group,
        of piece: Publication,
        by person: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        try await tellPublishers(
            of: group.id,
            "\(piece.journal.name) asks \(group.name) to co-publish “\(piece.title)”",
            kind: .invitation,
            path: LibraryPaths.submissions(group.slug),
            by: person,
            on: sql
        )
    }

    /// Tells the people who may publish for the group with `id` (organizers and editors).
    private func tellPublishers(
        of id: Int,
        _ title: String,
        kind: NotificationKind,
        path: String,
        by person: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        try await Notifications.notify(
            try await GroupAccess(sql).personIDs(actingFor: [id], roles: Role.publishing),
            Notice(kind: kind, title: title, path: path),
            except: person.id,
            services: services,
            on: sql
        )
    }
}
