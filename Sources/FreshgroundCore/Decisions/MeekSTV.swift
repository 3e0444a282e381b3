/// Meek STV, counted as Droop's `meek` rule counts it by default (guarded fixed point, 18 + 9 decimals, ω = 10⁻⁹).
///
/// Every candidate has a keep factor: 1 while hopeful, 0 once excluded, and for an elected candidate the share of
/// each vote reaching them that they keep so they hold just a quota. A ballot gives each candidate it ranks, in
/// order, its remaining weight times their keep factor, and passes on its weight times (1 − keep factor); what is
/// left after its last choice is excess (`nonTransferable`). The quota is the votes held by candidates divided by
/// seats + 1, so it falls as ballots exhaust. A round repeats "distribute, recompute the quota, elect whoever passes
/// it, lower the keep factors of the elected to quota / votes" until someone is elected, the total surplus is at most
/// ω, the surplus stops falling, or some lowest candidates cannot catch up even with the whole surplus (they are
/// excluded together, lowest first). Otherwise the lowest candidate is excluded; candidates within the surplus of
/// the lowest count as tied and a lot decides (Droop takes the first in ballot order, as the default lot does).
/// When the hopeful candidates are as many as the seats left, they are elected.
///
/// Arithmetic is exact integers in units of 10⁻²⁷ (`Int128`, products through 256 bits); values closer than half a
/// unit of the 18th decimal compare equal, as in Droop. 100,000 ballots are 10³² units; `Int128` holds 1.7·10³⁸.
///
/// The stage table: first preferences; then each round as an `.iteration` stage (the votes when the iterations
/// stopped, the quota then, whoever it elected); each excluded candidate as an `.exclusion` stage (the votes after
/// that candidate's ballots passed on). Figures are rounded to 18 decimals, as Droop prints them, then cut to 5;
/// `lossFromFractions` is what that and the rounding of the arithmetic leave out, so every row adds up to the valid
/// votes. `quota` is the first quota, valid votes / (seats + 1).
///
/// Where Droop names winners elected at the same moment in ballot order, this names them most votes first; Droop
/// excludes a batch of sure losers in ballot order, this lowest first. Neither changes who is elected; exactly
/// equal votes there are ordered by lot, recorded like every lot, so renumbering candidates changes nothing else.
public enum MeekSTV {
    /// Counts `file`; `seats` overrides the file's number of seats.
    public static func count(
        _ file: BallotFile,
        seats: Int? = nil,
        lot: @escaping LotChooser = { $0[0] }
    ) -> CountResult {
        var state = MeekState(file, seats: seats ?? file.seats, lot: lot)
        state.run()
        return state.result
    }
}

/// Droop's guarded fixed point: integers in units of 10⁻²⁷, compared to 18 decimals.
enum MeekFixedPoint {
    static let one: Int128 = Int128(1_000_000_000_000_000_000) * 1_000_000_000
    /// Values closer than this (half a unit of the 18th decimal) are equal.
    static let epsilon: Int128 = 500_000_000
    /// A round stops once the total surplus is at most 10⁻⁹.
    static let omega: Int128 = 1_000_000_000_000_000_000
    /// One unit of the 18th decimal, and one `Votes` unit (10⁻⁵), in units of 10⁻²⁷.
    static let unit: Int128 = 1_000_000_000
    static let perVotesUnit: Int128 = 10_000_000_000_000

    /// a × b / c rounded down, for non-negative values, with a 256-bit product.
    static func muldiv(_ a: Int128, _ b: Int128, _ c: Int128) -> Int128 {
        c.dividingFullWidth(a.multipliedFullWidth(by: b)).quotient
    }

    static func mul(_ a: Int128, _ b: Int128) -> Int128 { muldiv(a, b, one) }

    /// -1, 0 or 1, values within `epsilon` of each other being equal.
    static func compare(_ a: Int128, _ b: Int128) -> Int {
        let difference = a - b
        if difference < epsilon && difference > -epsilon { return 0 }
        return difference > 0 ? 1 : -1
    }

    /// A value as the table shows it: rounded to 18 decimals (the guard digits are noise, Droop prints it so), then
    /// cut to 5.
    static func votes(_ value: Int128) -> Votes { Votes((value + epsilon) / unit / perVotesUnit) }
}

/// The count in progress. Ballots sharing a beginning share a node of a prefix tree, so each round costs one pass
/// over the tree, whatever the number of ballots.
struct MeekState {
    enum Standing { case hopeful, elected, defeated }
    enum Stop {
        case elected, omega, stable
        case batch([Int])
    }

