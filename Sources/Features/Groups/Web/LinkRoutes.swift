import FreshgroundWeb
import Hummingbird

/// Follows and affiliations between groups, and a person following a group in their own feed.
struct LinkRoutes {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var writes: AffiliationWrites { AffiliationWrites(services: services) }

    func register(on router: Router<AppContext>) {
        router.post(GroupPaths.follow) { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: person
            )
            return try await backToGroup(group) {
                try await PersonFollows(services: services).follow(group, standing: standing, person: person)
                return "You follow \(group.name): its posts come to your feed. Nobody else sees whom you follow."
            }
        }
        router.post(GroupPaths.unfollow) { _, context in
            let person = try context.requirePerson()
            let (group, _) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: person
            )
            try await PersonFollows(services: services).unfollow(group, person: person)
            return Reply.redirect(GroupPaths.group(group.slug), flash: "You no longer follow \(group.name).")
        }
        router.post(GroupPaths.followers) { _, context in
            let (person, target) = try await viewed(context)
            return try await backToGroup(target) {
                let follower = try await writes.follow(target: target, withSlug: context.form["group"], person: person)
                return "\(follower.name) now follows \(target.name). Its posts reach \(follower.name)'s members."
            }
        }
        router.post(GroupPaths.removeFollower) { _, context in
            let (person, target) = try await viewed(context)
            try await writes.unfollow(
                target: target,
                followerSlug: try context.parameters.require("follower"),
                person: person
            )
            return Reply.redirect(GroupPaths.group(target.slug), flash: "The follow has ended.")
        }
        router.post(GroupPaths.affiliations) { _, context in
            let (person, target) = try await viewed(context)
            return try await backToGroup(target) {
                let group = try await writes.requestAffiliation(
                    with: target,
                    fromSlug: context.form["group"],
                    person: person
                )
                return "\(group.name) asked to be listed as affiliated with \(target.name). Its organizers will decide."
            }
        }
        router.post(GroupPaths.affiliationAction) { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: person
            )
            guard let id = context.parameters.get("id", as: Int.self) else { throw AppError.notFound }
            switch context.parameters.get("action") {
            case "accept":
                try await writes.accept(affiliationID: id, group: group, standing: standing)
                return Reply.redirect(
                    GroupPaths.group(group.slug),
                    flash: "The affiliation is accepted and listed on both pages."
                )
            case "end":
                try await writes.end(affiliationID: id, group: group, standing: standing)
                return Reply.redirect(GroupPaths.group(group.slug), flash: "The affiliation has ended.")
            default: throw AppError.notFound
            }
        }
    }

    private func viewed(_ context: AppContext) async throws -> (CurrentPerson, Group) {
        let person = try context.requirePerson()
        let (group, _) = try await queries.visibleGroup(slug: try context.parameters.require("slug"), viewer: person)
        return (person, group)
    }
}
