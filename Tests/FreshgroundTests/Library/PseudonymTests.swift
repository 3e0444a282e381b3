import Foundation
import HTTPTypes
import Testing

/// A report from below signed with a pseudonym, with its workplace hidden: the account behind it and the place
/// reach only the author and the journal's editors, wherever else the piece shows up.
@Suite("Library: pseudonyms and hidden places")
struct PseudonymTests {
    static let title = "Night shift at the depot"
    static let placeName = "Brightline Depot"
    /// What must never reach other readers: the account's handle and shown name, and the workplace.
    static let secrets = [LibraryNetwork.authorHandle, LibraryNetwork.authorName, placeName]

    @Test func anonymousVisitorsSeeNeitherTheAccountNorThePlace() async throws {
        try await withApp { app in
            // setup
            let id = try await pseudonymousReport(app).id
            var anonymous = app.visitor()
            // act & check
            try await expectNoSecrets(&anonymous, id: id)
        }
    }

    @Test func aMemberOfAnotherGroupSeesNeitherTheAccountNorThePlace() async throws {
        try await withApp { app in
            // setup: bob is in Leeds Circle, which has nothing to do with the report
            var report = try await pseudonymousReport(app)
            // act & check
            try await expectNoSecrets(&report.net.reader, id: report.id)
        }
    }

    @Test func theCoPublishingAndRecommendingCentersMembersSeeNeitherTheAccountNorThePlace() async throws {
        try await withApp { app in
            // setup: North Center co-publishes and recommends the report; eddie is its editor, mona a member
            var report = try await pseudonymousReport(app)
            // act & check
            try await expectNoSecrets(&report.net.editor, id: report.id)
            try await expectNoSecrets(&report.net.member, id: report.id)
            try await expectNoSecrets(&report.net.organizer, id: report.id)
        }
    }

