import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// A group as listed in the directory and the API.
package struct GroupSummary: Sendable, Encodable {
    package let slug: String
    package let name: String
    package let kind: GroupKind
    package let city: String
    package let placeKind: PlaceKind
    package let placeName: String
    package let visibility: Visibility
    package let joinPolicy: JoinPolicy
    package let description: String

    init(_ group: Group) {
        slug = group.slug
        name = group.name
        kind = group.kind
        city = group.city
        placeKind = group.placeKind
        placeName = group.placeName
        visibility = group.visibility
        joinPolicy = group.joinPolicy
        description = group.description
    }

    private enum CodingKeys: String, CodingKey {
        case slug, name, kind, city, placeKind, placeName, visibility, joinPolicy, description
    }

    /// The same JSON as the synthesized encoding, with each enum written as its stored name directly: through
    /// the enums' own encoding every one took a nested encoder of its own, four per group in every list.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(name, forKey: .name)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(city, forKey: .city)
        try container.encode(placeKind.rawValue, forKey: .placeKind)
        try container.encode(placeName, forKey: .placeName)
        try container.encode(visibility.rawValue, forKey: .visibility)
        try container.encode(joinPolicy.rawValue, forKey: .joinPolicy)
        try container.encode(description, forKey: .description)
    }
}

/// The directory's filters, as read from a query string.
package struct DirectoryFilter: Sendable, Equatable {
    package var kind: GroupKind?
    package var city: String
    package var query: String

    package init(kind: GroupKind? = nil, city: String = "", query: String = "") {
        self.kind = kind
        self.city = city
        self.query = query
    }

    /// The query string that reproduces this filter (for pagination links).
    package var queryString: String {
        var parts: [String] = []
        func add(_ key: String, _ value: String) {
            guard !value.isEmpty else { return }
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            parts.append("\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")")
        }
        add("kind", kind?.rawValue ?? "")
        add("city", city)
        add("q", query)
        return parts.joined(separator: "&")
    }
}

