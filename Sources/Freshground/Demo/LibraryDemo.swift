import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The library's demo: publications in the journals of public groups (mostly articles, some reports from below,
/// links, recordings and pamphlets; about one in twenty still a draft or waiting for the editors), centers' and
/// coalitions' recommendations with the journal's tally, debates, and the search index over everything
/// published. Rows look as the use-cases write them (`Workflow`, `Recommendations`, `Debates`), but go in as
/// batched multi-row inserts with explicit ids, so a large library takes seconds. The first debate written has
/// exactly 2,000 replies, for the benchmark; in a fresh database it is `/debates/1`.
extension DemoData {
    /// How much library a network gets: 300 publications for `small`, one per person otherwise.
    struct LibrarySize {
        let publications: Int
        let recommendations: Int
        let debates: Int
        static let bigDebateReplies = 2_000

        init(_ size: Size) {
            publications = size == .small ? 300 : size.people
            recommendations = publications / 5
            debates = size == .small ? 5 : min(200, max(5, size.people / 500))
        }
    }

    /// A public group with the organizer who acts for it.
    struct Journal: Decodable {
        let id: Int
        let organizer: Int
    }

    /// A published piece, remembered for recommendations and debates.
    struct Piece {
        let id: Int
        let title: String
        let byline: String
        let at: Date
    }

    typealias Rows = [[any Encodable & Sendable]]

    func writeLibrary(_ size: Size) async throws {
        let plan = LibrarySize(size)
        var random = SeededRandom(seed: 1871)
        var people: [(id: Int, name: String)] = []
        for row in try await sql.raw("SELECT id, handle, display_name FROM people WHERE handle <> 'admin' ORDER BY id")
            .rows(PersonRow.self)
        {
            people.append((row.id, row.displayName.isEmpty ? row.handle : row.displayName))
        }
        var journals: [String: [Journal]] = [:]
        for row in try await sql.raw(
            """
            SELECT g.id, g.kind, MIN(m.person_id) AS organizer FROM groups g
            JOIN memberships m ON m.group_id = g.id AND m.role = 'organizer' AND m.status = 'active'
            WHERE g.visibility = 'public' GROUP BY g.id, g.kind ORDER BY g.id
            """
        ).rows(JournalRow.self) {
            journals[row.kind, default: []].append(Journal(id: row.id, organizer: row.organizer))
        }
        let centers = journals["center"] ?? []
        let coalitions = journals["coalition"] ?? []
        let circles = journals["circle"] ?? []
        guard !people.isEmpty, !centers.isEmpty, !coalitions.isEmpty, !circles.isEmpty else { return }
        let pieces = try await writePublications(
            plan.publications,
            people: people,
            centers: centers,
            coalitions: coalitions,
            circles: circles,
            &random
        )
        try await writeRecommendations(plan.recommendations, of: pieces, by: centers + coalitions, &random)
        try await writeDebates(plan.debates, people: people, journals: centers + coalitions + circles, pieces, &random)
        if isSQLite {
            try await sql.raw("INSERT INTO search_docs (search_docs) VALUES ('optimize')").run()
        } else {
            // Explicit ids leave the identity sequences behind; move them past the demo's rows.
            for table in ["posts", "debates", "positions", "replies"] {
                try await sql.raw(
                    "SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), MAX(id)) FROM \(unsafeRaw: table)"
                ).run()
            }
        }
    }