    let seats: Int
    let lot: LotChooser
    /// The tree: a node's candidate, its parent (-1 at the root), the ballots through it and ending at it.
    var nodeCandidate: [Int] = []
    var nodeParent: [Int] = []
    var nodeThrough: [Int128] = []
    var nodeEnds: [Int128] = []
    var standing: [Standing]
    var keep: [Int128]
    var votes: [Int128]
    var excess: Int128 = 0
    var quota: Int128 = 0
    var surplus: Int128 = 0
    let total: Int128
    var result: CountResult

    init(_ file: BallotFile, seats: Int, lot: @escaping LotChooser) {
        let n = file.candidates.count
        self.seats = max(seats, 0)
        self.lot = lot
        var children: [Int: Int] = [:]
        var ballots = 0
        for ballot in file.ballots where ballot.weight > 0 {
            let ranking = ballot.ranking.filter { !file.withdrawn.contains($0) && $0 < n }
            guard !ranking.isEmpty else { continue }
            ballots += ballot.weight
            var parent = -1
            for candidate in ranking {
                let key = (parent + 1) * n + candidate
                let node: Int
                if let existing = children[key] {
                    node = existing
                } else {
                    node = nodeCandidate.count
                    children[key] = node
                    nodeCandidate.append(candidate)
                    nodeParent.append(parent)
                    nodeThrough.append(0)
                    nodeEnds.append(0)
                }
                nodeThrough[node] += Int128(ballot.weight)
                parent = node
            }
            nodeEnds[parent] += Int128(ballot.weight)
        }
        standing = (0..<n).map { file.withdrawn.contains($0) ? .defeated : .hopeful }
        keep = standing.map { $0 == .hopeful ? MeekFixedPoint.one : 0 }
        votes = Array(repeating: 0, count: n)
        total = Int128(ballots) * MeekFixedPoint.one
        quota = total / Int128(self.seats + 1)
        result = CountResult(
            candidates: file.candidates,
            seats: self.seats,
            valid: ballots * votesPerBallot,
            quota: MeekFixedPoint.votes(quota),
            elected: [],
            stages: [],
            lots: []
        )
    }

    var seatsLeft: Int { seats - result.elected.count }
    var hopeful: [Int] { standing.indices.filter { standing[$0] == .hopeful } }
    var elected: [Int] { standing.indices.filter { standing[$0] == .elected } }

    mutating func run() {
        distribute()
        record(.firstPreferences)
        while seatsLeft > 0 && hopeful.count > seatsLeft {
            let (stop, iterations, winners) = iterate()
            record(.iteration(iterations: iterations, quota: MeekFixedPoint.votes(quota)))
            appendElected(ordered(winners, highestFirst: true))
            switch stop {
            case .elected:
                continue
            case .batch(let losers):
                for loser in ordered(losers, highestFirst: false) { exclude(loser) }
            case .omega, .stable:
                let open = hopeful
                let lowest = open.map { votes[$0] }.min()!
                let tied = open.filter { MeekFixedPoint.compare(lowest + surplus, votes[$0]) >= 0 }
                exclude(draw(tied))
            }
        }
        if seatsLeft > 0 {
            let rest = ordered(hopeful, highestFirst: true)
            for candidate in rest { standing[candidate] = .elected }
            appendElected(rest)
        }
    }

    /// One round: distribute and adjust the keep factors until one of Droop's stopping conditions holds. Returns why
    /// it stopped, how many distributions it made and whom it elected (in ballot order).
    mutating func iterate() -> (Stop, Int, [Int]) {
        var last = total
        var iterations = 0
        while true {
            if iterations > 0 { distribute() }
            iterations += 1
            let held = (hopeful + elected).reduce(Int128(0)) { $0 + votes[$1] }
            quota = held / Int128(seats + 1)
            let winners = hopeful.filter { MeekFixedPoint.compare(votes[$0], quota) > 0 }
            for winner in winners { standing[winner] = .elected }
            surplus = elected.reduce(Int128(0)) { $0 + votes[$1] - quota }
            if !winners.isEmpty { return (.elected, iterations, winners) }
            if MeekFixedPoint.compare(surplus, MeekFixedPoint.omega) <= 0 { return (.omega, iterations, []) }
            if MeekFixedPoint.compare(surplus, last) >= 0 { return (.stable, iterations, []) }
            let losers = sureLosers()
            if !losers.isEmpty { return (.batch(losers), iterations, []) }
            last = surplus
            for candidate in elected where votes[candidate] > 0 {
                keep[candidate] = MeekFixedPoint.muldiv(
                    MeekFixedPoint.mul(keep[candidate], quota),
                    MeekFixedPoint.one,
                    votes[candidate]
                )
            }
        }
    }

