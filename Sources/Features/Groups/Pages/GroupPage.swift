import FreshgroundCore
import FreshgroundWeb
import People

/// Everything the group page shows, gathered without HTTP so it can be built and checked alone.
struct GroupPageModel {
    let group: Group
    let standing: Standing
    let signedIn: Bool
    let follows: [Group]
    let followers: [Group]
    let affiliations: [AffiliationView]
    let posts: Page<PostView>
    /// Other groups the viewer organizes, offered in the follow and affiliate forms.
    let actingGroups: [Group]
    /// A member's pledge form: their current pledge, or what they typed and why it was refused.
    var pledge = FieldSet()
    /// Whether the member has a pledge to clear.
    var hasPledge = false
    /// Whether the signed-in viewer follows the group in their own feed.
    var followedByViewer = false
}

enum GroupPage {
    static func render(_ context: AppContext, _ model: GroupPageModel) -> HTML {
        let group = model.group
        return Layout.page(
            title: group.name,
            context: context,
            main: """
                <h1>\(group.name)</h1>
                <p class="meta">\(GroupParts.badge(group.kind))\(GroupParts.remote(group)) \(group.placeLine)\(
                    group.visibility == .private ? " · Private group" : "")</p>
                \(HTML.when(!group.description.isEmpty) {
                    "<section aria-labelledby=\"about-title\"><h2 id=\"about-title\">About</h2>\(HTML.markdown(group.description))</section>"
                })
                \(actions(context, model))
                <section id="basis" aria-labelledby="basis-title">
                <h2 id="basis-title">Basis of unity</h2>
                \(group.origin != nil ? "<p>This group's basis of unity is on its own server.</p>" : group.basis.trimmingWhitespace().isEmpty ? "<p>This group has not written a basis of unity yet.</p>" : HTML.markdown(group.basis))
                <p class="meta">Version \(group.basisVersion). <a href="\(GroupPaths.basis(group.slug))">See every version</a></p>
                </section>
                \(links(context, model))
                <section id="posts" aria-labelledby="posts-title">
                <h2 id="posts-title">Posts</h2>
                \(model.posts.items.isEmpty ? "<p>No posts yet.</p>" : HTML(raw: model.posts.items.map { GroupParts.post($0, showSource: false).raw }.joined()))
                \(paginationNav(model.posts, base: GroupPaths.group(group.slug)))
                </section>
                """
        )
    }

    /// How a signed-in non-member may come in: a pending request, a join button, or by invitation only.
    private static func joining(_ context: AppContext, _ model: GroupPageModel) -> HTML {
        let group = model.group
        if let host = group.originHost {
            return "<p>This group lives on \(host); join it there. Its public posts and events reach this server.</p>"
        }
        if model.standing.isPending { return "<p>Your request to join is waiting for an organizer.</p>" }
        guard group.joinPolicy != .invite else { return "<p>This group takes new members by invitation.</p>" }
        return FormParts.button(
            context,
            GroupPaths.join(group.slug),
            group.joinPolicy == .open ? "Join" : "Ask to join"
        )
    }

    static func actions(_ context: AppContext, _ model: GroupPageModel) -> HTML {
        let group = model.group
        let slug = group.slug
        var parts: [HTML] = []
        if !model.signedIn {
            parts.append(
                """
                <p><a href="\(PeoplePaths.logIn(next: GroupPaths.group(slug)))">Log in</a> or \
                <a href="\(PeoplePaths.signUp(next: GroupPaths.group(slug)))">sign up</a> to join or follow this group.</p>
                """
            )
        } else if model.standing.isActiveMember {
            parts.append(
                """
                <p>You are \(model.standing.role == .member ? "a member" : "an \(model.standing.role?.rawValue ?? "member")") of this group.</p>
                <a class="button secondary" href="\(GroupPaths.leave(slug))">Leave the group…</a>
                \(FormParts.postForm(context, to: GroupPaths.pledge(slug), class: "pledge", novalidate: true))
                \(model.pledge.text("hours", label: "Hours a week I can give this group", hint: "Only you and the organizers see it."))
                <button type="submit">Save pledge</button></form>
                \(HTML.when(model.hasPledge) {
                    FormParts.button(context, GroupPaths.pledge(slug), "Clear my pledge", fields: FormParts.hidden("clear", "1"), style: "secondary")
                })
                """
            )
        } else {
            parts.append(joining(context, model))
            if group.visibility == .public {
                parts.append(
                    model.followedByViewer
                        ? FormParts.button(context, GroupPaths.unfollow(slug), "Stop following", style: "secondary")
                        : FormParts.button(context, GroupPaths.follow(slug), "Follow in my feed", style: "secondary")
                )
            }
        }
        var links: [HTML] = ["<a href=\"/groups/\(slug)/events\">Events</a>"]
        if GroupRules.canPost(model.standing) {
            links.append("<a href=\"\(GroupPaths.newPost(slug))\">New post</a>")
            links.append("<a href=\"/groups/\(slug)/submissions\">Journal submissions</a>")
        }
        if context.person != nil { links.append("<a href=\"/library/new?journal=\(slug)\">Write for its journal</a>") }
        if group.visibility == .public { links.append("<a href=\"/groups/\(slug)/feed.atom\">Atom feed</a>") }
        links.append(
            context.person == nil
                ? "<a href=\"\(PeoplePaths.logIn(next: GroupPaths.contact(slug)))\">Log in to write to the organizers</a>"
                : "<a href=\"\(GroupPaths.contact(slug))\">Write to the organizers</a>"
        )
        if GroupRules.canSeeMembers(group, model.standing) {
            links.append("<a href=\"\(GroupPaths.members(slug))\">Members</a>")
        }
        if model.standing.isActiveMember { links.append("<a href=\"\(GroupPaths.decisions(slug))\">Decisions</a>") }
        if model.standing.isActiveMember { links.append("<a href=\"\(GroupPaths.work(slug))\">Work board</a>") }
        if GroupRules.canManage(model.standing) {
            links.append("<a href=\"\(GroupPaths.rotation(slug))\">Rotation</a>")
            links.append("<a href=\"\(GroupPaths.figures(slug))\">Figures</a>")
        }
        links.append("<a href=\"\(GroupPaths.bodies(slug))\">Elected bodies</a>")
        links.append("<a href=\"\(GroupPaths.plan(slug))\">Plan of campaigns</a>")
        links.append("<a href=\"\(GroupPaths.officials(slug))\">Officials</a>")
        if model.standing.isActiveMember { links.append("<a href=\"\(GroupPaths.reports(slug))\">Monthly reports</a>") }
        if GroupRules.canManage(model.standing) { links.append("<a href=\"\(GroupPaths.edit(slug))\">Edit</a>") }
        if !links.isEmpty { parts.append("<p class=\"actions\">\(links.map { "\($0) " as HTML })</p>") }
        return "<div class=\"group-actions\">\(parts)</div>"
    }

