import FreshgroundWeb
import Groups

/// Who may see and do what with a group's work, in one place: every page, API answer and write asks here.
/// A person's pledges, load and history are theirs alone; an organizer assigning work learns only whether it
/// would take someone over what they pledged. Scoped roles (a shift's lead, an organizer of the event a piece of
/// work serves) see that work's sign-ups and counts, never the group's member list.
package enum VolunteerRules {
    /// The group's tasks, shifts and roles: its active members.
    package static func canSeeWork(_ standing: Standing) -> Bool { standing.isActiveMember }

    /// Posting work, offering it, suggestions, rotation, handovers, mentoring, check-ins, figures, import and
    /// export: the group's organizers.
    package static func canManage(_ standing: Standing) -> Bool { GroupRules.canManage(standing) }

    /// Who signed up for one piece of work: the group's organizers, the shift's lead, and organizers of the event
    /// the work serves (`eventOrganizer`).
    package static func canSeeSignUps(_ work: Work, _ standing: Standing, eventOrganizer: Bool) -> Bool {
        canManage(standing) || eventOrganizer || (standing.personID != nil && work.leadID == standing.personID)
    }

    /// Signing up oneself: an active member, for open tasks and shifts (roles are offered).
    package static func canSignUp(_ work: Work, _ standing: Standing) -> Bool {
        standing.isActiveMember && work.status == .open && work.kind != .role
    }

    /// A person's own load, pledges, history, pause, skills and the log of who read about them: only they.
    package static func canSeeLoad(of person: Int, viewer: CurrentPerson?) -> Bool { viewer?.id == person }
}

/// The group in a page's path, for its organizers; "not found" for anyone else, as if it did not exist.
struct ManagedGroup {
    static func of(_ context: AppContext, _ person: CurrentPerson, _ services: AppServices) async throws -> Group {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(
            slug: try context.parameters.require("slug"),
            viewer: person
        )
        guard VolunteerRules.canManage(standing) else { throw AppError.notFound }
        return group
    }
}
