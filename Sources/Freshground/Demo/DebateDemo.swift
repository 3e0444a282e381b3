import Foundation
import FreshgroundCore
import SQLKit

/// The library demo's debates; the rest of the library is in `LibraryDemo.swift`.
extension DemoData {
    /// Debates with two to five positions and threaded replies (up to four levels), a few hidden with the
    /// reason in the log. Replies get their ids up front, so each path is written with its row.
    func writeDebates(
        _ count: Int,
        people: [(id: Int, name: String)],
        journals: [Journal],
        _ pieces: [Piece],
        _ random: inout SeededRandom
    ) async throws {
        let firstDebate = try await nextID("debates")
        var positionID = try await nextID("positions")
        var replyID = try await nextID("replies")
        var debates: Rows = []
        var moderators: Rows = []
        var positions: Rows = []
        var replies: Rows = []
        var log: Rows = []
        var docs: Rows = []
        for index in 0..<count {
            let id = firstDebate + index
            let question = DemoWords.questions[index % DemoWords.questions.count]
            let round = index / DemoWords.questions.count
            let title =
                round == 0
                ? question : "Round \(round + 1) in \(DemoWords.cities[index % DemoWords.cities.count]): \(question)"
            let description =
                DemoWords.sentences[random.next(DemoWords.sentences.count)] + " "
                + DemoWords.sentences[random.next(DemoWords.sentences.count)] + "\n\nState a position or reply to one."
            let summary = index % 4 == 1 ? "So far: " + DemoWords.statements[index % DemoWords.statements.count] : ""
            let opened = now.addingTimeInterval(index == 0 ? -10 * 86_400 : -Double(random.next(120 * 1_440)) * 60)
            let opener = people[random.next(people.count)].id
            let piece: Int? = !pieces.isEmpty && random.next(10) < 4 ? pieces[random.next(pieces.count)].id : nil
            debates.append([
                id, title, description, Markdown.html(description), opener, piece, summary, Markdown.html(summary),
                summary.isEmpty ? nil : opened.addingTimeInterval(86_400) as Date?, opened,
            ])
            if random.next(10) < 3 {
                let other = people[random.next(people.count)].id
                if other != opener { moderators.append([id, other]) }
            }
            var searchText = [description, summary]
            var threads: [(position: Int, open: [(id: Int, path: String, depth: Int)])] = []
            for number in 0..<(index == 0 ? 5 : 2 + random.next(3)) {
                let journal = journals[random.next(journals.count)]
                let forGroup = random.next(10) < 6
                let statement = DemoWords.statements[random.next(DemoWords.statements.count)]
                let argument = DemoWords.arguments[random.next(DemoWords.arguments.count)]
                positions.append([
                    positionID, id, forGroup ? journal.organizer : people[random.next(people.count)].id,
                    forGroup ? journal.id : nil as Int?, statement, argument, Markdown.html(argument),
                    opened.addingTimeInterval(Double(number + 1) * 3_600),
                ])
                searchText += [statement, Markdown.plainText(argument, limit: 2_000)]
                threads.append((positionID, []))
                positionID += 1
            }
            for number in 0..<(index == 0 ? LibrarySize.bigDebateReplies : random.next(25)) {
                let thread = random.next(threads.count)
                var parent: (id: Int, path: String, depth: Int)?
                if !threads[thread].open.isEmpty && random.next(100) < 65 {
                    parent = threads[thread].open[random.next(threads[thread].open.count)]
                }
                let digits = String(replyID)
                let path =
                    (parent.map { $0.path + "/" } ?? "") + String(repeating: "0", count: max(0, 10 - digits.count))
                    + digits
                let depth = parent.map { $0.depth + 1 } ?? 0
                if depth < 3 { threads[thread].open.append((replyID, path, depth)) }
                let body = DemoWords.replies[random.next(DemoWords.replies.count)]
                let at = opened.addingTimeInterval(Double(number + 1) * 60 + 7_200)
                let hidden: String? =
                    random.next(200) == 0 ? "A personal attack; the argument can be made without it." : nil
                replies.append([
                    replyID, id, threads[thread].position, parent?.id, path, depth,
                    people[random.next(people.count)].id, random.next(2) == 0 ? "for" : "against", body,
                    Markdown.html(body), hidden, at,
                ])
                if let hidden { log.append([id, replyID, opener, "hide", hidden, at.addingTimeInterval(600)]) }
                replyID += 1
            }
            // What `Debates.reindex` writes: question; description, summary, then every position.
            docs.append([-id, title, searchText.joined(separator: "\n")])
        }
        try await batched(
            "debates",
            [
                "id", "question", "description", "description_html", "opener_id", "post_id", "summary",
                "summary_html", "summary_at", "created_at",
            ],
            debates
        )
        try await batched("debate_moderators", ["debate_id", "person_id"], moderators)
        try await batched(
            "positions",
            ["id", "debate_id", "author_id", "group_id", "statement", "argument", "argument_html", "created_at"],
            positions
        )
        try await batched(
            "replies",
            [
                "id", "debate_id", "position_id", "parent_id", "path", "depth", "author_id", "stance", "body",
                "body_html", "hidden_reason", "created_at",
            ],
            replies
        )
        try await batched(
            "moderation_log",
            ["debate_id", "reply_id", "moderator_id", "action", "reason", "created_at"],
            log
        )
        try await batched("search_docs", [searchIDColumn, "title", "body"], docs)
        if progress && count > 0 {
            let line = "\nThe debate with \(LibrarySize.bigDebateReplies) replies is /debates/\(firstDebate).\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
