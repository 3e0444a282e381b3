import Foundation
import Synchronization

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

/// Why `parseFeed` could not run feedparser.
struct FeedParserError: Error, CustomStringConvertible {
    let description: String

    static func notInstalled(_ detail: String) -> FeedParserError {
        FeedParserError(
            description: "feedparser is not installed: run scripts/test once (it installs it into .venv), or "
                + "`.venv/bin/python -m pip install feedparser` (\(detail))"
        )
    }
}

/// Parses an Atom/RSS document with Python's feedparser (in the project's .venv) and returns what it saw.
/// `FRESHGROUND_PYTHON` names another Python to use.
func parseFeed(_ xml: String) throws -> ParsedFeed {
    let python = ProcessInfo.processInfo.environment["FRESHGROUND_PYTHON"] ?? FeedParserRunner.venvPython
    guard FileManager.default.isExecutableFile(atPath: python) else {
        throw FeedParserError.notInstalled("no Python at \(python)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", FeedParserRunner.script]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
        try process.run()
    } catch {
        throw FeedParserError.notInstalled("cannot run \(python): \(error)")
    }

    // Feed stdin and drain stderr on other threads while this one drains stdout, so no pipe fills up.
    let writer = input.fileHandleForWriting
    let errorReader = errors.fileHandleForReading
    let errorText = FeedParserRunner.Collected()
    let helpers = DispatchGroup()
    DispatchQueue.global().async(group: helpers) {
        try? writer.write(contentsOf: Data(xml.utf8))
        try? writer.close()
    }
    DispatchQueue.global().async(group: helpers) {
        let data = errorReader.readDataToEndOfFile()
        errorText.data.withLock { $0 = data }
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    helpers.wait()
    process.waitUntilExit()

    let stderr = errorText.data.withLock { String(decoding: $0, as: UTF8.self) }
    switch process.terminationStatus {
    case 0:
        return try JSONDecoder().decode(ParsedFeed.self, from: data)
    case FeedParserRunner.missingModuleStatus:
        throw FeedParserError.notInstalled("\(python) cannot import feedparser")
    case let status:
        throw FeedParserError(description: "feedparser failed with status \(status): \(stderr)")
    }
}

private enum FeedParserRunner {
    /// The exit status of the script when `import feedparser` fails.
    static let missingModuleStatus: Int32 = 3

    /// `.venv/bin/python` in the package root, four levels above this file
    /// (`Tests/FreshgroundTests/Support/FeedParser.swift`).
    static var venvPython: String {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".venv/bin/python").path
    }

    /// Bytes read on another thread.
    final class Collected: Sendable {
        let data = Mutex(Data())
    }

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
