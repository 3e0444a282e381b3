import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// A group in detail: its summary plus the basis of unity, and `memberCount` only for viewers who may see
/// the member list (left out, not null, for everyone else).
struct GroupBody: Encodable, Sendable {
    let summary: GroupSummary
    let basis: String
    let basisVersion: Int
    let createdAt: Date
    let memberCount: Int?

    init(_ group: Group, memberCount: Int?) {
        summary = GroupSummary(group)
        basis = group.basis
        basisVersion = group.basisVersion
        createdAt = group.createdAt
        self.memberCount = memberCount
    }

    enum CodingKeys: String, CodingKey { case basis, basisVersion, createdAt, memberCount }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(basis, forKey: .basis)
        try container.encode(basisVersion, forKey: .basisVersion)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(memberCount, forKey: .memberCount)
    }
}

struct MembershipBody: Encodable, Sendable {
    let group: GroupSummary
    let role: Role
    let status: MembershipStatus
    /// Always sent, as `null` when there is no pledge, as the API document promises.
    @Nullable private(set) var pledgeHours: Double?
}

struct AffiliationsBody: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let id: Int
        let group: GroupSummary
        let status: String
        /// The slug of the group that asked.
        let requestedBy: String
    }

    let follows: [GroupSummary]
    let followers: [GroupSummary]
    let affiliations: [Item]
}

struct PostInput: Decodable, Sendable {
    let title: String?
    let body: String?
}

/// The JSON API for groups, posts, affiliations, memberships and the feed.
struct GroupsAPI {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var posts: Posts { Posts(services: services) }

    func register(on router: Router<AppContext>) {
        router.get("/api/v1/groups") { request, _ in
            let filter = try GroupRoutes.filter(request)
            let page = try await queries.directory(
                filter,
                page: PageRequest(request.uri.queryParameters["page"].map(String.init))
            )
            return try Reply.json(
                ListBody(page.map(GroupSummary.init), total: try await queries.directoryCount(filter))
            )
        }
        router.post("/api/v1/groups") { request, context in
            let person = try context.requirePerson()
            let input = try await decodeJSON(GroupInput.self, request, context)
            let slug: String
            do {
                slug = try await GroupWrites(services: services).create(input, by: person)
            } catch AppError.validation(let errors) {
                throw AppError.validation(apiFieldNames(errors))
            }
            guard let group = try await queries.group(slug: slug) else { throw AppError.notFound }
            return try Reply.json(GroupBody(group, memberCount: 1), status: .created)
        }
        router.get("/api/v1/groups/:slug") { _, context in
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            var count: Int? = nil
            if GroupRules.canSeeMembers(group, standing) {
                count = try await services.store.sql.count(
                    { $0.where("group_id", .equal, group.id).where("status", .equal, "active") },
                    from: "memberships"
                )
            }
            return try Reply.json(GroupBody(group, memberCount: count))
        }
        router.get("/api/v1/groups/:slug/posts") { request, context in
            let (group, _) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init))
            return try Reply.json(ListBody(try await posts.list(in: group, page: page)))
        }
        router.post("/api/v1/groups/:slug/posts") { request, context in
            let person = try context.requirePerson()
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: person
            )
            let input = try await decodeJSON(PostInput.self, request, context)
            let id = try await posts.create(
                in: group,
                standing: standing,
                person: person,
                title: input.title ?? "",
                body: input.body ?? ""
            )
            guard let post = try await posts.find(id: id, in: group) else { throw AppError.notFound }
            return try Reply.json(post, status: .created)
        }
        router.get("/api/v1/groups/:slug/affiliations") { _, context in
            let linked = try await queries.linkedGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            let (group, standing, all) = (linked.group, linked.standing, linked.links)
            let (follows, followers) = (all.follows, all.followers)
            var links = all.affiliations
            // Pending requests are the organizers' business; everyone sees accepted affiliations.
            if !GroupRules.canManage(standing) { links = links.filter(\.accepted) }
            return try Reply.json(
                AffiliationsBody(
                    follows: follows.map(GroupSummary.init),
                    followers: followers.map(GroupSummary.init),
                    affiliations: links.map {
                        .init(
                            id: $0.id,
                            group: GroupSummary($0.partner),
                            status: $0.accepted ? "accepted" : "pending",
                            requestedBy: $0.requestedByThisGroup ? group.slug : $0.partner.slug
                        )
                    }
                )
            )
        }
        router.get("/api/v1/feed") { request, context in
            let person = try context.requirePerson()
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init))
            return try Reply.json(ListBody(try await posts.feed(for: person, page: page)))
        }
        router.get("/api/v1/me/memberships") { request, context in
            let person = try context.requirePerson()
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init), size: 100)
            let rows = try await services.store.sql.raw(
                """
                SELECT m.role, m.status, m.pledge_hours, \(unsafeRaw: Group.prefixedColumnList)
                FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.person_id = \(bind: person.id)
                ORDER BY g.name LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
                """
            ).all()
            let items = try rows.map { row in
                let membership = try row.decode(MembershipColumns.self)
                return MembershipBody(
                    group: GroupSummary(try Group(row: row)),
                    role: membership.role,
                    status: membership.status,
                    pledgeHours: membership.pledgeHours
                )
            }
            return try Reply.json(ListBody(Page(probed: items, request: page)))
        }
    }
}

/// The form's snake_case field names as the API's camelCase ones.
func apiFieldNames(_ errors: [String: String]) -> [String: String] {
    let names = ["place_kind": "placeKind", "place_name": "placeName", "join_policy": "joinPolicy"]
    return Dictionary(uniqueKeysWithValues: errors.map { (names[$0.key] ?? $0.key, $0.value) })
}

/// The membership's own columns beside the group's in `/api/v1/me/memberships`.
private struct MembershipColumns: Decodable {
    let role: Role
    let status: MembershipStatus
    let pledgeHours: Double?
}
