import Foundation
import FreshgroundWeb
import People

/// The member list (organizers, and members when the group allows) and the invitation page.
enum MemberPages {
    static func members(
        _ context: AppContext,
        group: Group,
        rows: [MemberRow],
        manage: Bool,
        invites: [LiveInvite],
        inviteFields: FieldSet,
        listing: MemberListing = MemberListing()
    ) -> HTML {
        // Pending requests are the organizers' business.
        let everyone = manage ? rows : rows.filter { $0.status == .active }
        let rows = listing.arrange(everyone)
        let pledged = everyone.filter { $0.status == .active }.compactMap(\.pledgeHours)
        let total: HTML = .when(manage && !pledged.isEmpty) {
            "<p class=\"meta\">Pledged in all: \(String(format: "%g", pledged.reduce(0, +))) hours a week by \(pledged.count) \(pledged.count == 1 ? "member" : "members").</p>"
        }
        // Members who may see the list see names only; roles and pledges stay with the organizers and with
        // each person for their own row.
        let body = rows.map { row -> HTML in
            let name = row.displayName.isEmpty ? row.handle : row.displayName
            let own = row.personID == context.person?.id
            let pledge = row.pledgeHours.map { String(format: "%g h/week", $0) } ?? "—"
            let details: HTML = .when(manage || own) {
                "<td>\(row.role.rawValue)</td><td>\(row.status == .pending ? "asks to join" : "active")</td><td>\(pledge)</td>"
            }
            let hidden: HTML = .when(!manage && !own) { "<td>—</td><td>—</td><td>—</td>" }
            return """
                <tr><td>\(name) <span class="meta">@\(row.handle)</span></td>\(details)\(hidden)\
                \(HTML.when(manage) { controls(context, group: group, row: row) })</tr>
                """
        }
        let invitations: HTML = .when(manage) {
            invitesSection(context, group: group, invites: invites, fields: inviteFields)
        }
        return Layout.page(
            title: "Members of \(group.name)",
            context: context,
            main: """
                <h1>Members of \(group.name)</h1>
                <p>This list is private: \(group.membersVisible ? "members and organizers" : "only organizers") can see it.</p>
                \(invitations)
                <h2>People</h2>
                \(total)
                \(listing.form(action: GroupPaths.members(group.slug), manage: manage))
                \(HTML.when(rows.isEmpty && !listing.query.isEmpty) { "<p class=\"empty\">Nobody here matches “\(listing.query)”.</p>" })
                <div class="table-wrap"><table id="members"><caption>\(rows.count) of \(everyone.count) people</caption>
                <thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Status</th>\
                <th scope="col">Pledge</th>\(HTML.when(manage) { "<th scope=\"col\">Actions</th>" })</tr></thead>
                <tbody>\(body)</tbody></table></div>
                <p><a href="\(GroupPaths.group(group.slug))">Back to the group</a></p>
                """
        )
    }

    private static func controls(_ context: AppContext, group: Group, row: MemberRow) -> HTML {
        func action(_ name: String) -> String { GroupPaths.memberAction(group.slug, row.personID, name) }
        let roles = Role.allCases.map { role -> HTML in
            "<option value=\"\(role.rawValue)\"\(role == row.role ? " selected" : "")>\(role.rawValue)</option>"
        }
        let approve: HTML = .when(row.status == .pending) {
            FormParts.button(context, action("approve"), "Approve")
        }
        let role: HTML = .when(row.status == .active) {
            """
            \(FormParts.postForm(context, to: action("role"), class: "inline"))\
            <label class="visually-hidden" for="role-\(row.personID)">Role of \(row.handle)</label>\
            <select id="role-\(row.personID)" name="role">\(roles)</select> <button type="submit">Change role</button></form>
            """
        }
        let remove: HTML =
            row.status == .pending
            ? FormParts.button(context, action("remove"), "Decline")
            : "<a class=\"button secondary\" href=\"\(action("remove"))\">Remove…</a>"
        return """
            <td class="actions">\(approve) \(role) \(remove)</td>
            """
    }

