import Foundation
import FreshgroundStore
import SQLKit

package enum GroupKind: String, Sendable, CaseIterable, Codable {
    case circle, center, coalition

    package var label: String { rawValue.capitalized }

    /// Only centers and coalitions can be followed or affiliated with.
    package var canBeFollowed: Bool { self != .circle }
}

package enum PlaceKind: String, Sendable, CaseIterable, Codable {
    case city, workplace, school, online
}

package enum Visibility: String, Sendable, CaseIterable, Codable {
    case `public`, `private`
}

package enum JoinPolicy: String, Sendable, CaseIterable, Codable {
    /// Anyone signed in joins at once.
    case open
    /// Joining waits for an organizer.
    case approval
    /// Only through an invitation link.
    case invite
}

package enum Role: String, Sendable, CaseIterable, Codable {
    case member, editor, organizer
}

package enum MembershipStatus: String, Sendable, Codable {
    case active, pending
}

/// A group as stored.
package struct Group: Sendable, RowReadable {
    package let id: Int
    package let slug: String
    package let name: String
    package let kind: GroupKind
    package let description: String
    package let placeKind: PlaceKind
    package let city: String
    package let placeName: String
    package let visibility: Visibility
    package let joinPolicy: JoinPolicy
    package let membersVisible: Bool
    package let basis: String
    package let basisVersion: Int
    package let createdAt: Date
    /// For a copy of a group on another server, its actor id there; nil for this server's groups.
    package let origin: String?

    static let columns = [
        "id", "slug", "name", "kind", "description", "place_kind", "city", "place_name", "visibility", "join_policy",
        "members_visible", "basis", "basis_version", "created_at", "origin",
    ]

    /// `columns` as one piece of SQL, plain and with the table alias `g`: SQLKit quotes each identifier it is
    /// given through a generic string replacement, which cost more than the reads themselves on the hottest pages.
    static let columnList = SQLRaw(columns.joined(separator: ", "))
    static let prefixedColumnList = columns.map { "g.\($0)" }.joined(separator: ", ")

    /// The server a remote group lives on; nil for this server's groups.
    package var originHost: String? {
        guard let url = origin.flatMap({ URL(string: $0) }), let host = url.host?.lowercased() else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// Reads a row with the columns above; an unknown kind, place, visibility or policy is an error.
    package init(row: any SQLRow) throws {
        id = try row.integer("id")
        slug = try row.text("slug")
        name = try row.text("name")
        kind = try row.value("kind", as: GroupKind.self)
        description = try row.text("description")
        placeKind = try row.value("place_kind", as: PlaceKind.self)
        city = try row.text("city")
        placeName = try row.text("place_name")
        visibility = try row.value("visibility", as: Visibility.self)
        joinPolicy = try row.value("join_policy", as: JoinPolicy.self)
        membersVisible = try row.bool("members_visible")
        basis = try row.text("basis")
        basisVersion = try row.integer("basis_version")
        createdAt = try row.date("created_at")
        origin = try row.optionalText("origin")
    }

    /// Where the group meets, in words.
    package var placeLine: String {
        let place = placeName.isEmpty ? placeKind.rawValue.capitalized : placeName
        switch placeKind {
        case .online: return placeName.isEmpty ? "Online" : "Online · \(placeName)"
        case .city: return city.isEmpty ? place : city
        case .workplace, .school: return city.isEmpty ? place : "\(place), \(city)"
        }
    }
}

/// The viewer's relation to one group, which every permission rule reads.
package struct Standing: Sendable, Equatable {
    package let personID: Int?
    package let role: Role?
    package let status: MembershipStatus?

    package init(personID: Int?, role: Role?, status: MembershipStatus?) {
        self.personID = personID
        self.role = role
        self.status = status
    }

    package static let outsider = Standing(personID: nil, role: nil, status: nil)

    package var isActiveMember: Bool { status == .active }
    package var isOrganizer: Bool { isActiveMember && role == .organizer }
    package var canPost: Bool { isActiveMember && (role == .organizer || role == .editor) }
    package var isPending: Bool { status == .pending }
}

/// The rules of who may see and do what in a group. Site admins get no special rights here: member lists
/// and private groups stay with their groups. An affiliation or follow never appears in these rules, so
/// it can never grant a right over the other group.
package enum GroupRules {
    /// Private groups exist only for their members; everyone else is told "not found".
    package static func canSee(_ group: Group, _ standing: Standing) -> Bool {
        group.visibility == .public || standing.isActiveMember
    }

    /// Member lists, roles and pledges: organizers, and members too when the group chose so.
    package static func canSeeMembers(_ group: Group, _ standing: Standing) -> Bool {
        standing.isOrganizer || (group.membersVisible && standing.isActiveMember)
    }

    package static func canManage(_ standing: Standing) -> Bool { standing.isOrganizer }

    package static func canPost(_ standing: Standing) -> Bool { standing.canPost }

    /// A group post may be changed or deleted by its author while they may post for the group, and by the
    /// group's organizers.
    package static func canEditPost(_ standing: Standing, authorID: Int?) -> Bool {
        standing.isOrganizer || (standing.canPost && authorID != nil && standing.personID == authorID)
    }
}
