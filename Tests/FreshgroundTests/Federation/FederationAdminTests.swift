import Foundation
import Testing

@testable import Federation

/// The administrator's federation page: only admins find it; a block keeps bad input for correction, and is
/// listed and undone.
@Suite struct FederationAdminTests {
    @Test func adminsBlockAndUnblockServers() async throws {
        try await withApp { app in
            var admin = try await app.person("root")
            try await app.store.sql.update("people").set("is_admin", to: true).where("handle", .equal, "root").run()
            var member = try await app.person("mona")
            #expect(try await member.get("/admin/federation").status == .notFound)
            var anonymous = app.visitor()
            #expect(try await anonymous.get("/admin/federation").status != .ok)
            #expect(!(try await member.get("/").body.contains("/admin/federation")))

            let empty = try await admin.get("/admin/federation")
            #expect(empty.status == .ok)
            #expect(empty.body.contains("No other server follows a group here yet."))
            #expect(empty.body.contains("Nothing is blocked."))
            #expect(try await admin.get("/").body.contains("href=\"/admin/federation\""))

            let refused = try await admin.post("/admin/federation/blocks", [("target", "not a host!")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("value=\"not a host!\""))
            #expect(refused.body.contains("aria-invalid"))

            let blocked = try await admin.post("/admin/federation/blocks", [("target", "Spam.Example")])
            #expect(blocked.status == .seeOther)
            let listed = try await admin.get("/admin/federation")
            #expect(listed.body.contains("spam.example"))
            let federation = Federator(services: app.services())
            #expect(try await federation.isBlocked(host: "spam.example", actor: nil))
            // A member cannot block or unblock.
            #expect(
                try await member.post("/admin/federation/blocks/delete", [("target", "spam.example")]).status
                    == .notFound
            )
            #expect(try await federation.isBlocked(host: "spam.example", actor: nil))

            try await admin.post("/admin/federation/blocks/delete", [("target", "spam.example")])
            #expect(!(try await federation.isBlocked(host: "spam.example", actor: nil)))
        }
    }
}
