import FreshgroundCore
import FreshgroundWeb

/// A ballot file to count: the BLT text, the rule (`scottish-stv` when left out) and the seats (the file's).
struct CountInputBody: Decodable, Sendable {
    let blt: String
    var rule: String?
    var seats: Int?
}

/// A counted ballot file, as `freshground count --json` gives it: who is elected in order and the stages, with the
/// Schulze figures for that rule and the candidates chosen by lot (drawn at random for this count).
struct CountFileBody: Encodable, Sendable {
    let title: String
    let rule: String
    let seats: Int
    let candidates: [String]
    let elected: [String]
    @Nullable var quota: String?
    let stages: [ResultsBody.Stage]
    @Nullable var schulze: SchulzeBody?
    let lots: [String]

    init(_ counted: CountFile) {
        let names = counted.file.candidates
        title = counted.file.title
        rule = counted.rule
        seats = counted.seats
        candidates = names
        elected = counted.elected.map { names[$0] }
        quota = counted.count.map { formatVotes($0.quota) }
        stages = counted.count.map { count in count.stages.map { ResultsBody.Stage($0, names: names) } } ?? []
        schulze = counted.schulze.map(SchulzeBody.init)
        lots = counted.drawn.map { names[$0] }
    }
}
