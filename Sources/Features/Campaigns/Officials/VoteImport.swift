import Foundation
import FreshgroundCore
import FreshgroundWeb

/// Reading a pasted Popolo or Open Civic Data `vote_event` document (one event or an array of them): decoded with
/// `JSONDecoder`, every event checked (known options, no option counted twice, no negative count, no voter listed
/// twice, and the counts equal to the votes by Core's `VoteEventCheck`), and the official found among the voters.
/// Any problem refuses the whole document, naming the event; only the official's own vote and the event's counts
/// are taken from it.
enum VoteImport {
    enum Format: String, CaseIterable, Sendable {
        case popolo, ocd

        var label: String { self == .popolo ? "Popolo" : "Open Civic Data" }

        var options: Set<String> {
            let popolo: Set<String> = ["yes", "no", "abstain", "absent", "not voting", "paired"]
            return self == .popolo ? popolo : popolo.union(["excused", "other"])
        }
    }

    /// The official's vote in one event, as it is stored.
    struct Event: Sendable, Equatable {
        let key: String
        let motion: String
        let day: String
        /// `yes`, `no`, `abstain` or `absent`.
        let option: String
        let tally: String
        let result: String
    }

    static let maximumEvents = 500

    /// The official's vote in every event of `text`, or `AppError.validation` under `document` naming each problem.
    static func read(_ text: String, format: Format, official: Official) throws -> [Event] {
        let raw: [RawEvent]
        do {
            let data = Data(text.utf8)
            let decoder = JSONDecoder()
            raw =
                text.drop(while: \.isWhitespace).first == "["
                ? try decoder.decode([RawEvent].self, from: data) : [try decoder.decode(RawEvent.self, from: data)]
        } catch let error as DecodingError {
            throw refusal(["The text is not a \(format.label) vote event in JSON: \(describe(error))"])
        }
        if raw.isEmpty { throw refusal(["The text holds no vote event."]) }
        if raw.count > maximumEvents { throw refusal(["Paste at most \(maximumEvents) vote events at a time."]) }
        var problems: [String] = []
        var events: [Event] = []
        var keys: Set<String> = []
        for (index, event) in raw.enumerated() {
            let key = (format == .popolo ? event.id ?? event.identifier : event.identifier ?? event.id)?.text ?? ""
            let name = key.isEmpty ? "Event \(index + 1)" : "“\(key)”"
            let found = check(event, format: format, official: official)
            if key.isEmpty {
                problems.append("\(name) has no identifier.")
            } else if !keys.insert(key).inserted {
                problems.append("\(name) is in the text twice.")
            }
            switch found {
            case .failure(let refused): problems += refused.messages.map { "\(name): \($0)" }
            case .success(let vote): if !key.isEmpty { events.append(vote.with(key: key)) }
            }
        }
        guard problems.isEmpty else { throw refusal(problems) }
        return events
    }

    private static func refusal(_ problems: [String]) -> AppError {
        let shown = problems.prefix(10).joined(separator: " ")
        let more = problems.count > 10 ? " (and \(problems.count - 10) more problems)" : ""
        return AppError.validation(["document": shown + more + " Nothing was imported."])
    }

    private struct Refused: Error { let messages: [String] }

