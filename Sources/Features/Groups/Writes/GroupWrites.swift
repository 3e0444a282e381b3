import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What a person fills in to create or edit a group; the same for the HTML form and the API.
package struct GroupInput: Sendable, Decodable {
    package var name = ""
    package var slug = ""
    package var kind = ""
    package var description = ""
    package var placeKind = ""
    package var city = ""
    package var placeName = ""
    package var visibility = ""
    package var joinPolicy = ""
    package var membersVisibleToMembers = false
    package var basis = ""

    package init() {}

    package init(form: FormData) {
        name = form["name"]
        slug = form["slug"]
        kind = form["kind"]
        description = form["description"]
        placeKind = form["place_kind"]
        city = form["city"]
        placeName = form["place_name"]
        visibility = form["visibility"]
        joinPolicy = form["join_policy"]
        membersVisibleToMembers = form.checked("members_visible_to_members")
        basis = form.raw("basis")
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        func text(_ key: Keys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        name = try text(.name)
        slug = try text(.slug)
        kind = try text(.kind)
        description = try text(.description)
        placeKind = try text(.placeKind)
        city = try text(.city)
        placeName = try text(.placeName)
        visibility = try text(.visibility)
        joinPolicy = try text(.joinPolicy)
        membersVisibleToMembers = try container.decodeIfPresent(Bool.self, forKey: .membersVisibleToMembers) ?? false
        basis = try text(.basis)
    }

    enum Keys: String, CodingKey {
        case name, slug, kind, description, placeKind, city, placeName, visibility, joinPolicy
        case membersVisibleToMembers, basis
    }
}

/// Checked values ready to store.
struct ValidGroup {
    let name: String
    let kind: GroupKind
    let description: String
    let placeKind: PlaceKind
    let city: String
    let placeName: String
    let visibility: Visibility
    let joinPolicy: JoinPolicy
    let membersVisible: Bool
    let basis: String
}

/// Creating and editing groups; every change of the basis of unity becomes a new kept version.
package struct GroupWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Creates the group with its creator as the first organizer and returns its address (slug); refused input
    /// is `AppError.validation`.
    package func create(_ input: GroupInput, by person: CurrentPerson) async throws -> String {
        var errors: [String: String] = [:]
        let valid = validate(input, errors: &errors, creating: true)
        let city = try await GroupCities(sql: services.store.sql).place(input.city, keeping: nil, &errors)
        let slug = (input.slug.isEmpty ? Slug.make(from: input.name) : input.slug.lowercased())
        if errors["name"] == nil {
            if !Slug.isValid(slug) {
                errors["slug"] = "Use 3 to 60 lowercase letters, digits and dashes, not starting or ending with a dash."
            } else if Slug.reserved.contains(slug) {
                errors["slug"] = "This address is reserved; please choose another."
            }
        }
        guard errors.isEmpty, let valid else { throw AppError.validation(errors) }
        if try await GroupQueries(services: services).group(slug: slug) != nil {
            throw AppError.validation(["slug": "The address /groups/\(slug) is taken; please choose another."])
        }
        let now = services.clock()
        do {
            try await services.store.transaction { tx in
                let id = try await tx.insertReturningID(
                    into: "groups",
                    [
                        "slug": slug, "name": valid.name, "kind": valid.kind.rawValue, "description": valid.description,
                        "place_kind": valid.placeKind.rawValue, "city": city.name, "city_key": city.name.lowercased(),
                        "city_id": city.id,
                        "place_name": valid.placeName, "visibility": valid.visibility.rawValue,
                        "join_policy": valid.joinPolicy.rawValue, "members_visible": valid.membersVisible,
                        "basis": valid.basis, "basis_version": 1, "created_at": now,
                    ]
                )
                _ = try await tx.insertReturningID(
                    into: "basis_versions",
                    ["group_id": id, "version": 1, "text": valid.basis, "author_id": person.id, "created_at": now]
                )
                _ = try await tx.insertReturningID(
                    into: "memberships",
                    [
                        "group_id": id, "person_id": person.id, "role": Role.organizer.rawValue,
                        "status": MembershipStatus.active.rawValue, "created_at": now,
                    ]
                )
            }
        } catch  where error.isConstraintFailure {
            throw AppError.validation(["slug": "The address /groups/\(slug) was just taken; please choose another."])
        }
        return slug
    }

    /// Edits a group's details; the kind and address stay as created. Organizers only.
    package func edit(
        _ group: Group,
        _ input: GroupInput,
        by person: CurrentPerson,
        standing: Standing
    ) async throws {
        guard GroupRules.canManage(standing) else { throw AppError.forbidden("Only organizers can edit the group.") }
        var errors: [String: String] = [:]
        var input = input
        input.kind = group.kind.rawValue
        let valid = validate(input, errors: &errors, creating: false)
        let city = try await GroupCities(sql: services.store.sql).place(input.city, keeping: group.city, &errors)
        guard let valid, errors.isEmpty else { throw AppError.validation(errors) }
        let basisChanged = valid.basis != group.basis
        let version = basisChanged ? group.basisVersion + 1 : group.basisVersion
        let now = services.clock()
        try await services.store.transaction { tx in
            try await tx.update("groups")
                .set("name", to: valid.name).set("description", to: valid.description)
                .set("place_kind", to: valid.placeKind.rawValue).set("city", to: city.name)
                .set("city_key", to: city.name.lowercased()).set("city_id", to: city.id)
                .set("place_name", to: valid.placeName)
                .set("visibility", to: valid.visibility.rawValue).set("join_policy", to: valid.joinPolicy.rawValue)
                .set("members_visible", to: valid.membersVisible).set("basis", to: valid.basis)
                .set("basis_version", to: version)
                .where("id", .equal, group.id).run()
            if basisChanged {
                _ = try await tx.insertReturningID(
                    into: "basis_versions",
                    [
                        "group_id": group.id, "version": version, "text": valid.basis, "author_id": person.id,
                        "created_at": now,
                    ]
                )
            }
        }
    }

    private func validate(_ input: GroupInput, errors: inout [String: String], creating: Bool) -> ValidGroup? {
        let name = input.name.trimmingWhitespace()
        if name.count < 2 || name.count > 100 { errors["name"] = "Give the group a name of 2 to 100 characters." }
        let kind = GroupKind(rawValue: input.kind)
        if kind == nil { errors["kind"] = "Choose circle, center or coalition." }
        if input.description.count > 2000 { errors["description"] = "Keep the description under 2,000 characters." }
        let placeKind = PlaceKind(rawValue: input.placeKind.isEmpty ? "city" : input.placeKind)
        if placeKind == nil { errors["place_kind"] = "Choose city, workplace, school or online." }
        let city = input.city.trimmingWhitespace()
        if city.count > 80 { errors["city"] = "Keep the city under 80 characters." }
        if placeKind != .online && city.isEmpty {
            errors["city"] = "Say which city the group is in (or choose online)."
        }
        if input.placeName.count > 120 { errors["place_name"] = "Keep the place under 120 characters." }
        let visibility = Visibility(rawValue: input.visibility.isEmpty ? "public" : input.visibility)
        if visibility == nil { errors["visibility"] = "Choose public or private." }
        let joinPolicy = JoinPolicy(rawValue: input.joinPolicy.isEmpty ? "approval" : input.joinPolicy)
        if joinPolicy == nil { errors["join_policy"] = "Choose open, approval or invitation only." }
        if input.basis.count > 50_000 { errors["basis"] = "Keep the basis of unity under 50,000 characters." }
        guard let kind, let placeKind, let visibility, let joinPolicy else { return nil }
        return ValidGroup(
            name: name,
            kind: kind,
            description: input.description.trimmingWhitespace(),
            placeKind: placeKind,
            city: city,
            placeName: input.placeName.trimmingWhitespace(),
            visibility: visibility,
            joinPolicy: joinPolicy,
            membersVisible: input.membersVisibleToMembers,
            basis: input.basis.replacingOccurrences(of: "\r\n", with: "\n")
        )
    }
}
