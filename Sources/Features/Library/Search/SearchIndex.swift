import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// What a search may be narrowed to. Any publication filter leaves debates out.
package struct SearchFilter: Sendable, Equatable {
    package var kind: PublicationKind?
    package var group: String = ""
    package var tag: String = ""
    package var from: Date?
    package var until: Date?

    package init() {}

    var narrowsPublications: Bool { kind != nil || !group.isEmpty || !tag.isEmpty || from != nil || until != nil }
}

/// One ranked result: the title and a snippet of the text around the matched words.
package struct SearchHit: Sendable, Encodable {
    package enum Kind: String, Sendable, Encodable { case publication, debate }

    package let type: Kind
    package let id: Int
    package let title: String
    /// Plain text, the matched words between `SearchIndex.markOpen` and `SearchIndex.markClose`.
    package let snippet: String
    /// Every key is sent, `null` where it does not apply (a debate has no kind or byline).
    @Nullable package private(set) var publicationKind: PublicationKind?
    @Nullable package private(set) var byline: String?
    @Nullable package private(set) var date: Date?
    package let url: String

    /// The memberwise initializer, with `url` made from `type` and `id`.
    init(
        type: Kind,
        id: Int,
        title: String,
        snippet: String,
        publicationKind: PublicationKind?,
        byline: String?,
        date: Date?
    ) {
        self.type = type
        self.id = id
        self.title = title
        self.snippet = snippet
        self.publicationKind = publicationKind
        self.byline = byline
        self.date = date
        url = type == .publication ? LibraryPaths.publication(id) : LibraryPaths.debate(id)
    }
}