/// Reads about groups, through SQLKit rows decoded into plain structs.
package struct GroupQueries: Sendable {
    let sql: any SQLDatabase
    private let shared: PublicResults

    package init(services: AppServices) {
        self.sql = services.store.sql
        self.shared = services.publicResults
    }

    package func group(slug: String) async throws -> Group? {
        try await sql.select().column(Group.columnList).from("groups").where("slug", .equal, slug.lowercased())
            .row(Group.self)
    }

    package func group(id: Int) async throws -> Group? {
        try await sql.select().column(Group.columnList).from("groups").where("id", .equal, id).row(Group.self)
    }

    /// The group if this viewer may see it; otherwise "not found", whether it exists or not.
    /// One query: the group and, for a signed-in viewer, their membership in it.
    package func visibleGroup(slug: String, viewer: CurrentPerson?) async throws -> (Group, Standing) {
        guard let viewer else {
            guard let group = try await group(slug: slug), GroupRules.canSee(group, .outsider) else {
                throw AppError.notFound
            }
            return (group, .outsider)
        }
        guard
            let row = try await sql.raw(
                """
                SELECT \(unsafeRaw: Group.prefixedColumnList), \(GroupAccess.standingColumns)
                FROM groups g \(GroupAccess.standingJoin("g.id", viewer: viewer))
                WHERE g.slug = \(bind: slug.lowercased())
                """
            ).first()
        else { throw AppError.notFound }
        let group = try Group(row: row)
        let standing = try GroupAccess.standing(row: row, viewer: viewer)
        guard GroupRules.canSee(group, standing) else { throw AppError.notFound }
        return (group, standing)
    }

    package func standing(of person: CurrentPerson?, in groupID: Int) async throws -> Standing {
        guard let person else { return .outsider }
        let membership = try await sql.select().columns("role", "status").from("memberships")
            .where("group_id", .equal, groupID).where("person_id", .equal, person.id).row(MembershipRow.self)
        return Standing(personID: person.id, role: membership?.role, status: membership?.status)
    }

    /// Public groups matching the filter, by name.
    package func directory(_ filter: DirectoryFilter, page: PageRequest) async throws -> Page<Group> {
        let rows = try await directoryQuery(filter, sql.select().column(Group.columnList))
            .orderBy("name").orderBy("id").limit(page.probeLimit).offset(page.offset).rows(Group.self)
        return Page(probed: rows, request: page)
    }

    /// How many public groups match the filter. Counting reads an index entry for each of them (with 100,000
    /// groups the groups API fell from 1,630 to 360 requests/s), and the answer is the same for everyone, so it
    /// is shared like search results: counted once per filter until the next write or a few seconds pass.
    package func directoryCount(_ filter: DirectoryFilter) async throws -> Int {
        try await shared.value("directory-count\u{1}\(filter)") {
            try await directoryQuery(filter, sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
                .value("n", as: Int.self) ?? 0
        }
    }

    private func directoryQuery(_ filter: DirectoryFilter, _ query: SQLSelectBuilder) -> SQLSelectBuilder {
        var query = query.from("groups").where("visibility", .equal, Visibility.public.rawValue)
        if let kind = filter.kind { query = query.where("kind", .equal, kind.rawValue) }
        if !filter.city.isEmpty {
            // The first letters of a city's name: "Ber" finds Berlin's groups.
            let prefix = String(likePattern(containing: filter.city).dropFirst())
            query = query.where(SQLQueryString("city_key LIKE \(bind: prefix) ESCAPE '\\'"))
        }
        if !filter.query.isEmpty {
            query = query.where(
                SQLQueryString("LOWER(name) LIKE \(bind: likePattern(containing: filter.query)) ESCAPE '\\'")
            )
        }
        return query
    }

    /// Groups the person organizes, for "follow with…" choices.
    package func organizedGroups(of person: CurrentPerson) async throws -> [Group] {
        try await sql.raw(
            """
            SELECT \(unsafeRaw: Group.prefixedColumnList) FROM groups g JOIN memberships m ON m.group_id = g.id \
            WHERE m.person_id = \(bind: person.id) AND m.status = \(bind: MembershipStatus.active.rawValue) \
            AND m.role = \(bind: Role.organizer.rawValue) ORDER BY g.name
            """
        ).rows(Group.self)
    }
}

/// A person's membership of a group.
private struct MembershipRow: Decodable {
    let role: Role
    let status: MembershipStatus
}

/// One saved version of a group's basis of unity.
struct BasisVersion: Sendable {
    /// Who saved a version, as far as the viewer may know.
    enum Editor: Sendable {
        /// Named to those who may see the group's member list.
        case named(String)
        /// For everyone else: who edits the basis would tell who organizes the group.
        case anOrganizer
        /// The account is gone.
        case unknown
    }

    let version: Int
    let text: String
    let editor: Editor
    let createdAt: Date
}

extension GroupQueries {
    /// Every version of `group`'s basis, newest first. Who edited it says who organizes the group, so the editors'
    /// names are read only when `namingEditors` (the viewer may see the member list).
    func basisHistory(of group: Group, namingEditors: Bool) async throws -> [BasisVersion] {
        guard namingEditors else {
            return try await sql.raw(
                """
                SELECT v.version, v.text, v.created_at FROM basis_versions v WHERE v.group_id = \(bind: group.id)
                ORDER BY v.version DESC
                """
            ).rows(VersionRow.self).map {
                BasisVersion(version: $0.version, text: $0.text, editor: .anOrganizer, createdAt: $0.createdAt)
            }
        }
        return try await sql.raw(
            """
            SELECT v.version, v.text, v.created_at, p.display_name, p.handle FROM basis_versions v
            LEFT JOIN people p ON p.id = v.author_id WHERE v.group_id = \(bind: group.id)
            ORDER BY v.version DESC
            """
        ).rows(NamedVersionRow.self).map { row in
            let name = row.displayName?.isEmpty == false ? row.displayName : row.handle
            return BasisVersion(
                version: row.version,
                text: row.text,
                editor: name.map { .named($0) } ?? .unknown,
                createdAt: row.createdAt
            )
        }
    }
}

private struct VersionRow: Decodable {
    let version: Int
    let text: String
    let createdAt: Date
}

private struct NamedVersionRow: Decodable {
    let version: Int
    let text: String
    let createdAt: Date
    let displayName: String?
    let handle: String?
}