    private static func check(_ event: RawEvent, format: Format, official: Official) -> Result<Event, Refused> {
        var problems: [String] = []
        let counts = event.counts ?? []
        let votes = event.votes ?? []
        let motion = (format == .popolo ? event.motion?.text ?? event.motionId : event.motionText ?? event.motion?.text)
        let day = String((event.startDate ?? "").prefix(10))
        if motion?.trimmingWhitespace().isEmpty ?? true { problems.append("it names no motion.") }
        if (motion ?? "").count > 2_000 { problems.append("its motion is longer than 2,000 characters.") }
        if IsoDay.parse(day) == nil { problems.append("its start_date is not a day (YYYY-MM-DD).") }
        let unknown = Set(counts.map(\.option) + votes.map(\.option)).subtracting(format.options)
        problems += unknown.sorted().map { "“\($0)” is not a \(format.label) option." }
        var counted: Set<String> = []
        for count in counts {
            if count.value < 0 { problems.append("the count of \(count.option) is below zero.") }
            if !counted.insert("\(count.option)\u{0}\(count.groupId?.text ?? "")").inserted {
                problems.append("\(count.option) is counted twice.")
            }
        }
        var voters: Set<String> = []
        for vote in votes {
            guard let voter = vote.voterKey(format) else { continue }
            if !voters.insert(voter.lowercased()).inserted { problems.append("the voter “\(voter)” is listed twice.") }
        }
        if counts.isEmpty && votes.isEmpty { problems.append("it lists no votes.") }
        problems += countProblems(counts, votes)
        let match = matching(votes, format: format, official: official)
        if match == nil {
            problems.append("\(official.name) is not found once among its voters.")
        }
        guard problems.isEmpty, let match, let motion else { return .failure(Refused(messages: problems)) }
        return .success(
            Event(
                key: "",
                motion: motion.trimmingWhitespace(),
                day: day,
                option: stored(match.option),
                tally: tally(counts),
                result: event.result ?? ""
            )
        )
    }

    /// The counts against the votes (Core `VoteEventCheck`); an option voted but missing from the counts is a
    /// count of 0.
    private static func countProblems(_ counts: [RawCount], _ votes: [RawVote]) -> [String] {
        var stated = counts.map { VoteEventCheck.Count(option: $0.option, group: $0.groupId?.text, value: $0.value) }
        if !counts.isEmpty {
            let missing = Set(votes.map(\.option)).subtracting(counts.map(\.option))
            stated += missing.sorted().map { VoteEventCheck.Count(option: $0, value: 0) }
        }
        let cast = votes.map { vote in
            let weight = vote.weight ?? 1
            return VoteEventCheck.Vote(
                option: vote.option,
                weight: weight == weight.rounded() && abs(weight) < 1e9 ? Int(weight) : 0,
                group: vote.groupId?.text
            )
        }
        return VoteEventCheck.problems(counts: stated, votes: cast).map { problem in
            switch problem {
            case .countsWithoutVotes:
                return "it gives counts but no votes, so how the official voted cannot be read."
            case .mismatch(let option, let group, let said, let listed):
                let within = group.map { " (group \($0))" } ?? ""
                return "\(option)\(within): the counts say \(said), the votes list \(listed)."
            case .badWeight(let option):
                return "a vote for \(option) has a weight that is not a whole number above zero."
            }
        }
    }

    /// The official's vote: by their Popolo or OCD id, else by exactly one voter named as they are (ignoring case).
    private static func matching(_ votes: [RawVote], format: Format, official: Official) -> RawVote? {
        let id = format == .popolo ? official.popoloId : official.ocdId
        if let id, !id.isEmpty, let vote = votes.first(where: { $0.voterID == id }) { return vote }
        let named = votes.filter { $0.voterName(format)?.lowercased() == official.name.lowercased() }
        return named.count == 1 ? named[0] : nil
    }

    private static func stored(_ option: String) -> String {
        switch option {
        case "yes", "no", "abstain": option
        case "other": "abstain"
        default: "absent"
        }
    }

    /// The counts in words, per option (the totals where given, else summed over the groups).
    private static func tally(_ counts: [RawCount]) -> String {
        let totals = counts.contains { $0.groupId == nil } ? counts.filter { $0.groupId == nil } : counts
        var order: [String] = []
        var sums: [String: Int] = [:]
        for count in totals {
            if sums[count.option] == nil { order.append(count.option) }
            sums[count.option, default: 0] += count.value
        }
        return order.map { "\($0) \(sums[$0] ?? 0)" }.joined(separator: ", ")
    }

    private static func describe(_ error: DecodingError) -> String {
        let (path, reason): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                .dataCorrupted(let context):
                (context.codingPath, context.debugDescription)
            @unknown default: ([], "unreadable")
            }
        let at = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return at.isEmpty ? reason : "at \(at.hasPrefix(".") ? String(at.dropFirst()) : at): \(reason)"
    }
}

extension VoteImport.Event {
    fileprivate func with(key: String) -> Self {
        Self(key: key, motion: motion, day: day, option: option, tally: tally, result: result)
    }
}