/// Full-text search behind one interface: FTS5 on SQLite, `tsvector` on PostgreSQL. Only what everyone may
/// read is ever indexed (published pieces of public groups, debates), so a search cannot leak a draft; the
/// index holds titles and text, never an account.
///
/// What everyone may read can narrow after a piece was indexed: its journal turns private (the Groups feature,
/// which cannot know about the index, makes that change), or the piece stops being published. So every search
/// also checks each piece against the rows as they are now (`readableSQL`), and a piece that fails the check
/// is never ranked, counted or shown.
package struct SearchIndex: Sendable {
    let sql: any SQLDatabase
    let isSQLite: Bool

    package init(store: Store) { self.init(sql: store.sql, isSQLite: store.isSQLite) }

    /// The index seen through `sql`, which may be a transaction.
    init(sql: any SQLDatabase, isSQLite: Bool) {
        self.sql = sql
        self.isSQLite = isSQLite
    }

    /// Private-use characters that mark matches in snippets; they cannot come from a person's text in a way
    /// that matters, since the page escapes the snippet before turning them into `<mark>`.
    package static let markOpen = "\u{E000}"
    package static let markClose = "\u{E001}"

    private var docColumn: String { isSQLite ? "search_docs.rowid" : "search_docs.doc_id" }

    /// A document an anonymous visitor may read now: a debate, or a piece still published in a journal that is
    /// still public, the same rule as the piece's own page. Applied where results are ranked, so a hidden
    /// piece takes no place on a page. The window's bound does not check it: the bound only limits what is
    /// ranked, and a hidden piece inside the window leaves it one piece shorter.
    private var readableSQL: SQLQueryString {
        let doc = docColumn
        return """
             AND (\(unsafeRaw: doc) < 0 OR EXISTS (SELECT 1 FROM posts rp JOIN groups rg ON rg.id = rp.group_id
            WHERE rp.id = \(unsafeRaw: doc) AND rp.status = 'published' AND rg.visibility = 'public'))
            """
    }

    /// Adds or replaces a document.
    func put(docID: Int, title: String, body: String) async throws {
        try await remove(docID: docID)
        let idColumn = isSQLite ? "rowid" : "doc_id"
        try await sql.raw(
            """
            INSERT INTO search_docs (\(unsafeRaw: idColumn), title, body) VALUES (\(bind: docID), \(bind: title), \
            \(bind: body))
            """
        ).run()
    }

    /// Adds or replaces a published piece: its title, and its summary, plain text and tags as the body.
    func put(piece id: Int, title: String, summary: String, body: String, tags: [String]) async throws {
        try await put(
            docID: id,
            title: title,
            body: [summary, Markdown.plainText(body, limit: 100_000), tags.joined(separator: " ")]
                .filter { !$0.isEmpty }.joined(separator: "\n")
        )
    }

    func remove(docID: Int) async throws {
        try await sql.raw("DELETE FROM search_docs WHERE \(unsafeRaw: docColumn) = \(bind: docID)").run()
    }

    /// The words of a query: letters and digits only, so nothing a person types is read as search syntax.
    package static func terms(_ query: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in query.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current.prefix(64)))
                current = ""
            }
        }
        if !current.isEmpty { words.append(String(current.prefix(64))) }
        var seen = Set<String>()
        return Array(words.filter { seen.insert($0).inserted }.prefix(12))
    }

    /// Like `search`, but shared: everyone asking the same question until the next change gets the same answer,
    /// computed once (`AppServices.publicResults`). A word found in most of the library costs milliseconds of
    /// ranking, and is what many people look for at once.
    package static func sharedSearch(
        _ query: String,
        filter: SearchFilter,
        page: PageRequest,
        services: AppServices
    ) async throws -> Page<SearchHit> {
        let key = "search\u{1}\(terms(query).joined(separator: " "))\u{1}\(filter)\u{1}\(page.number),\(page.size)"
        return try await services.publicResults.value(key) {
            try await SearchIndex(store: services.store).search(query, filter: filter, page: page)
        }
    }

    /// Ranked results for every word of the query, best first.
    package func search(_ query: String, filter: SearchFilter, page: PageRequest) async throws -> Page<SearchHit> {
        let words = Self.terms(query)
        guard !words.isEmpty else { return Page(probed: [], request: page) }
        let rows = try await (isSQLite ? sqliteSearch(words, filter, page) : postgresSearch(words, filter, page))
        let hits = rows.map { row -> SearchHit in
            let doc = row.docId
            return SearchHit(
                type: doc > 0 ? .publication : .debate,
                id: abs(doc),
                title: row.title,
                snippet: row.snip ?? "",
                publicationKind: doc > 0 ? row.kind : nil,
                byline: doc > 0 ? row.byline : nil,
                date: doc > 0 ? row.publishedAt : row.debateAt
            )
        }
        return Page(probed: hits, request: page)
    }

    /// Relevance is ranked among the newest `window` matching publications (and every matching debate).
    /// Ranking every match of a word found in most documents costs time in proportion to the whole library
    /// (65 ms for a word in 90,000 of 100,000 pieces); within the window it stays near 8 ms, and rare words,
    /// with fewer matches than the window, are ranked exactly.
    static let window = 2_000

    /// SQLite in one statement (each statement is a trip to the thread pool): the id where the window
    /// starts, the ranked page (publications in the window, debates apart), then titles and snippets for the
    /// page's rows only. `CROSS JOIN` keeps the ranked page as the outer loop, so FTS5 finds each of its rows by
    /// id rather than computing a snippet for every match.
    private func sqliteSearch(
        _ words: [String],
        _ filter: SearchFilter,
        _ page: PageRequest
    ) async throws -> [HitRow] {
        let match = words.map { "\"\($0)\"" }.joined(separator: " ")
        let debates: SQLQueryString =
            filter.narrowsPublications
            ? ""
            : """
             UNION ALL SELECT search_docs.rowid AS doc_id, bm25(search_docs, 4.0, 1.0) AS score FROM search_docs
            WHERE search_docs MATCH \(bind: match) AND search_docs.rowid < 0
            """
        return try await sql.raw(
            """
            WITH bound AS (SELECT COALESCE((SELECT search_docs.rowid FROM search_docs
                WHERE search_docs MATCH \(bind: match) AND search_docs.rowid > 0\(filterSQL(filter))
                ORDER BY search_docs.rowid DESC LIMIT 1 OFFSET \(bind: Self.window - 1)), 1) AS id),
            ranked AS (SELECT doc_id, score FROM (SELECT search_docs.rowid AS doc_id, bm25(search_docs, 4.0, 1.0) AS score
                FROM search_docs WHERE search_docs MATCH \(bind: match)
                AND search_docs.rowid >= (SELECT id FROM bound)\(filterSQL(filter))\(readableSQL)\(debates)) hits
              ORDER BY score, doc_id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset))
            SELECT search_docs.rowid AS doc_id, search_docs.title AS title,
              snippet(search_docs, 1, '\(unsafeRaw: Self.markOpen)', '\(unsafeRaw: Self.markClose)', '…', 24) AS snip,
              p.kind AS kind, p.byline AS byline, p.published_at AS published_at, d.created_at AS debate_at
            FROM ranked CROSS JOIN search_docs LEFT JOIN posts p ON p.id = search_docs.rowid
              LEFT JOIN debates d ON d.id = -search_docs.rowid
            WHERE search_docs.rowid = ranked.doc_id AND search_docs MATCH \(bind: match)
            ORDER BY ranked.score, ranked.doc_id DESC
            """
        ).rows(HitRow.self)
    }

    /// PostgreSQL in one statement: the window's start, the ranked page, then headlines for its rows only.
    private func postgresSearch(
        _ words: [String],
        _ filter: SearchFilter,
        _ page: PageRequest
    ) async throws
        -> [HitRow]
    {
        let tsquery = words.joined(separator: " & ")
        let debates: SQLQueryString = filter.narrowsPublications ? "" : " OR search_docs.doc_id < 0"
        return try await sql.raw(
            """
            WITH q AS (SELECT to_tsquery('english', \(bind: tsquery)) AS query),
            bound AS (SELECT search_docs.doc_id FROM search_docs, q WHERE tsv @@ q.query AND search_docs.doc_id > 0\(
                filterSQL(filter))
              ORDER BY search_docs.doc_id DESC OFFSET \(bind: Self.window - 1) LIMIT 1),
            top AS (SELECT search_docs.doc_id, ts_rank_cd(tsv, q.query) AS score FROM search_docs, q
              WHERE tsv @@ q.query\(filterSQL(filter))
                AND (search_docs.doc_id >= COALESCE((SELECT doc_id FROM bound), 1)\(debates))\(readableSQL)
              ORDER BY score DESC, search_docs.doc_id DESC
              LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset))
            SELECT top.doc_id, search_docs.title,
              ts_headline('english', search_docs.body, q.query,
                'StartSel=\(unsafeRaw: Self.markOpen), StopSel=\(unsafeRaw: Self.markClose), MaxWords=30, MinWords=12') AS snip,
              p.kind AS kind, p.byline AS byline, p.published_at AS published_at, d.created_at AS debate_at
            FROM top CROSS JOIN q JOIN search_docs ON search_docs.doc_id = top.doc_id
            LEFT JOIN posts p ON p.id = top.doc_id LEFT JOIN debates d ON d.id = -top.doc_id
            ORDER BY top.score DESC, top.doc_id DESC
            """
        ).rows(HitRow.self)
    }

    /// The filters as SQL over the document id; every value is bound.
    private func filterSQL(_ filter: SearchFilter) -> SQLQueryString {
        guard filter.narrowsPublications else { return "" }
        let doc = docColumn
        var parts: [SQLQueryString] = ["\(unsafeRaw: doc) > 0"]
        if let kind = filter.kind {
            parts.append(
                "EXISTS (SELECT 1 FROM posts fk WHERE fk.id = \(unsafeRaw: doc) AND fk.kind = \(bind: kind.rawValue))"
            )
        }
        if !filter.group.isEmpty {
            parts.append(
                """
                EXISTS (SELECT 1 FROM post_publishers fp JOIN groups fg ON fg.id = fp.group_id
                WHERE fp.post_id = \(unsafeRaw: doc) AND fp.status = 'accepted' AND fg.visibility = 'public'
                AND fg.slug = \(bind: filter.group.lowercased()))
                """
            )
        }
        if !filter.tag.isEmpty {
            parts.append(
                """
                EXISTS (SELECT 1 FROM post_tags ft WHERE ft.post_id = \(unsafeRaw: doc) \
                AND ft.tag = \(bind: Tags.normalize(filter.tag)))
                """
            )
        }
        if let from = filter.from {
            parts.append(
                "EXISTS (SELECT 1 FROM posts fd WHERE fd.id = \(unsafeRaw: doc) AND fd.published_at >= \(bind: from))"
            )
        }
        if let until = filter.until {
            parts.append(
                "EXISTS (SELECT 1 FROM posts fu WHERE fu.id = \(unsafeRaw: doc) AND fu.published_at < \(bind: until))"
            )
        }
        return " AND " + parts.joined(separator: " AND ")
    }
}

/// A ranked document with its title and snippet, and its publication's or debate's columns (a debate's
/// `doc_id` is below 0).
private struct HitRow: Decodable {
    let docId: Int
    let title: String
    let snip: String?
    let kind: PublicationKind?
    let byline: String?
    let publishedAt: Date?
    let debateAt: Date?
}
