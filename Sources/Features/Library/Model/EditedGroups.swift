import FreshgroundWeb
import Groups
import SQLKit

/// Groups a person may speak or publish for (organizer or editor, active), by name; with `followableOnly`,
/// only centers and coalitions (the groups that keep a selection for the journal).
func groupsEdited(by person: CurrentPerson, followableOnly: Bool, in sql: any SQLDatabase) async throws -> [GroupRef] {
    try await GroupAccess(sql).groups(
        actingFor: person,
        roles: Role.publishing,
        kinds: followableOnly ? [.center, .coalition] : nil
    )
}

/// The group named by `slug` when the person may act for it (as organizer or editor): its id, nil for an empty
/// slug, and otherwise nil with `refusal(group name)` in `errors["group"]`.
func groupActedFor(
    slug: String,
    by person: CurrentPerson,
    services: AppServices,
    refusal: (String) -> String,
    errors: inout [String: String]
) async throws -> Int? {
    guard !slug.isEmpty else { return nil }
    let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
    guard standing.canPost else {
        errors["group"] = refusal(group.name)
        return nil
    }
    return group.id
}