    static func links(_ context: AppContext, _ model: GroupPageModel) -> HTML {
        let group = model.group
        let accepted = model.affiliations.filter(\.accepted)
        let incoming = model.affiliations.filter { !$0.accepted && !$0.requestedByThisGroup }
        let outgoing = model.affiliations.filter { !$0.accepted && $0.requestedByThisGroup }
        let manage = GroupRules.canManage(model.standing)
        /// Lists follows; organizers of either side get a button to end each one.
        func list(_ groups: [Group], unfollow: (Group) -> String) -> HTML {
            let items = groups.map { g -> HTML in
                let button: HTML = .when(manage) {
                    """
                    \(FormParts.postForm(context, to: unfollow(g), class: "inline"))\
                    <button type="submit">Unfollow<span class="visually-hidden"> \(g.name)</span></button></form>
                    """
                }
                return
                    "<li><a href=\"\(GroupPaths.group(g.slug))\">\(g.name)</a> \(GroupParts.badge(g.kind))\(GroupParts.remote(g)) \(button)</li>"
            }
            return "<ul>\(items)</ul>"
        }
        func endButton(_ item: AffiliationView, _ label: String) -> HTML {
            .when(manage) {
                """
                \(FormParts.button(context, GroupPaths.affiliationAction(group.slug, item.id, "end"), label))
                """
            }
        }
        let acceptedList = accepted.map { item -> HTML in
            "<li><a href=\"\(GroupPaths.group(item.partner.slug))\">\(item.partner.name)</a> \(GroupParts.badge(item.partner.kind))\(GroupParts.remote(item.partner)) \(endButton(item, "End"))</li>"
        }
        var pending: [HTML] = []
        if manage {
            pending += incoming.map { item in
                """
                <li><a href="\(GroupPaths.group(item.partner.slug))">\(item.partner.name)</a>\(GroupParts.remote(item.partner)) asks to be listed as affiliated.
                \(FormParts.button(context, GroupPaths.affiliationAction(group.slug, item.id, "accept"), "Accept")) \
                \(endButton(item, "Decline"))</li>
                """
            }
            pending += outgoing.map { item in
                "<li>Waiting for <a href=\"\(GroupPaths.group(item.partner.slug))\">\(item.partner.name)</a> to accept. \(endButton(item, "Withdraw"))</li>"
            }
        }
        return """
            <section id="affiliations" aria-labelledby="affiliations-title">
            <h2 id="affiliations-title">Affiliations and follows</h2>
            \(accepted.isEmpty ? "<p>No affiliations listed.</p>" : "<h3>Affiliated with</h3><ul>\(acceptedList)</ul>" as HTML)
            \(HTML.when(!pending.isEmpty) { "<h3>Requests</h3><ul>\(pending)</ul>" })
            \(HTML.when(!model.follows.isEmpty) {
                "<h3>Follows</h3>\(list(model.follows) { GroupPaths.removeFollower($0.slug, group.slug) })"
            })
            \(HTML.when(!model.followers.isEmpty) {
                "<h3>Followed by</h3>\(list(model.followers) { GroupPaths.removeFollower(group.slug, $0.slug) })"
            })
            \(linkForms(context, model))
            </section>
            """
    }

    /// The follow and affiliate forms, for people who organize some other group.
    static func linkForms(_ context: AppContext, _ model: GroupPageModel) -> HTML {
        let group = model.group
        let choices = model.actingGroups.filter { $0.id != group.id }
        guard group.kind.canBeFollowed, !choices.isEmpty else { return .empty }
        let options = choices.map { g -> HTML in "<option value=\"\(g.slug)\">\(g.name)</option>" }
        return """
            \(FormParts.postForm(context, to: GroupPaths.followers(group.slug), attributes: " id=\"follow-form\""))
            <label for="follow-group">Follow \(group.name) with</label>
            <select id="follow-group" name="group">\(options)</select>
            <button type="submit">Follow</button>
            </form>
            \(FormParts.postForm(context, to: GroupPaths.affiliations(group.slug), attributes: " id=\"affiliate-form\""))
            <label for="affiliate-group">List as affiliated with \(group.name)</label>
            <select id="affiliate-group" name="group">\(options)</select>
            <button type="submit">Ask to affiliate</button>
            </form>
            """
    }
}