    private func writePublications(
        _ count: Int,
        people: [(id: Int, name: String)],
        centers: [Journal],
        coalitions: [Journal],
        circles: [Journal],
        _ random: inout SeededRandom
    ) async throws -> [Piece] {
        let firstID = try await nextID("posts")
        let rareCount = max(1, count / 10)
        var pieces: [Piece] = []
        var start = 0
        while start < count {
            let end = min(count, start + 2_000)
            var posts: Rows = []
            var authors: Rows = []
            var tags: Rows = []
            var publishers: Rows = []
            var reports: Rows = []
            var reviews: Rows = []
            var docs: Rows = []
            for index in start..<end {
                let id = firstID + index
                let pick = random.next(10)
                let journal =
                    pick < 4
                    ? centers[random.next(centers.count)]
                    : pick < 5 ? coalitions[random.next(coalitions.count)] : circles[random.next(circles.count)]
                let roll = random.next(100)
                let kind =
                    roll < 68
                    ? "article" : roll < 78 ? "report" : roll < 86 ? "link" : roll < 93 ? "recording" : "pamphlet"
                let statusRoll = random.next(100)
                let status = statusRoll < 3 ? "draft" : statusRoll < 5 ? "submitted" : "published"
                let author = people[random.next(people.count)]
                // A pseudonymous byline points at nobody; a co-author's name is only text, as the form writes it.
                let pseudonymous = random.next(100) < (kind == "report" ? 80 : 12)
                var names = [pseudonymous ? DemoWords.pseudonyms[random.next(DemoWords.pseudonyms.count)] : author.name]
                if !pseudonymous && (kind == "article" || kind == "pamphlet") && random.next(10) == 0 {
                    names.append(people[random.next(people.count)].name)
                }
                for (position, name) in names.enumerated() {
                    authors.append([id, position, position == 0 && !pseudonymous ? author.id : nil as Int?, name])
                }
                var pieceTags: [String] = []
                for _ in 0...random.next(3) {
                    let tag = DemoWords.tags[random.next(DemoWords.tags.count)]
                    if !pieceTags.contains(tag) { pieceTags.append(tag) }
                }
                tags.append(contentsOf: pieceTags.map { [id, $0] })
                let title =
                    DemoWords.titleOpenings[random.next(DemoWords.titleOpenings.count)] + " "
                    + DemoWords.titleSubjects[random.next(DemoWords.titleSubjects.count)]
                    + (random.next(3) == 0 ? " in \(DemoWords.cities[random.next(DemoWords.cities.count)])" : "")
                let summary = random.next(10) < 7 ? DemoWords.sentences[random.next(DemoWords.sentences.count)] : ""
                let rare = "We heard the same story in \(DemoWords.rarePlace(index % rareCount))."
                let body: String
                if kind == "report" {
                    let report = Self.report(rare: rare, &random)
                    reports.append([id] + report.row)
                    body = report.markdown
                } else {
                    body = Self.body(kind: kind, rare: rare, &random)
                }
                let published = status == "published"
                // Two years of writing, dated in id order as the site assigns ids, give or take an hour.
                let age = 730 * 86_400 * Double(count - index) / Double(count) + Double(random.next(3_600))
                let at = now.addingTimeInterval(-age)
                posts.append([
                    id, journal.id, author.id, kind, status, title, body, at, summary, Markdown.html(body),
                    names.joined(separator: ", "), kind == "link" ? "https://news.example.org/\(index)" : "",
                    kind == "link" ? DemoWords.linkSources[index % DemoWords.linkSources.count] : "",
                    kind == "recording" ? "https://media.example.org/talks/\(index).mp3" : "",
                    published ? at : nil as Date?, at,
                ])
                if status == "submitted" { reviews.append([id, journal.id, author.id, "submitted", "", at]) }
                guard published else { continue }
                reviews.append([id, journal.id, journal.organizer, "accepted", "", at])
                publishers.append([id, journal.id, "accepted", journal.organizer, at])
                if random.next(100) < 3 {
                    let other = centers[random.next(centers.count)]
                    if other.id != journal.id { publishers.append([id, other.id, "accepted", other.organizer, at]) }
                }
                // What `Workflow` indexes on publishing: the summary, the text without markup, the tags.
                let text = [summary, Markdown.plainText(body, limit: 100_000), pieceTags.joined(separator: " ")]
                docs.append([id, title, text.filter { !$0.isEmpty }.joined(separator: "\n")])
                pieces.append(Piece(id: id, title: title, byline: names.joined(separator: ", "), at: at))
            }
            try await sql.insertRows(
                into: "posts",
                columns: [
                    "id", "group_id", "author_id", "kind", "status", "title", "body", "created_at", "summary",
                    "body_html", "byline", "link_url", "link_source", "media_url", "published_at", "updated_at",
                ],
                rows: posts
            )
            try await sql.insertRows(
                into: "post_authors",
                columns: ["post_id", "position", "person_id", "name"],
                rows: authors
            )
            try await sql.insertRows(into: "post_tags", columns: ["post_id", "tag"], rows: tags)
            try await sql.insertRows(
                into: "post_publishers",
                columns: ["post_id", "group_id", "status", "invited_by", "created_at"],
                rows: publishers
            )
            try await sql.insertRows(
                into: "post_reports",
                columns: [
                    "post_id", "place_kind", "sector", "city", "place_name", "hide_place", "happening", "doing",
                    "worked", "needs",
                ],
                rows: reports
            )
            try await sql.insertRows(
                into: "post_reviews",
                columns: ["post_id", "group_id", "actor_id", "action", "note", "created_at"],
                rows: reviews
            )
            try await sql.insertRows(into: "search_docs", columns: [searchIDColumn, "title", "body"], rows: docs)
            start = end
            if progress { report("publications", done: end, total: count) }
        }
        return pieces
    }

