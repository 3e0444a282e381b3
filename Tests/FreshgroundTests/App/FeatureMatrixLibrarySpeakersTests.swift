import Foundation
import Testing

/// The library (journal pieces, drafts, submissions, reading lists) and the speakers' roster as tables of who may
/// read and do what; see `FeatureMatrixSupport`.
@Suite("Authorization matrix: library and speakers")
struct FeatureMatrixLibrarySpeakersTests {
    /// In the private coalition's journal: a published piece ("Hidden Journal Piece") and quinn's draft ("Quinn
    /// Hidden Draft"); in the public one's: quinn's piece waiting for its editors ("Quinn Submitted Piece"); quinn's
    /// private reading list ("Quinn Private Shelf") and public one ("Quinn Open Shelf", holding the private piece
    /// with a note). A speaker of each coalition ("Hidden Roster Speaker", "Open Roster Speaker"), each with a
    /// contact address.
    static func plant(_ app: TestApp, _ world: inout FeatureWorld) async throws {
        let (hidden, open) = (world.values["hidden"]!, world.values["open"]!)
        var olive = world.olive
        let piece = try await publishPiece(&world.quinn, editor: &olive, journal: hidden, title: "Hidden Journal Piece")
        world.olive = olive
        let hiddenDraft = try await draft(&world.quinn, journal: hidden, title: "Quinn Hidden Draft")
        let submitted = try await draft(&world.quinn, journal: open, title: "Quinn Submitted Piece")
        try await submit(&world.quinn, submitted)
        var lists: [String] = []
        for (title, isPublic) in [("Quinn Private Shelf", false), ("Quinn Open Shelf", true)] {
            let made = try await world.quinn.post(
                "/lists",
                [("title", title), ("description", "")] + (isPublic ? [("public", "on")] : [])
            )
            let list = try FeatureWorld.id(made, title)
            let added = try await world.quinn.post(
                "/lists/\(list)/items",
                [("publication", "Hidden Journal Piece"), ("note", "QuinnShelfNote")]
            )
            try #require(added.status == .seeOther, "setup: list item \(added.status)")
            lists.append(list)
        }
        let speaker = try await addSpeaker(
            &world.olive,
            group: hidden,
            name: "Hidden Roster Speaker",
            contact: "hidden-contact@example.org"
        )
        let openSpeaker = try await addSpeaker(
            &world.olive,
            group: open,
            name: "Open Roster Speaker",
            contact: "open-contact@example.org"
        )
        for (key, value) in [
            ("piece", piece), ("hiddenDraft", hiddenDraft), ("submitted", submitted), ("speaker", speaker),
            ("openSpeaker", openSpeaker),
        ] {
            world.values[key] = String(value)
        }
        (world.values["privateList"], world.values["openList"]) = (lists[0], lists[1])
    }

    static let insiders: Set<FeatureViewer> = [.member, .editor, .organizer]
    static let editors: Set<FeatureViewer> = [.editor, .organizer]
    static let piece = "Hidden Journal Piece"
    static let contact = "hidden-contact@example.org"

