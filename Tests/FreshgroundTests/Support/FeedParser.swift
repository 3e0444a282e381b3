import Foundation

/// What Python's feedparser saw in an Atom or RSS document.
struct ParsedFeed: Sendable, Decodable {
    /// One entry as feedparser reports it; missing values are empty.
    struct Entry: Sendable, Decodable {
        let id: String
        let title: String
        let link: String
        /// The authors' names.
        let authors: [String]
        let summary: String
        /// The value of the first content element.
        let content: String
        /// The terms of the categories.
        let tags: [String]
        let published: String
    }

    /// True when feedparser found the document malformed; `bozoMessage` then says why.
    let bozo: Bool
    let bozoMessage: String
    let title: String
    let entries: [Entry]
}

/// Parses an Atom/RSS document with Python's feedparser (in the project's .venv) and returns what it saw.
/// `FRESHGROUND_PYTHON` names another Python to use.
func parseFeed(_ xml: String) throws -> ParsedFeed {
    let result = try Python.run(FeedParserScript.script, input: Data(xml.utf8), needing: "feedparser")
    guard result.status == 0 else {
        throw Python.Failure(description: "feedparser failed with status \(result.status): \(result.errors)")
    }
    return try JSONDecoder().decode(ParsedFeed.self, from: result.output)
}

private enum FeedParserScript {
    /// Reads all of stdin before importing feedparser, so the writer never hits a closed pipe, and prints
    /// the result as JSON.
    static let script = """
        import json, sys
        document = sys.stdin.buffer.read()
        try:
            import feedparser
        except ImportError:
            sys.exit(3)
        d = feedparser.parse(document)
        def entry(e):
            content = e.get("content") or [{}]
            return {
                "id": e.get("id", ""),
                "title": e.get("title", ""),
                "link": e.get("link", ""),
                "authors": [a.get("name", "") for a in e.get("authors", [])],
                "summary": e.get("summary", ""),
                "content": content[0].get("value", ""),
                "tags": [t.get("term", "") for t in e.get("tags", [])],
                "published": e.get("published", ""),
            }
        json.dump({
            "bozo": bool(d.get("bozo", False)),
            "bozoMessage": str(d.get("bozo_exception", "")),
            "title": d.feed.get("title", ""),
            "entries": [entry(e) for e in d.entries],
        }, sys.stdout)
        """
}
