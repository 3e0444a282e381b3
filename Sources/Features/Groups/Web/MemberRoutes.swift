import FreshgroundWeb
import Hummingbird

/// Joining, leaving, pledging, the member list, organizers' decisions, and invitation links.
struct MemberRoutes {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var writes: MembershipWrites { MembershipWrites(services: services) }
    var invitations: Invitations { Invitations(services: services) }

    func register(on router: Router<AppContext>) {
        router.post(GroupPaths.join) { _, context in
            let (person, group, standing) = try await signedIn(context)
            return try await backToGroup(group) {
                switch try await writes.join(group, standing: standing, person: person) {
                case .joined: "Welcome to \(group.name)!"
                case .requested: "Your request to join is sent to the organizers."
                }
            }
        }
        router.get(GroupPaths.leave) { _, context in
            let (_, group, standing) = try await signedIn(context)
            guard standing.isActiveMember || standing.isPending else {
                return Reply.redirect(GroupPaths.group(group.slug))
            }
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Leave \(group.name)?",
                    explanation: "Your membership, role and pledge go. To come back you join again"
                        + (group.joinPolicy == .open ? "." : ", and an organizer lets you in."),
                    action: GroupPaths.leave(group.slug),
                    button: "Leave \(group.name)",
                    back: GroupPaths.group(group.slug)
                )
            )
        }
        router.post(GroupPaths.leave) { _, context in
            let (person, group, standing) = try await signedIn(context)
            return try await backToGroup(group) {
                try await writes.leave(group, standing: standing, person: person)
                return "You left \(group.name)."
            }
        }
        router.post(GroupPaths.pledge) { request, context in
            let (person, group, standing) = try await signedIn(context)
            let clear = context.form["clear"] == "1"
            return try await FormFlow.submit(
                context,
                redirectTo: GroupPaths.group(group.slug),
                flash: clear
                    ? "Your pledge is cleared." : "Your pledge is saved. Only you and the organizers can see it.",
                page: { fields in try await GroupRoutes(services: services).groupPage(request, context, pledge: fields)
                }
            ) {
                try await writes.pledge(
                    group,
                    standing: standing,
                    person: person,
                    hours: context.form["hours"],
                    clear: clear
                )
            }
        }
        router.get(GroupPaths.members) { request, context in
            // Anonymous visitors get the same "not found" as non-members: nothing here confirms the list exists.
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            guard GroupRules.canSeeMembers(group, standing) else { throw AppError.notFound }
            var parameters: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
            let listing = MemberListing(parameters, manage: GroupRules.canManage(standing))
            return Reply.html(try await membersPage(context, group: group, standing: standing, listing: listing))
        }
        router.get(GroupPaths.memberAction) { _, context in
            // Only removing asks first; the other actions are buttons that post at once.
            let (_, group, standing) = try await signedIn(context)
            guard GroupRules.canManage(standing), context.parameters.get("action") == "remove",
                let target = context.parameters.get("person", as: Int.self),
                let row = try await writes.members(of: group).first(where: { $0.personID == target })
            else { throw AppError.notFound }
            let name = row.displayName.isEmpty ? row.handle : row.displayName
            return Reply.html(
                ConfirmPage.page(
                    context,
                    title: "Remove \(name) from \(group.name)?",
                    explanation: "Their membership, role and pledge go. They can ask to join again.",
                    action: GroupPaths.memberAction(group.slug, target, "remove"),
                    button: "Remove \(name)",
                    back: GroupPaths.members(group.slug)
                )
            )
        }
        router.post(GroupPaths.memberAction) { _, context in
            let (_, group, standing) = try await signedIn(context)
            guard GroupRules.canManage(standing), let target = context.parameters.get("person", as: Int.self) else {
                throw AppError.notFound
            }
            let back = GroupPaths.members(group.slug)
            do {
                switch context.parameters.get("action") {
                case "approve": try await writes.approve(group, standing: standing, personID: target)
                case "remove": try await writes.remove(group, standing: standing, personID: target)
                case "role":
                    try await writes.setRole(group, standing: standing, personID: target, role: context.form["role"])
                default: throw AppError.notFound
                }
            } catch AppError.conflict(let message) {
                return Reply.redirect(back, flash: message)
            }
            return Reply.redirect(back, flash: "Saved.")
        }
        router.post(GroupPaths.invites) { _, context in
            let (person, group, standing) = try await signedIn(context)
            return try await FormFlow.submit(
                context,
                page: { fields in try await membersPage(context, group: group, standing: standing, inviteFields: fields)
                }
            ) {
                let made = try await invitations.create(
                    group,
                    standing: standing,
                    person: person,
                    days: context.form["expires_in"],
                    maxUses: context.form["max_uses"]
                )
                // The secret goes to the organizer once, in the flash cookie of this redirect; only its digest is
                // stored, and a reload of the members page makes nothing.
                let link = services.site.url + GroupPaths.invite(made.token)
                return Reply.redirect(
                    GroupPaths.members(group.slug),
                    flash: MemberPages.inviteCreated(link: link, days: made.days, maxUses: made.maxUses)
                )
            }
        }
        router.post(GroupPaths.revokeInvite) { _, context in
            let (_, group, standing) = try await signedIn(context)
            guard let id = context.parameters.get("id", as: Int.self) else { throw AppError.notFound }
            try await invitations.revoke(group, standing: standing, inviteID: id)
            return Reply.redirect(
                GroupPaths.members(group.slug),
                flash: "The invitation link is revoked; it no longer works."
            )
        }
        router.get(GroupPaths.invite) { _, context in
            let token = try context.parameters.require("token")
            guard let group = try await invitations.invitedGroup(token: token) else {
                return Reply.html(MemberPages.deadInvite(context), status: .notFound)
            }
            return Reply.html(MemberPages.invite(context, group: group, token: token))
        }
        router.post(GroupPaths.invite) { _, context in
            let person = try context.requirePerson()
            do {
                let (group, joined) = try await invitations.accept(
                    token: try context.parameters.require("token"),
                    person: person
                )
                let flash = joined ? "Welcome to \(group.name)!" : "You are already a member of \(group.name)."
                return Reply.redirect(GroupPaths.group(group.slug), flash: flash)
            } catch AppError.notFound {
                return Reply.html(MemberPages.deadInvite(context), status: .notFound)
            }
        }
    }

    /// The members page, with the organizers' invitation form (as typed, when refused) and live links.
    func membersPage(
        _ context: AppContext,
        group: Group,
        standing: Standing,
        inviteFields: FieldSet = FieldSet(),
        listing: MemberListing = MemberListing()
    ) async throws -> HTML {
        let manage = GroupRules.canManage(standing)
        let rows = try await writes.members(of: group)
        if manage, let viewer = standing.personID {
            // The organizers' list shows each member's pledge: a read each of them sees on their access page.
            try await AccessLog.record(
                rows.filter { $0.pledgeHours != nil }.map(\.personID),
                .pledge,
                viewer: viewer,
                group: group.id,
                at: services.clock(),
                on: services.store.sql
            )
        }
        return MemberPages.members(
            context,
            group: group,
            rows: rows,
            manage: manage,
            invites: manage ? try await invitations.live(of: group, standing: standing) : [],
            inviteFields: inviteFields,
            listing: listing
        )
    }

    /// The signed-in person and the group in the URL as they may see it.
    func signedIn(_ context: AppContext) async throws -> (CurrentPerson, Group, Standing) {
        let person = try context.requirePerson()
        let (group, standing) = try await queries.visibleGroup(
            slug: try context.parameters.require("slug"),
            viewer: person
        )
        return (person, group, standing)
    }
}

/// Runs a button's action and goes back to the group page with its message; refusals a person can act on
/// (already a member, last organizer, invitation only) come back as the message instead of an error page.
func backToGroup(_ group: Group, _ action: () async throws -> String) async throws -> Response {
    let back = GroupPaths.group(group.slug)
    do {
        return Reply.redirect(back, flash: try await action())
    } catch AppError.conflict(let message), AppError.forbidden(let message) {
        return Reply.redirect(back, flash: message)
    } catch AppError.validation(let errors) {
        return Reply.redirect(back, flash: errors.values.sorted().joined(separator: " "))
    }
}