    /// Recommendations lean toward a few popular pieces; each also posts its notice in the recommending group,
    /// and the journal's tally is computed from them exactly as `Recommendations.retally` does for one piece.
    private func writeRecommendations(
        _ count: Int,
        of pieces: [Piece],
        by groups: [Journal],
        _ random: inout SeededRandom
    ) async throws {
        guard !pieces.isEmpty else { return }
        var noticeID = try await nextID("posts")
        let popular = min(pieces.count, max(10, pieces.count / 50))
        var chosen = Set<Int>()
        var notices: Rows = []
        var recommendations: Rows = []
        var attempts = 0
        while recommendations.count < count && attempts < count * 5 {
            attempts += 1
            let pieceIndex = random.next(100) < 60 ? random.next(popular) : random.next(pieces.count)
            let groupIndex = random.next(groups.count)
            guard chosen.insert(pieceIndex * groups.count + groupIndex).inserted else { continue }
            let piece = pieces[pieceIndex]
            let group = groups[groupIndex]
            let window = min(60 * 86_400, now.timeIntervalSince(piece.at))
            let at = piece.at.addingTimeInterval(window * Double(random.next(1_000)) / 1_000)
            let note = DemoWords.notes[random.next(DemoWords.notes.count)]
            var linkText = ""
            for character in piece.title {
                if "\\[]*_`".contains(character) { linkText.append("\\") }
                linkText.append(character)
            }
            let notice = "[\(linkText)](/library/\(piece.id)) by \(piece.byline)" + (note.isEmpty ? "" : "\n\n\(note)")
            notices.append([
                noticeID, group.id, group.organizer, "recommendation", "published", "Recommended: \(piece.title)",
                notice, Markdown.html(notice), at,
            ])
            recommendations.append([piece.id, group.id, group.organizer, note, noticeID, at])
            noticeID += 1
        }
        try await batched(
            "posts",
            ["id", "group_id", "author_id", "kind", "status", "title", "body", "body_html", "created_at"],
            notices
        )
        try await batched(
            "recommendations",
            ["post_id", "group_id", "person_id", "note", "announcement_id", "created_at"],
            recommendations
        )
        try await sql.raw(
            """
            INSERT INTO journal_entries (post_id, recommendations, latest_at)
            SELECT post_id, COUNT(*), MAX(created_at) FROM recommendations GROUP BY post_id
            """
        ).run()
    }

    /// An article, pamphlet, link note or recording's description, as Markdown, naming one rare place.
    private static func body(kind: String, rare: String, _ random: inout SeededRandom) -> String {
        let paragraphs =
            switch kind {
            case "pamphlet": 6 + random.next(4)
            case "article": 3 + random.next(3)
            default: 1 + random.next(2)
            }
        var parts: [String] = []
        for number in 0..<paragraphs {
            if kind == "pamphlet" && number % 3 == 0 { parts.append("# Part \(number / 3 + 1)") }
            var sentences: [String] = []
            for _ in 0..<(2 + random.next(3)) {
                sentences.append(DemoWords.sentences[random.next(DemoWords.sentences.count)])
            }
            if number == paragraphs / 2 { sentences.append(rare) }
            parts.append(sentences.joined(separator: " "))
            if kind == "article" && number == 1 && random.next(3) == 0 {
                parts.append("- Meet where people already are\n- Keep the minutes public\n- Ask for **one** thing")
            }
        }
        parts.append("*\(DemoWords.closings[random.next(DemoWords.closings.count)])*")
        return parts.joined(separator: "\n\n")
    }

    /// A report from below: its form's columns (after `post_id`) and its body as `ReportDetails.markdown` writes it.
    private static func report(
        rare: String,
        _ random: inout SeededRandom
    ) -> (row: [any Encodable & Sendable], markdown: String) {
        let placeKinds = ["workplace", "school", "community"]
        let sector = DemoWords.sectors[random.next(DemoWords.sectors.count)]
        let city = DemoWords.cities[random.next(DemoWords.cities.count)]
        let answers = [
            DemoWords.reportParts[0] + " " + rare, DemoWords.reportParts[1], DemoWords.reportParts[2],
            random.next(4) == 0 ? "" : DemoWords.reportParts[3],
        ]
        let headings = [
            "What is happening", "What people are doing about it", "What worked", "What they need",
        ]
        let markdown = zip(headings, answers).filter { !$0.1.isEmpty }.map { "# \($0.0)\n\n\($0.1)" }
            .joined(separator: "\n\n")
        let row: [any Encodable & Sendable] = [
            placeKinds[random.next(3)], sector, city, "\(sector) site \(random.next(50) + 1)", random.next(10) < 8,
            answers[0], answers[1], answers[2], answers[3],
        ]
        return (row, markdown)
    }

    var searchIDColumn: String { isSQLite ? "rowid" : "doc_id" }

    func nextID(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM \(unsafeRaw: table)").value("n", as: Int.self) ?? 1
    }
}

/// A person who writes in the demo library.
private struct PersonRow: Decodable {
    let id: Int
    let handle: String
    let displayName: String
}

/// A public group of a kind with the organizer who acts for it.
private struct JournalRow: Decodable {
    let id: Int
    let kind: String
    let organizer: Int
}
