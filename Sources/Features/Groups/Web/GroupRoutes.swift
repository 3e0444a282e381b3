import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The start page, the directory, and creating, showing and editing groups.
struct GroupRoutes {
    let services: AppServices
    var queries: GroupQueries { GroupQueries(services: services) }
    var writes: GroupWrites { GroupWrites(services: services) }
    var posts: Posts { Posts(services: services) }
    var cities: GroupCities { GroupCities(sql: services.store.sql) }
    var twoFactor: GroupTwoFactor { GroupTwoFactor(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(GroupPaths.home) { request, context in
            let page = PageRequest(request.uri.queryParameters["page"].map(String.init))
            guard let person = context.person else {
                return try await services.publicPages.page(request, context) {
                    let groups = try await queries.directory(DirectoryFilter(), page: PageRequest(number: 1))
                    var sections: [HTML] = []
                    for section in context.frame.startSections {
                        sections.append(try await section.render(request, context))
                    }
                    return DirectoryPages.welcome(context, page: groups, sections: sections)
                }
            }
            var sections: [HTML] = []
            if page.number == 1 {
                for section in context.frame.homeSections { sections.append(try await section.render(person, context)) }
            }
            return Reply.html(
                DirectoryPages.feed(context, page: try await posts.feed(for: person, page: page), sections: sections)
            )
        }
        router.get(GroupPaths.directory) { request, context in
            try await services.publicPages.page(request, context) {
                let filter = try Self.filter(request)
                let page = PageRequest(request.uri.queryParameters["page"].map(String.init))
                return DirectoryPages.directory(
                    context,
                    filter: filter,
                    page: try await queries.directory(filter, page: page),
                    federated: services.site.federation.enabled
                )
            }
        }
        router.get(GroupPaths.new) { _, context in
            _ = try context.requirePerson()
            return Reply.html(GroupFormPages.create(context, fields: FieldSet(), cities: try await cities.names()))
        }
        router.post(GroupPaths.directory) { _, context in
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                page: { fields in GroupFormPages.create(context, fields: fields, cities: try await cities.names()) }
            ) {
                let slug = try await writes.create(GroupInput(form: context.form), by: person)
                return Reply.redirect(GroupPaths.group(slug), flash: "The group is created. You are its organizer.")
            }
        }
        router.get(GroupPaths.group) { request, context in
            try await services.publicPages.page(request, context) { try await groupPage(request, context) }
        }
        router.get(GroupPaths.edit) { _, context in
            let (group, standing) = try await managedGroup(context)
            _ = standing
            return Reply.html(
                GroupFormPages.edit(
                    context,
                    group: group,
                    fields: FieldSet(values: GroupFormPages.values(of: group)),
                    cities: try await cities.names(),
                    requiresTwoFactor: try await twoFactor.required(group)
                )
            )
        }
        router.post(GroupPaths.edit) { _, context in
            let person = try context.requirePerson()
            let (group, standing) = try await managedGroup(context)
            let requiresTwoFactor = context.form.checked("require_two_factor")
            return try await FormFlow.submit(
                context,
                redirectTo: GroupPaths.group(group.slug),
                flash: "Saved.",
                page: { fields in
                    GroupFormPages.edit(
                        context,
                        group: group,
                        fields: fields,
                        cities: try await cities.names(),
                        requiresTwoFactor: requiresTwoFactor
                    )
                }
            ) {
                try await twoFactor.check(group, required: requiresTwoFactor, by: person)
                try await writes.edit(group, GroupInput(form: context.form), by: person, standing: standing)
                try await twoFactor.save(group, required: requiresTwoFactor)
            }
        }
        router.get(GroupPaths.basis) { _, context in
            let (group, standing) = try await queries.visibleGroup(
                slug: try context.parameters.require("slug"),
                viewer: context.person
            )
            // Who edited it says who organizes the group, so editors are named only to those who may see the
            // member list; for everyone else the people are not even read.
            let namesEditors = GroupRules.canSeeMembers(group, standing)
            let versions = try await queries.basisHistory(of: group, namingEditors: namesEditors)
            return Reply.html(GroupFormPages.history(context, group: group, versions: versions))
        }
    }

    /// The group page as this viewer may see it; `pledge` is a refused pledge form to show again.
    func groupPage(_ request: Request, _ context: AppContext, pledge refused: FieldSet? = nil) async throws -> HTML {
        let linked = try await queries.linkedGroup(slug: try context.parameters.require("slug"), viewer: context.person)
        let (group, standing, links) = (linked.group, linked.standing, linked.links)
        let page = PageRequest(request.uri.queryParameters["page"].map(String.init))
        var acting: [Group] = []
        // Someone known (read with their session) to organize nothing acts for no group: no statement to ask.
        if let person = context.person, context.personFacts[.organizedGroups] != 0 {
            acting = try await queries.organizedGroups(of: person)
        }
        var model = GroupPageModel(
            group: group,
            standing: standing,
            signedIn: context.person != nil,
            follows: links.follows,
            followers: links.followers,
            affiliations: links.affiliations,
            posts: try await posts.list(in: group, page: page),
            actingGroups: acting
        )
        if context.person != nil, !standing.isActiveMember, group.visibility == .public {
            model.followedByViewer = linked.viewerFollows
        }
        if context.person != nil, standing.isActiveMember {
            let hours = linked.viewerPledge
            model.hasPledge = hours != nil
            model.pledge =
                refused ?? FieldSet(values: FormData([("hours", hours.map { String(format: "%g", $0) } ?? "")]))
        }
        return GroupPage.render(context, model)
    }

    /// The group in the URL, which the signed-in viewer must organize; anyone else gets "not found".
    func managedGroup(_ context: AppContext) async throws -> (Group, Standing) {
        _ = try context.requirePerson()
        let (group, standing) = try await queries.visibleGroup(
            slug: try context.parameters.require("slug"),
            viewer: context.person
        )
        guard GroupRules.canManage(standing) else { throw AppError.notFound }
        return (group, standing)
    }

    static func filter(_ request: Request) throws -> DirectoryFilter {
        let parameters = request.uri.queryParameters
        let kindText = parameters["kind"].map(String.init) ?? ""
        let city = (parameters["city"].map(String.init) ?? "").trimmingWhitespace()
        let query = (parameters["q"].map(String.init) ?? "").trimmingWhitespace()
        return DirectoryFilter(
            kind: GroupKind(rawValue: kindText),
            city: String(city.prefix(80)),
            query: String(query.prefix(100))
        )
    }
}
