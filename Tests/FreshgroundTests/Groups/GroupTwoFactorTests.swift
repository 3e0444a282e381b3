import Foundation
import FreshgroundStore
import SQLKit
import Testing

/// A group requiring two-factor sign-in of its organizers: only an organizer who uses it may turn it on, and an
/// organizer without it is sent to set it up, while members go on as before.
@Suite("Groups requiring two-factor sign-in")
struct GroupTwoFactorTests {
    static func edit(_ slug: String, requireTwoFactor: Bool) -> [(String, String)] {
        var fields = [
            ("_submitted", "1"), ("name", "Leeds Circle"), ("description", "About Leeds Circle"),
            ("place_kind", "city"), ("city", "Leeds"), ("place_name", ""), ("visibility", "public"),
            ("join_policy", "open"), ("basis", "We stand for solidarity."),
        ]
        if requireTwoFactor { fields.append(("require_two_factor", "on")) }
        return fields
    }

    static func required(_ app: TestApp, _ slug: String) async throws -> Bool? {
        try await app.store.sql.select().column("require_two_factor").from("groups").where("slug", .equal, slug)
            .value("require_two_factor", as: Bool.self)
    }

    @Test func onlyAnOrganizerWhoUsesItMayRequireIt() async throws {
        try await withApp { app in
            // setup
            var olga = try await app.person("olga")
            let slug = try await olga.createGroup("Leeds Circle")
            let form = try await olga.get("/groups/\(slug)/edit")
            // act
            let refused = try await olga.post("/groups/\(slug)/edit", Self.edit(slug, requireTwoFactor: true))
            let requiredAfterRefusal = try await Self.required(app, slug)
            _ = try await TwoFactorSupport.enrol(&olga, app)
            let saved = try await olga.post("/groups/\(slug)/edit", Self.edit(slug, requireTwoFactor: true))
            let shown = try await olga.get("/groups/\(slug)/edit")
            // check
            #expect(form.contains(#"<label for="require_two_factor">Organizers must use two-factor sign-in</label>"#))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("Set up two-factor sign-in for yourself first"))
            #expect(refused.contains(#"name="require_two_factor" type="checkbox" value="on" checked"#))
            #expect(requiredAfterRefusal == false)
            #expect(saved.status == .seeOther)
            #expect(try await Self.required(app, slug) == true)
            #expect(shown.contains(#"name="require_two_factor" type="checkbox" value="on" checked"#))
        }
    }

    @Test func anOrganizerWithoutItIsSentToSetItUpButMembersAreNot() async throws {
        try await withApp { app in
            // setup
            var olga = try await app.person("olga")
            let slug = try await olga.createGroup("Leeds Circle")
            let (secret, _) = try await TwoFactorSupport.enrol(&olga, app)
            try #require(
                try await olga.post("/groups/\(slug)/edit", Self.edit(slug, requireTwoFactor: true)).status
                    == .seeOther
            )
            var pat = try await app.person("pat")
            var moe = try await app.person("moe")
            _ = try await pat.post("/groups/\(slug)/join")
            _ = try await moe.post("/groups/\(slug)/join")
            try await app.store.sql.raw(
                """
                UPDATE memberships SET role = 'organizer' WHERE person_id = \
                (SELECT id FROM people WHERE handle = 'pat')
                """
            ).run()
            // act
            let patHome = try await pat.get("/")
            let patSetUp = try await pat.get("/me/two-factor")
            let patLogOut = try await pat.post("/logout")
            let moeHome = try await moe.get("/")
            let olgaHome = try await olga.get("/")
            _ = try await olga.post("/me/two-factor/disable", [("disable_code", TwoFactorSupport.code(secret, app))])
            let olgaWithout = try await olga.get("/groups/\(slug)")
            // check
            #expect(patHome.status == .seeOther)
            #expect(patHome.location == "/me/two-factor")
            #expect(patSetUp.status == .ok)
            #expect(patSetUp.contains("The group Leeds Circle requires its organizers to use two-factor sign-in."))
            #expect(patSetUp.contains("totp-secret"))
            #expect(patLogOut.status == .seeOther)
            #expect(patLogOut.location == "/")
            #expect(moeHome.status == .ok)
            #expect(olgaHome.status == .ok)
            #expect(olgaWithout.status == .seeOther)
            #expect(olgaWithout.location == "/me/two-factor")
        }
    }
}
