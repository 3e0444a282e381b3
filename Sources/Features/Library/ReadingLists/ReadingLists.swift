import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// An ordered list of publications kept by a person or a group.
package struct ReadingList: Sendable, Encodable {
    package struct Item: Sendable, Encodable {
        package let position: Int
        package let note: String
        package let publication: PublicationCard
    }

    package let id: Int
    package let title: String
    package let description: String
    package let isPublic: Bool
    /// The owning group, or nil (sent as `null`) for a person's own list.
    @Nullable package private(set) var group: GroupRef?
    package var items: [Item]
    package let url: String

    /// The memberwise initializer, with `url` made from `id`.
    init(id: Int, title: String, description: String, isPublic: Bool, group: GroupRef?, items: [Item]) {
        self.id = id
        self.title = title
        self.description = description
        self.isPublic = isPublic
        self.group = group
        self.items = items
        url = LibraryPaths.list(id)
    }
}

/// Reading lists: private to their owner unless made public; a group's lists are kept by its organizers and
/// editors and seen by its members (and everyone, when public and the group is public).
package struct ReadingLists: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func create(
        title: String,
        description: String,
        isPublic: Bool,
        group slug: String,
        by person: CurrentPerson
    )
        async throws -> Int
    {
        var errors: [String: String] = [:]
        let title = FieldRules.line(
            title,
            "title",
            "Give the list a title of 1 to 200 characters.",
            max: 200,
            &errors
        )
        let description = FieldRules.text(description, "description", max: 5_000, &errors)
        let groupID = try await groupActedFor(
            slug: slug,
            by: person,
            services: services,
            refusal: { "Only organizers and editors of \($0) keep its lists." },
            errors: &errors
        )
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "reading_lists",
            [
                "person_id": groupID == nil ? person.id : nil, "group_id": groupID, "title": title,
                "description": description, "is_public": isPublic, "created_at": services.clock(),
            ]
        )
    }

    /// The list if the viewer may see it, and whether they may change it.
    package func list(_ id: Int, viewer: CurrentPerson?) async throws -> (ReadingList, canEdit: Bool) {
        guard
            let row = try await sql.raw(
                """
                SELECT l.*, g.slug AS g_slug, g.name AS g_name, g.visibility AS g_visibility,
                  \(GroupAccess.standingColumns)
                FROM reading_lists l LEFT JOIN groups g ON g.id = l.group_id
                \(GroupAccess.standingJoin("l.group_id", viewer: viewer))
                WHERE l.id = \(bind: id)
                """
            ).first()
        else { throw AppError.notFound }
        let fields = try row.decode(ListRow.self)
        let isPublic = fields.isPublic
        let owner = fields.personId
        let slug = fields.gSlug
        let standing = try GroupAccess.standing(row: row, viewer: viewer)
        let canEdit = slug == nil ? (owner != nil && owner == viewer?.id) : standing.canPost
        let groupPublic = fields.gVisibility != .private
        let canSee = canEdit || (slug == nil ? isPublic : (standing.isActiveMember || (isPublic && groupPublic)))
        guard canSee else { throw AppError.notFound }
        var list = ReadingList(
            id: id,
            title: fields.title,
            description: fields.description,
            isPublic: isPublic,
            group: slug.map { GroupRef(slug: $0, name: fields.gName ?? "") },
            items: []
        )
        let items = try await sql.raw(
            """
            SELECT i.position, i.note, \(unsafeRaw: PublicationCard.columns)
            FROM reading_list_items i JOIN posts p ON p.id = i.post_id JOIN groups g ON g.id = p.group_id
            WHERE i.list_id = \(bind: id) AND p.status = 'published' AND \(GroupAccess.visible("g", to: viewer))
            ORDER BY i.position
            """
        ).rows(CardWith<ItemColumns>.self)
        list.items = items.map { .init(position: $0.extra.position, note: $0.extra.note, publication: $0.card) }
        return (list, canEdit)
    }

    /// The lists a person keeps, or a group's lists the viewer may see.
    package func lists(
        person: CurrentPerson? = nil,
        group: Int? = nil,
        includePrivate: Bool
    ) async throws
        -> [(id: Int, title: String, isPublic: Bool)]
    {
        var query = sql.select().columns("id", "title", "is_public").from("reading_lists").orderBy("title")
        if let person { query = query.where("person_id", .equal, person.id) }
        if let group { query = query.where("group_id", .equal, group) }
        if !includePrivate { query = query.where("is_public", .equal, true) }
        return try await query.limit(500).rows(ListLine.self).map { ($0.id, $0.title, $0.isPublic) }
    }

    package func add(_ postID: Int, note: String, to id: Int, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        var errors: [String: String] = [:]
        let note = FieldRules.line(note, "note", nil, max: 1_000, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let (piece, _) = try await PublicationQueries(services: services).visible(id: postID, viewer: person)
        guard piece.status == .published else {
            throw AppError.validation(["publication": "Only published pieces can go on a list."])
        }
        let next =
            try await sql.raw(
                "SELECT COALESCE(MAX(position), 0) + 1 AS n FROM reading_list_items WHERE list_id = \(bind: id)"
            ).value("n", as: Int.self) ?? 1
        do {
            try await sql.insert(into: "reading_list_items").columns("list_id", "post_id", "position", "note")
                .values(SQLBind(id), SQLBind(postID), SQLBind(next), SQLBind(note)).run()
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("That piece is already on the list.")
        }
    }

    package func remove(_ postID: Int, from id: Int, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        try await sql.delete(from: "reading_list_items").where("list_id", .equal, id).where("post_id", .equal, postID)
            .run()
    }

    /// Moves an item one place up (`-1`) or down (`+1`) by swapping it with its neighbour.
    package func move(_ postID: Int, by step: Int, in id: Int, person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        try await services.store.transaction { sql in
            let rows = try await sql.select().columns("post_id", "position").from("reading_list_items")
                .where("list_id", .equal, id).orderBy("position").column("post_id", as: Int.self)
            var order = rows
            guard let index = order.firstIndex(of: postID) else { throw AppError.notFound }
            let target = index + (step < 0 ? -1 : 1)
            guard order.indices.contains(target) else { return }
            order.swapAt(index, target)
            for (position, post) in order.enumerated() where position == index || position == target {
                try await sql.update("reading_list_items").set("position", to: position + 1)
                    .where("list_id", .equal, id).where("post_id", .equal, post).run()
            }
        }
    }

    private func requireEditor(_ id: Int, _ person: CurrentPerson) async throws {
        guard try await list(id, viewer: person).canEdit else {
            throw AppError.forbidden("Only the list's keepers can change it.")
        }
    }
}

/// A list (`l.*`) with its group, when a group keeps it.
private struct ListRow: Decodable {
    let title: String
    let description: String
    let isPublic: Bool
    let personId: Int?
    let gSlug: String?
    let gName: String?
    let gVisibility: Visibility?
}

/// An item's own columns, beside its publication's.
private struct ItemColumns: Decodable {
    let position: Int
    let note: String
}

/// A list in a list of lists.
private struct ListLine: Decodable {
    let id: Int
    let title: String
    let isPublic: Bool
}