    /// A private group's journal is its members'; a draft its author's; a submitted piece its author's and the
    /// journal's editors'; a private reading list its owner's, and a public one shows a private piece (and its
    /// note) only to those who may read the piece. The roster is public, but a speaker's contact is for the
    /// editors and organizers of the group that added them, and a private group is named only to its members.
    // swift-format-ignore
    static let reads: [FeatureRead] = [
        //            path                                          anon     outsider member   editor   organizer other    admin
        FeatureRead("/library",                                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/journal",                                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/journal/feed.atom",                           .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/api/v1/library",                              .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/search?q=Hidden",                             .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/api/v1/search?q=Hidden",                      .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: []),
        FeatureRead("/library/{piece}",                             .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: piece, for: insiders),
        FeatureRead("/api/v1/library/{piece}",                      .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden,
                    secret: piece, for: insiders),
        FeatureRead("/library/{piece}/corrections",                 .hidden, .hidden, .seen,   .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/library/{piece}/edit",                        .login,  .hidden, .denied, .denied, .denied, .hidden, .hidden),
        FeatureRead("/library/{hiddenDraft}",                       .hidden, .hidden, .hidden, .hidden, .hidden, .hidden, .hidden,
                    secret: "Quinn Hidden Draft", for: []),
        FeatureRead("/api/v1/library/{hiddenDraft}",                .hidden, .hidden, .hidden, .hidden, .hidden, .hidden, .hidden,
                    secret: "Quinn Hidden Draft", for: []),
        FeatureRead("/library/{hiddenDraft}/edit",                  .login,  .hidden, .hidden, .hidden, .hidden, .hidden, .hidden),
        FeatureRead("/library/{submitted}",                         .hidden, .hidden, .hidden, .seen,   .seen,   .hidden, .hidden,
                    secret: "Quinn Submitted Piece", for: editors),
        FeatureRead("/api/v1/library/{submitted}",                  .hidden, .hidden, .hidden, .seen,   .seen,   .hidden, .hidden,
                    secret: "Quinn Submitted Piece", for: editors),
        FeatureRead("/api/v1/library/{submitted}/reviews",          .hidden, .hidden, .hidden, .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/library/{submitted}/edit",                    .login,  .hidden, .hidden, .denied, .denied, .hidden, .hidden),
        FeatureRead("/groups/{open}/submissions",                   .login,  .denied, .denied, .seen,   .seen,   .denied, .denied,
                    secret: "Quinn Submitted Piece", for: editors),
        FeatureRead("/groups/{hidden}/submissions",                 .login,  .hidden, .denied, .seen,   .seen,   .hidden, .hidden),
        FeatureRead("/lists/{privateList}",                         .hidden, .hidden, .hidden, .hidden, .hidden, .hidden, .hidden,
                    secret: "Quinn Private Shelf", for: []),
        FeatureRead("/api/v1/lists/{privateList}",                  .hidden, .hidden, .hidden, .hidden, .hidden, .hidden, .hidden,
                    secret: "Quinn Private Shelf", for: []),
        FeatureRead("/lists/{openList}",                            .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "QuinnShelfNote", for: insiders),
        FeatureRead("/api/v1/lists/{openList}",                     .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: piece, for: insiders),
        FeatureRead("/me/lists",                                    .login,  .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Quinn Private Shelf", for: []),
        FeatureRead("/speakers",                                    .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: contact, for: []),
        FeatureRead("/api/v1/speakers",                             .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: contact, for: []),
        FeatureRead("/speakers/{speaker}",                          .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: contact, for: editors),
        FeatureRead("/speakers/{speaker}",                          .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Coalition", for: insiders),
        FeatureRead("/api/v1/speakers/{speaker}",                   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: contact, for: editors),
        FeatureRead("/speakers/{speaker}/edit",                     .login,  .denied, .denied, .seen,   .seen,   .denied, .denied,
                    secret: contact, for: editors),
        FeatureRead("/speakers/{openSpeaker}",                      .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "open-contact@example.org", for: editors),
        FeatureRead("/api/v1/speakers/{openSpeaker}",               .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "open-contact@example.org", for: editors),
        FeatureRead("/speakers/{openSpeaker}/edit",                 .login,  .denied, .denied, .seen,   .seen,   .denied, .denied),
        FeatureRead("/tours",                                       .seen,   .seen,   .seen,   .seen,   .seen,   .seen,   .seen,
                    secret: "Hidden Coalition", for: []),
    ]

    // swift-format-ignore
    static let writes: [FeatureWrite] = [
        //           row                                                   anon    outsider member   editor   organizer other    admin
        FeatureWrite("add to quinn's private reading list",
                     .form("/lists/{privateList}/items", [("publication", "Hidden Journal Piece"), ("note", "Mine")]),
                     effect: "SELECT COUNT(*) AS n FROM reading_list_items WHERE list_id = {privateList} AND note = 'Mine'",
                                                                           .login, .hidden, .hidden, .hidden, .hidden, .hidden, .hidden),
        FeatureWrite("accept quinn's submitted piece", .form("/library/{submitted}/review", [("action", "accept"), ("note", "")]),
                     effect: "SELECT COUNT(*) AS n FROM posts WHERE id = {submitted} AND status = 'published'",
                                                                           .login, .hidden, .hidden, .done,   .done,   .hidden, .hidden),
        FeatureWrite("add dates to the private coalition's speaker",
                     .form("/speakers/{speaker}/availability", [("from", "2026-12-01"), ("until", "2026-12-05")]),
                     effect: "SELECT COUNT(*) AS n FROM speaker_availability WHERE speaker_id = {speaker}",
                                                                           .login, .denied, .denied, .done,   .done,   .denied, .denied),
        FeatureWrite("add a speaker for the private coalition",
                     .form("/speakers", [("group", "{hidden}"), ("name", "Matrix Speaker"), ("city", "leeds")]),
                     effect: "SELECT COUNT(*) AS n FROM speakers WHERE name = 'Matrix Speaker'",
                                                                           .login, .invalid, .invalid, .done, .done,   .invalid, .invalid),
    ]

    @Test("Each viewer reads and does exactly what the tables say", arguments: FeatureViewer.allCases)
    func matrix(viewer: FeatureViewer) async throws {
        try await runFeatureMatrix(viewer: viewer, reads: Self.reads, writes: Self.writes, plant: Self.plant)
    }
}
