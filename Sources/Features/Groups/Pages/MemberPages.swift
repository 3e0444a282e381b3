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
        newInvite: String?,
        siteURL: String
    ) -> HTML {
        // Pending requests are the organizers' business.
        let rows = manage ? rows : rows.filter { $0.status == .active }
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
        let invite: HTML =
            newInvite.map { token in
                """
                <div class="flash" role="status"><p>Share this invitation link (valid for 14 days; shown only now):</p>
                <p><code id="invite-link">\(siteURL)\(GroupPaths.invite(token))</code></p></div>
                """
            } ?? .empty
        let inviteForm: HTML = .when(manage) {
            """
            \(FormParts.postForm(context, to: GroupPaths.invites(group.slug)))\
            <button type="submit">Create an invitation link</button></form>
            """
        }
        return Layout.page(
            title: "Members of \(group.name)",
            context: context,
            main: """
                <h1>Members of \(group.name)</h1>
                <p>This list is private: \(group.membersVisible ? "members and organizers" : "only organizers") can see it.</p>
                \(invite)
                <div class="table-wrap"><table id="members"><caption>\(rows.count) people</caption>
                <thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Status</th>\
                <th scope="col">Pledge</th>\(HTML.when(manage) { "<th scope=\"col\">Actions</th>" })</tr></thead>
                <tbody>\(body)</tbody></table></div>
                \(inviteForm)
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
        return """
            <td>\(approve) \(role) \
            \(FormParts.button(context, action("remove"), row.status == .pending ? "Decline" : "Remove"))</td>
            """
    }

    static func invite(_ context: AppContext, group: Group, token: String) -> HTML {
        let action: HTML =
            context.person == nil
            ? "<p><a href=\"\(PeoplePaths.logIn())?next=\(GroupPaths.invite(token))\">Log in</a> or <a href=\"\(PeoplePaths.signUp())\">sign up</a> to accept.</p>"
            : """
            \(FormParts.postForm(context, to: GroupPaths.invite(token)))\
            <button type="submit">Join \(group.name)</button></form>
            """
        return Layout.page(
            title: "Invitation",
            context: context,
            main: """
                <h1>You are invited to join \(group.name)</h1>
                \(HTML.when(!group.description.isEmpty) { .markdown(group.description) })
                \(action)
                """
        )
    }
}