    /// The organizers' part near the top: the form that makes a link, and the links still live.
    private static func invitesSection(
        _ context: AppContext,
        group: Group,
        invites: [LiveInvite],
        fields: FieldSet
    ) -> HTML {
        let lifetimes = Invitations.lifetimes.map { days in
            (value: String(days), label: days == 1 ? "1 day" : "\(days) days")
        }
        let rows = invites.map { invite -> HTML in
            let made = GroupParts.day(invite.createdAt)
            let by = invite.creatorHandle.map { "@\($0)" } ?? "a deleted account"
            let uses = invite.maxUses.map { "\(invite.uses) of \($0)" } ?? "\(invite.uses) (no limit)"
            return """
                <tr><td><time datetime="\(GroupParts.iso(invite.createdAt))">\(made)</time> by \(by)</td>\
                <td><time datetime="\(GroupParts.iso(invite.expiresAt))">\(GroupParts.day(invite.expiresAt))</time></td>\
                <td>\(uses)</td><td>\(FormParts.postForm(context, to: GroupPaths.revokeInvite(group.slug, invite.id), class: "inline"))\
                <button type="submit">Revoke<span class="visually-hidden"> the link created \(made) by \(by)</span></button>\
                </form></td></tr>
                """
        }
        let list: HTML =
            invites.isEmpty
            ? "<p id=\"no-invites\">No invitation links are live. Links that expired, were used up or were revoked no longer work.</p>"
            : """
            <div class="table-wrap"><table id="invites"><caption>Live invitation links</caption>
            <thead><tr><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Uses</th>\
            <th scope="col">Actions</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        return """
            <section aria-labelledby="invites-heading"><h2 id="invites-heading">Invitation links</h2>
            <p>Anyone with a live link can join \(group.name) as a member, even when it takes members by invitation \
            only. The link is shown once, when you create it.</p>
            \(fields.summary)
            \(FormParts.postForm(context, to: GroupPaths.invites(group.slug), novalidate: true))
            \(fields.select("expires_in", label: "Valid for", options: lifetimes, selected: String(Invitations.defaultLifetime)))
            \(fields.text("max_uses", label: "Use limit", hint: "Optional: how many people may join with it, 1 to 1000. Leave it empty for no limit.", extra: " inputmode=\"numeric\""))
            <button type="submit">Create an invitation link</button></form>
            \(list)
            </section>
            """
    }

    /// The flash that shows a new link once, after the redirect (its secret is stored nowhere else).
    static func inviteCreated(link: String, days: Int, maxUses: Int?) -> String {
        let limit = maxUses.map { $0 == 1 ? ", for 1 person" : ", for up to \($0) people" } ?? ""
        return
            "Share this invitation link (valid for \(days) day\(days == 1 ? "" : "s")\(limit); shown only now): \(link)"
    }

    static func invite(_ context: AppContext, group: Group, token: String) -> HTML {
        let back = GroupPaths.invite(token)
        let action: HTML =
            context.person == nil
            ? """
            <p><a href="\(PeoplePaths.logIn(next: back))">Log in</a> or \
            <a href="\(PeoplePaths.signUp(next: back))">sign up</a> to accept; you come back here afterwards.</p>
            """
            : """
            \(FormParts.postForm(context, to: GroupPaths.invite(token)))\
            <button type="submit">Join \(group.name)</button></form>
            """
        return Layout.page(
            title: "Invitation",
            context: context,
            main: """
                <h1>You are invited to join \(group.name)</h1>
                \(HTML.when(!group.description.isEmpty) { "<h2>About \(group.name)</h2>\(HTML.markdown(group.description))" })
                \(action)
                """
        )
    }

    /// What an unknown, expired, used-up or revoked link answers alike (404): it names no group.
    static func deadInvite(_ context: AppContext) -> HTML {
        Layout.page(
            title: "Invitation link not valid",
            context: context,
            main: """
                <h1>This invitation link is no longer valid</h1>
                <p>It may have expired, been used as many times as it allowed, or been revoked. Ask the person who \
                sent it for a new link.</p>
                """
        )
    }
}