    /// The largest group of lowest hopeful candidates whose votes together, plus the surplus, stay below the next
    /// candidate, never splitting candidates within the surplus of each other and leaving enough for the seats.
    func sureLosers() -> [Int] {
        let sorted = hopeful.sorted { (votes[$0], $0) < (votes[$1], $1) }
        var groups: [[Int]] = []
        var group: [Int] = []
        var base: Int128 = 0
        for candidate in sorted {
            if MeekFixedPoint.compare(base + surplus, votes[candidate]) >= 0 {
                group.append(candidate)
            } else {
                if !group.isEmpty { groups.append(group) }
                group = [candidate]
                base = votes[candidate]
            }
        }
        if !group.isEmpty { groups.append(group) }
        let most = sorted.count - seatsLeft
        var count = 0
        var sum: Int128 = 0
        var last: Int?
        for index in groups.indices.dropLast() {
            count += groups[index].count
            if count > most { break }
            sum += groups[index].reduce(Int128(0)) { $0 + votes[$1] }
            if MeekFixedPoint.compare(sum + surplus, votes[groups[index + 1][0]]) < 0 { last = index }
        }
        guard let last else { return [] }
        return Array(groups[...last].joined())
    }

    /// Every ballot gives each candidate its weight times their keep factor and passes on weight × (1 − keep
    /// factor), both rounded down; a weight below half a unit of the 18th decimal stops.
    mutating func distribute() {
        var passed = [Int128](repeating: 0, count: nodeCandidate.count)
        for index in votes.indices where standing[index] != .defeated { votes[index] = 0 }
        excess = 0
        for node in nodeCandidate.indices {
            let parent = nodeParent[node]
            let weight = parent < 0 ? MeekFixedPoint.one : passed[parent]
            guard weight > 0 else { continue }
            let candidate = nodeCandidate[node]
            let factor = keep[candidate]
            var kept: Int128 = 0
            if factor == 0 {
                passed[node] = weight
            } else if factor == MeekFixedPoint.one {
                kept = weight
            } else {
                kept = MeekFixedPoint.mul(weight, factor)
                let rest = MeekFixedPoint.mul(weight, MeekFixedPoint.one - factor)
                passed[node] = MeekFixedPoint.compare(rest, 0) <= 0 ? 0 : rest
            }
            votes[candidate] += kept * nodeThrough[node]
            excess += passed[node] * nodeEnds[node]
        }
    }

    mutating func exclude(_ candidate: Int) {
        standing[candidate] = .defeated
        keep[candidate] = 0
        votes[candidate] = 0
        distribute()
        record(.exclusion(candidate))
    }

    mutating func record(_ action: CountResult.Action) {
        let shown = votes.map(MeekFixedPoint.votes)
        let before = result.stages.last?.votes ?? Array(repeating: 0, count: shown.count)
        let nonTransferable = MeekFixedPoint.votes(excess)
        result.stages.append(
            CountResult.Stage(
                action: action,
                votes: shown,
                transfers: zip(shown, before).map { $0 - $1 },
                nonTransferable: nonTransferable,
                lossFromFractions: result.valid - shown.reduce(0, +) - nonTransferable,
                elected: []
            )
        )
    }

    mutating func appendElected(_ candidates: [Int]) {
        result.elected += candidates
        result.stages[result.stages.count - 1].elected += candidates
    }

    /// Orders candidates by votes; exactly equal votes are ordered by lot (recorded).
    mutating func ordered(_ candidates: [Int], highestFirst: Bool) -> [Int] {
        var remaining = candidates.sorted()
        var order: [Int] = []
        while !remaining.isEmpty {
            let target =
                highestFirst ? remaining.map { votes[$0] }.max()! : remaining.map { votes[$0] }.min()!
            let next = draw(remaining.filter { votes[$0] == target })
            order.append(next)
            remaining.removeAll { $0 == next }
        }
        return order
    }

    /// The one candidate, or the lot's choice among several (recorded; a choice outside them counts as the first).
    mutating func draw(_ tied: [Int]) -> Int {
        guard tied.count > 1 else { return tied[0] }
        let among = tied.sorted()
        let drawn = lot(among)
        let chosen = among.contains(drawn) ? drawn : among[0]
        result.lots.append(
            CountResult.Lot(afterStage: result.stages.count - 1, among: among, chosen: chosen)
        )
        return chosen
    }
}
