import Testing

@testable import FreshgroundCore

/// Slugs made from names, and which slugs are accepted in URLs.
@Suite("Slugs")
struct SlugTests {
    @Test(
        "names become readable slugs",
        arguments: [
            ("Hello World", "hello-world"),
            ("Café Crème", "cafe-creme"),
            ("Cafe\u{301} Cre\u{300}me", "cafe-creme"),
            ("Straße & Ærøskøbing", "strasse-aeroskobing"),
            ("Łódź Coffee Łovers", "lodz-coffee-lovers"),
            ("  --Rock & Roll!!  ", "rock-roll"),
            ("Bob's Place", "bobs-place"),
            ("Bob\u{2019}s Place", "bobs-place"),
            ("C++ / Swift 6", "c-swift-6"),
            ("under_score.dot", "under-score-dot"),
            ("東京 Coffee", "coffee"),
            ("東京", ""),
            ("", ""),
        ]
    )
    func make(name: String, slug: String) {
        #expect(Slug.make(from: name) == slug)
    }

    @Test func longNamesAreCutToSixtyWithoutATrailingDash() {
        let slug = Slug.make(from: String(repeating: "abcd ", count: 40))
        #expect(slug.count <= Slug.maxLength)
        #expect(!slug.hasSuffix("-"))
        #expect(Slug.isValid(slug))
        #expect(Slug.make(from: String(repeating: "é", count: 100)) == String(repeating: "e", count: 60))
    }

    @Test(
        "made slugs are valid or too short",
        arguments: [
            "Coffee Lovers", "A", "ab", "x!", "🙂🙂🙂", "Ünïcødé Grøup", "--a--b--",
            String(repeating: "ß", count: 40),
        ]
    )
    func madeSlugsAreValidOrTooShort(name: String) {
        let slug = Slug.make(from: name)
        #expect(Slug.isValid(slug) || slug.count < 3)
        #expect(!slug.contains("--"))
    }

    @Test("valid slugs", arguments: ["abc", "a-b", "a1b", "123", "coffee-lovers-2", String(repeating: "z", count: 60)])
    func validSlug(_ slug: String) {
        #expect(Slug.isValid(slug))
    }

    @Test(
        "invalid slugs",
        arguments: [
            "", "ab", "-abc", "abc-", "Abc", "a_b", "a b", "a.b", "ab/c", "caf\u{E9}", "abc\n",
            String(repeating: "z", count: 61),
        ]
    )
    func invalidSlug(_ slug: String) {
        #expect(!Slug.isValid(slug))
    }

    @Test func reservedNamesCoverTheSitesOwnPaths() {
        for path in ["new", "edit", "api", "admin", "assets", "login", "logout", "signup", "me", "invites", "healthz"] {
            #expect(Slug.reserved.contains(path))
        }
        #expect(!Slug.reserved.contains("coffee"))
    }

    @Test func foldingTablesCoverTheirBlocks() {
        #expect(Slug.latin1.count == 0x100 - 0xC0)
        #expect(Slug.latinExtendedA.count == 0x180 - 0x100)
    }
}

/// Which account handles are accepted.
@Suite("Handles")
struct HandleTests {
    @Test("valid handles", arguments: ["bob", "bob_smith", "b-2", "123", "a__", String(repeating: "q", count: 32)])
    func validHandle(_ handle: String) {
        #expect(Handle.isValid(handle))
    }

    @Test(
        "invalid handles",
        arguments: [
            "", "bo", "_bob", "-bob", "Bob", "bob!", "b\u{F3}b", "bob smith", "bob.smith", "@bob",
            String(repeating: "q", count: 33),
        ]
    )
    func invalidHandle(_ handle: String) {
        #expect(!Handle.isValid(handle))
    }
}
