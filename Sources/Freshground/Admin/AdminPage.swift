import Foundation
import FreshgroundStore
import FreshgroundWeb
import Hummingbird

/// `/admin`: the site's state for the volunteer who runs it. Queues, failed mail, storage, the version, pending
/// migrations and the audit log of what administrators did. Nothing here names a group's members, and failed mail
/// shows the receiving mail domain only. Anyone but a site admin gets "not found".
enum AdminPage {
    static let path = "/admin"

    static func register(on router: Router<AppContext>, services: AppServices) {
        router.get(RouterPath(stringLiteral: path)) { _, context in
            guard context.person?.isAdmin == true else { throw AppError.notFound }
            let status = await SiteStatus.read(services: services, failedLimit: 20)
            let audit = (try? await AdminAudit.recent(limit: 50, on: services.store.sql)) ?? []
            return Reply.html(render(context, status: status, audit: audit, store: services.store))
        }
    }

    static func render(_ context: AppContext, status: SiteStatus, audit: [AdminAudit.Entry], store: Store) -> HTML {
        let migrations: HTML =
            status.pendingMigrations.isEmpty
            ? "<p>The database schema is up to date.</p>"
            : """
            <p class="warning">Migrations not yet applied (restart the server or run <code>freshground migrate</code>):
            \(status.pendingMigrations.joined(separator: ", "))</p>
            """
        return Layout.page(
            title: "Site status",
            context: context,
            main: """
                <h1>Site status</h1>
                \(status.reachable ? "" : "<p class=\"warning\" role=\"alert\">The database did not answer every question.</p>")
                <dl class="facts">
                <dt>Version</dt><dd>Freshground \(freshgroundVersion)</dd>
                <dt>Database</dt><dd>\(store.url.dialectName), \(bytes(status.databaseBytes))</dd>
                <dt>Uploaded files</dt><dd>\(bytes(status.mediaBytes))</dd>
                </dl>
                \(migrations)
                <h2>Queues</h2>
                \(queues(status))
                <h2 id="failed-mail">Mail that could not be delivered</h2>
                \(failed(status.failedMail))
                <h2 id="audit">What administrators did</h2>
                \(auditTable(audit))
                <p><a href="/admin/security">Sign-in security: require two-factor sign-in</a></p>
                <p><a href="/admin/federation">Federation: other servers, deliveries and blocks</a></p>
                """
        )
    }

    private static func queues(_ status: SiteStatus) -> HTML {
        let rows = [("Mail", status.mail), ("Federation deliveries", status.federation)].map { name, queue -> HTML in
            """
            <tr><th scope="row">\(name)</th><td>\(queue.waiting)</td><td>\(age(queue.oldestAge))</td>\
            <td>\(queue.sentToday)</td><td>\(queue.failed)</td></tr>
            """
        }
        return """
            <table><caption>Outgoing queues</caption><thead><tr><th scope="col">Queue</th>\
            <th scope="col">Waiting</th><th scope="col">Oldest waiting</th><th scope="col">Sent in 24 hours</th>\
            <th scope="col">Given up</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    private static func failed(_ mail: [SiteStatus.FailedMail]) -> HTML {
        guard !mail.isEmpty else { return "<p class=\"empty\">No mail has been given up on.</p>" }
        let rows = mail.map { item -> HTML in
            "<tr><td>\(item.id)</td><td>\(item.domain)</td><td>\(when(item.createdAt))</td><td>\(item.answer ?? "")</td></tr>"
        }
        return """
            <table><caption>Given up after every retry (the newest 20; recipients shown by mail domain only)</caption>\
            <thead><tr><th scope="col">Message</th><th scope="col">To the domain</th><th scope="col">Queued</th>\
            <th scope="col">Last answer</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    private static func auditTable(_ audit: [AdminAudit.Entry]) -> HTML {
        guard !audit.isEmpty else { return "<p class=\"empty\">No administrative action has been recorded yet.</p>" }
        let rows = audit.map { entry -> HTML in
            "<tr><td>\(when(entry.at))</td><td>\(entry.actor)</td><td>\(entry.action)</td><td>\(entry.subject)</td></tr>"
        }
        return """
            <table><caption>The newest 50 entries</caption><thead><tr><th scope="col">When (UTC)</th>\
            <th scope="col">Who</th><th scope="col">Did</th><th scope="col">To</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    static func bytes(_ count: Int64) -> String {
        count < 1_000_000 ? "\(count / 1000) kB" : String(format: "%.1f MB", Double(count) / 1_000_000)
    }

    static func age(_ seconds: TimeInterval) -> String {
        switch seconds {
        case 0: return "none"
        case ..<120: return "\(Int(seconds)) s"
        case ..<7200: return "\(Int(seconds / 60)) min"
        default: return "\(Int(seconds / 3600)) h"
        }
    }

    static func when(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
    }
}
