import Foundation
import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// The site administrator's view of federation: each remote server with its followers, its queue, its last
/// delivery and failure; blocking and unblocking a server or an actor. Only site admins see it; anyone else is
/// told it is not found.
struct AdminRoutes {
    let federation: Federator

    /// One remote server as the page shows it.
    struct ServerStatus: Sendable, Decodable {
        let host: String
        let followers: Int
        let queued: Int
        let failed: Int
        let delivered: Int
        let lastDeliveredAt: Date?
        let lastError: String?
    }

    func register(on router: Router<AppContext>) {
        router.get(FederationPaths.admin) { _, context in
            try requireAdmin(context)
            return Reply.html(try await page(context, fields: FieldSet()))
        }
        router.post(FederationPaths.block) { _, context in
            try requireAdmin(context)
            return try await FormFlow.submit(
                context,
                redirectTo: FederationPaths.admin(),
                flash: "Blocked. Nothing more is taken from it or sent to it.",
                page: { try await page(context, fields: $0) }
            ) {
                try await block(context.form["target"], by: try context.requirePerson().handle)
            }
        }
        router.post(FederationPaths.unblock) { _, context in
            try requireAdmin(context)
            try await federation.sql.delete(from: "federation_blocks").where("target", .equal, context.form["target"])
                .run()
            try await AdminAudit.record(
                "unblocked",
                subject: context.form["target"],
                by: try context.requirePerson().handle,
                at: federation.clock(),
                on: federation.sql
            )
            return Reply.redirect(FederationPaths.admin(), flash: "Unblocked.")
        }
    }

    private func requireAdmin(_ context: AppContext) throws {
        guard try context.requirePerson().isAdmin else { throw AppError.notFound }
    }

    /// Blocks a server (`example.org`, or `example.org:8443`) or one actor (its id, an https address).
    func block(_ input: String, by admin: String) async throws {
        let text = input.trimmingCharacters(in: .whitespaces)
        let target: String
        if text.contains("://") {
            guard FederationHost.of(text) != nil, text.count <= 500 else {
                throw AppError.validation(["target": "Give an actor's address (https://…) or a server's name."])
            }
            target = text
        } else {
            let host = text.lowercased()
            guard !host.isEmpty, host.count <= 255,
                host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }),
                FederationHost.of("https://" + host) == host
            else {
                throw AppError.validation([
                    "target": "Give a server's name, such as example.org, or an actor's address."
                ])
            }
            target = host
        }
        try await federation.sql.raw(
            """
            INSERT INTO federation_blocks (target, created_at) VALUES (\(bind: target), \(bind: federation.clock()))
            ON CONFLICT (target) DO NOTHING
            """
        ).run()
        try await AdminAudit.record("blocked", subject: target, by: admin, at: federation.clock(), on: federation.sql)
    }

    /// Every server this one follows or delivers to, busiest first.
    func servers() async throws -> [ServerStatus] {
        try await federation.sql.raw(
            """
            SELECT h.host,
            (SELECT COUNT(*) FROM federation_followers f WHERE f.host = h.host) AS followers,
            (SELECT COUNT(*) FROM federation_deliveries d WHERE d.host = h.host AND d.delivered_at IS NULL
             AND d.attempts < \(bind: Deliveries.maxAttempts)) AS queued,
            (SELECT COUNT(*) FROM federation_deliveries d WHERE d.host = h.host AND d.delivered_at IS NULL
             AND d.attempts >= \(bind: Deliveries.maxAttempts)) AS failed,
            (SELECT COUNT(*) FROM federation_deliveries d WHERE d.host = h.host AND d.delivered_at IS NOT NULL) AS delivered,
            (SELECT MAX(d.delivered_at) FROM federation_deliveries d WHERE d.host = h.host) AS last_delivered_at,
            (SELECT d.last_error FROM federation_deliveries d WHERE d.host = h.host AND d.last_error IS NOT NULL
             ORDER BY d.id DESC LIMIT 1) AS last_error
            FROM (SELECT host FROM federation_followers UNION SELECT host FROM federation_deliveries) h
            ORDER BY followers DESC, h.host LIMIT 500
            """
        ).rows(ServerStatus.self)
    }

    private func page(_ context: AppContext, fields: FieldSet) async throws -> HTML {
        let servers = try await servers()
        let blocks = try await federation.sql.select().column("target").from("federation_blocks").orderBy("target")
            .column("target", as: String.self)
        return AdminPage.render(
            context,
            enabled: federation.enabled,
            servers: servers,
            blocks: blocks,
            fields: fields
        )
    }
}
