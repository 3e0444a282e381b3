import Foundation
import FreshgroundStore
import FreshgroundWeb
import Testing

@testable import Freshground

/// `/admin`: the volunteer running the site sees queues, failed mail, storage, the version, pending migrations and
/// the audit log, and never who is in which group.
@Suite struct AdminPageTests {
    @Test func theAdminSeesTheSiteButNoGroupsMembers() async throws {
        try await withApp { app in
            var admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var organizer = try await app.person("olga")
            let cell = try await organizer.createGroup("Depot Cell", visibility: "private", join: "approval")
            var member = try await app.person("mirek")
            _ = try await member.post("/groups/\(cell)/join")
            // One message given up on, to someone at a domain.
            try await app.store.sql.raw(
                """
                INSERT INTO mail_outbox (recipient, recipient_name, subject, body, created_at, attempts, next_attempt_at, \
                last_error) VALUES ('mirek.private@unions.example', 'Mirek', 'Your request to join Depot Cell', 'x', \
                \(bind: app.clock.now), 8, \(bind: app.clock.now), '550 <mirek.private@unions.example>: mailbox unavailable')
                """
            ).run()
            _ = try await admin.post("/admin/federation/blocks", [("target", "spam.example")])

            #expect(try await member.get("/admin").status == .notFound)
            var anonymous = app.visitor()
            #expect(try await anonymous.get("/admin").status != .ok)
            #expect(!(try await member.get("/").body.contains("href=\"/admin\"")))

            let page = try await admin.get("/admin")
            #expect(page.status == .ok)
            #expect(try await admin.get("/").body.contains("href=\"/admin\""))
            #expect(page.contains("Freshground \(freshgroundVersion)"))
            #expect(page.contains("The database schema is up to date."))
            #expect(page.contains("unions.example"))
            #expect(page.contains("550 &lt;…@unions.example&gt;: mailbox unavailable"))
            #expect(page.contains("blocked") && page.contains("spam.example") && page.contains("root"))
            // Failed mail by domain only, and nothing about who is in the private group.
            for secret in ["mirek", "Mirek", "Depot Cell", cell, "olga"] {
                #expect(!page.contains(secret), "/admin shows \(secret)")
            }
        }
    }

    @Test func pendingMigrationsAndAnEmptySiteAreSaidPlainly() async throws {
        try await withApp { app in
            var admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            let quiet = try await admin.get("/admin")
            #expect(quiet.contains("No mail has been given up on."))
            #expect(quiet.contains("No administrative action has been recorded yet."))
            try await app.store.sql.delete(from: "_fluent_migrations").where("name", .equal, "AddGroupOrigins").run()
            #expect(try await admin.get("/admin").contains("AddGroupOrigins"))
        }
    }

    @Test func commandLineActionsAreAudited() async throws {
        try await withApp { app in
            let config = AppConfig()
            _ = try await createAdmin(
                store: app.store,
                config: config,
                handle: "Keeper",
                email: "",
                password: "long enough password"
            )
            _ = try await app.person("asker")
            #expect(try await exportAccount(store: app.store, config: config, handle: "asker") != nil)
            let audit = try await AdminAudit.recent(limit: 10, on: app.store.sql)
            #expect(audit.map(\.action) == ["exported the data of", "made an administrator"])
            #expect(audit.map(\.subject) == ["asker", "keeper"])
            #expect(audit.allSatisfy { $0.actor == AdminAudit.commandLine })
        }
    }
}