    @Test func theFeedOfACircleFollowingTheRecommendingCenterShowsNeitherTheAccountNorThePlace() async throws {
        try await withApp { app in
            // setup
            var report = try await pseudonymousReport(app)
            // act
            let home = try await report.net.reader.get("/")
            let feed = try await report.net.reader.api(.get, "/api/v1/feed")
            // check
            for page in [home, feed] {
                #expect(page.status == .ok)
                #expect(page.contains("Recommended: \(Self.title)"), "the recommendation reached the feed")
                #expect(page.contains("A picker"))
                for secret in Self.secrets { #expect(!page.contains(secret), "\(secret) in the feed") }
            }
        }
    }

    @Test func theAuthorAndTheJournalsEditorsSeeTheSubmitterAndThePlace() async throws {
        try await withApp { app in
            // setup: the report went to South Center, whose organizer is sam
            var report = try await pseudonymousReport(app)
            let id = report.id
            // act
            let authorsPage = try await report.net.author.get("/library/\(id)")
            let editorsPage = try await report.net.otherOrganizer.get("/library/\(id)")
            let editorsAPI = try await report.net.otherOrganizer.api(.get, "/api/v1/library/\(id)")
            // check
            for page in [authorsPage, editorsPage] {
                #expect(page.contains("Account: @\(LibraryNetwork.authorHandle) (\(LibraryNetwork.authorName))"))
                #expect(page.contains("\(Self.placeName) (hidden from readers), Leeds · logistics"))
            }
            let details = try #require(editorsAPI.json["report"] as? [String: Any])
            #expect(details["placeName"] as? String == Self.placeName)
        }
    }

    @Test func aPseudonymousBylineHasNoHandle() async throws {
        try await withApp { app in
            // setup
            let id = try await pseudonymousReport(app).id
            var anonymous = app.visitor()
            // act
            let api = try await anonymous.api(.get, "/api/v1/library/\(id)")
            // check
            let authors = try #require(api.json["authors"] as? [[String: Any]])
            #expect(authors.count == 1)
            #expect(authors.first?["name"] as? String == "A picker")
            #expect(authors.first?["handle"] is NSNull)
            let report = try #require(api.json["report"] as? [String: Any])
            #expect(report["placeName"] as? String == "")
            #expect(report["hidePlace"] as? Bool == true)
            #expect(report["city"] as? String == "Leeds")
        }
    }

    @Test func anArticleUnderOnesOwnNameCarriesTheHandle() async throws {
        try await withApp { app in
            // setup
            var net = try await libraryNetwork(app)
            let own = try await publishPiece(&net.author, editor: &net.editor, journal: net.center, title: "Signed")
            let shared = try await publishPiece(
                &net.author,
                editor: &net.editor,
                journal: net.center,
                title: "Written together",
                fields: [("byline", "\(LibraryNetwork.authorName), Grace Hopper")]
            )
            var anonymous = app.visitor()
            // act
            let ownAPI = try await anonymous.api(.get, "/api/v1/library/\(own)")
            let sharedAPI = try await anonymous.api(.get, "/api/v1/library/\(shared)")
            // check
            let ownAuthors = try #require(ownAPI.json["authors"] as? [[String: Any]])
            #expect(ownAuthors.map { $0["name"] as? String } == [LibraryNetwork.authorName])
            #expect(ownAuthors.map { $0["handle"] as? String } == [LibraryNetwork.authorHandle])
            let sharedAuthors = try #require(sharedAPI.json["authors"] as? [[String: Any]])
            #expect(sharedAuthors.map { $0["name"] as? String } == [LibraryNetwork.authorName, "Grace Hopper"])
            #expect(sharedAuthors.first?["handle"] as? String == LibraryNetwork.authorHandle)
            #expect(sharedAuthors.last?["handle"] is NSNull, "a co-author's name is not an account")
        }
    }

    /// Checks everything `viewer` can read about the report: each response must show the report (so the check
    /// is not vacuous) and none of the secrets.
    private func expectNoSecrets(_ viewer: inout Visitor, id: Int) async throws {
        let center = "north-center"
        let journal = "south-center"
        let paths = [
            "/library/\(id)", "/api/v1/library/\(id)", "/library", "/api/v1/library", "/journal", "/api/v1/journal",
            "/journal/feed.atom", "/groups/\(journal)/feed.atom", "/groups/\(center)/feed.atom",
            "/tags/logistics/feed.atom", "/tags/logistics", "/search?q=breaks", "/api/v1/search?q=breaks",
            "/groups/\(journal)", "/groups/\(journal)/posts/\(id)", "/api/v1/groups/\(journal)/posts",
        ]
        for path in paths {
            let page = path.hasPrefix("/api/") ? try await viewer.api(.get, path) : try await viewer.get(path)
            #expect(page.status == .ok, "\(path)")
            #expect(page.contains(Self.title), "\(path) does not show the report")
            for secret in Self.secrets {
                #expect(
                    !page.contains(secret),
                    "\(path) shows \(secret) to \(viewer.handle.isEmpty ? "anonymous" : viewer.handle)"
                )
            }
        }
        let page = try await viewer.get("/library/\(id)")
        #expect(page.contains("by A picker"))
        #expect(page.contains("A workplace, Leeds · logistics"))
        #expect(!page.contains("Account: @"))
    }

    /// ada writes a report for South Center (sam accepts it) under the pseudonym "A picker", hiding her
    /// workplace; North Center co-publishes it (carol accepts) and recommends it (eddie).
    private func pseudonymousReport(_ app: TestApp) async throws -> (net: LibraryNetwork, id: Int) {
        var net = try await libraryNetwork(app)
        let id = try await publishPiece(
            &net.author,
            editor: &net.otherOrganizer,
            journal: net.otherCenter,
            title: Self.title,
            fields: reportFields(placeName: Self.placeName)
        )
        try await net.author.post("/library/\(id)/copublishers", [("group", net.center)])
        let answer = try await net.organizer.post("/library/\(id)/copublishers/\(net.center)", [("answer", "accept")])
        try #require(answer.status == .seeOther)
        let recommendation = try await recommend(&net.editor, id, for: net.center, note: "Read this.")
        try #require(recommendation.status == .seeOther)
        return (net: net, id: id)
    }
}
