import Foundation
import FreshgroundWeb

/// The administrator's federation page.
enum AdminPage {
    static func render(
        _ context: AppContext,
        enabled: Bool,
        servers: [AdminRoutes.ServerStatus],
        blocks: [String],
        fields: FieldSet
    ) -> HTML {
        let state: HTML =
            enabled
            ? "<p>Federation is <strong>on</strong>: public groups can be followed from other servers.</p>"
            : """
            <p>Federation is <strong>off</strong> (<code>FEDERATION_ENABLED=false</code>): nothing is published to \
            other servers or taken from them.</p>
            """
        let rows = servers.map { server -> HTML in
            """
            <tr><th scope="row">\(server.host)</th><td>\(server.followers)</td><td>\(server.queued)</td>\
            <td>\(server.delivered)</td><td>\(server.failed)</td>\
            <td>\(server.lastDeliveredAt.map { Documents.iso($0) } ?? "never")</td>\
            <td>\(server.lastError ?? "")</td></tr>
            """
        }
        let table: HTML =
            servers.isEmpty
            ? "<p class=\"empty\">No other server follows a group here yet.</p>"
            : """
            <table><caption>Remote servers</caption><thead><tr><th scope="col">Server</th>\
            <th scope="col">Followers</th><th scope="col">Queued</th><th scope="col">Delivered</th>\
            <th scope="col">Given up</th><th scope="col">Last delivery</th><th scope="col">Last error</th>\
            </tr></thead><tbody>\(rows)</tbody></table>
            """
        let blocked: HTML =
            blocks.isEmpty
            ? "<p class=\"empty\">Nothing is blocked.</p>"
            : """
            <ul>\(blocks.map { target -> HTML in
                "<li>\(target) \(FormParts.button(context, FederationPaths.unblock(), "Unblock", fields: FormParts.hidden("target", target)))</li>"
            })</ul>
            """
        return Layout.page(
            title: "Federation",
            context: context,
            main: """
                <h1>Federation</h1>
                \(state)
                \(table)
                <h2 id="blocks">Blocked servers and actors</h2>
                \(blocked)
                \(FormParts.postForm(context, to: FederationPaths.block(), novalidate: true))
                \(fields.text("target", label: "Block a server or an actor", required: true, hint: "A server's name, such as example.org, or an actor's address. Its activities are refused and nothing is sent to it; its follows are kept, so unblocking restores them."))
                <button type="submit">Block</button></form>
                """
        )
    }
}
