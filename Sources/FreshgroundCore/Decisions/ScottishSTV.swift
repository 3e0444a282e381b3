/// Scottish STV as the Scottish local government election rules count it (SSI 2007/42, rules 45–52); IRV is the
/// same count with one seat.
///
/// Integer Droop quota; every paper of an elected candidate passes on at the value it arrived with times
/// surplus / votes, truncated to 5 decimals; surpluses largest first; the lowest candidate is excluded, all their
/// papers passing at their values in one stage; ties go to the most recent earlier stage at which the tied candidates
/// had unequal votes, then to lot; when the continuing candidates are as many as the seats left, they are elected.
public enum ScottishSTV {
    /// Counts `file`; `seats` overrides the file's number of seats (1 for IRV).
    public static func count(
        _ file: BallotFile,
        seats: Int? = nil,
        lot: @escaping LotChooser = { $0[0] }
    ) -> CountResult {
        var state = STVState(file, seats: seats ?? file.seats, lot: lot)
        state.run()
        return state.result
    }

    /// Instant-runoff voting: Scottish STV for one seat.
    public static func irv(_ file: BallotFile, lot: @escaping LotChooser = { $0[0] }) -> CountResult {
        count(file, seats: 1, lot: lot)
    }
}

/// Identical papers at one value, waiting at one position of one ranking.
struct Parcel {
    var ranking: Int
    var position: Int
    var value: Votes
    var count: Int
}

/// The count in progress.
struct STVState {
    enum Standing { case continuing, elected, excluded }

    let rankings: [[Int]]
    let lot: LotChooser
    var result: CountResult
    var piles: [[Parcel]]
    var standing: [Standing]
    var votes: [Votes]
    var pendingSurplus: [Int] = []
    var nonTransferable: Votes = 0
    var loss: Votes = 0

    init(_ file: BallotFile, seats: Int, lot: @escaping LotChooser) {
        let n = file.candidates.count
        var grouped: [[Int]: Int] = [:]
        var order: [[Int]] = []
        for ballot in file.ballots where ballot.weight > 0 {
            let ranking = ballot.ranking.filter { !file.withdrawn.contains($0) && $0 < n }
            guard !ranking.isEmpty else { continue }
            if grouped[ranking] == nil { order.append(ranking) }
            grouped[ranking, default: 0] += ballot.weight
        }
        rankings = order
        self.lot = lot
        piles = Array(repeating: [], count: n)
        votes = Array(repeating: 0, count: n)
        standing = (0..<n).map { file.withdrawn.contains($0) ? .excluded : .continuing }
        var valid = 0
        for (index, ranking) in order.enumerated() {
            let count = grouped[ranking]!
            valid += count
            piles[ranking[0]].append(Parcel(ranking: index, position: 0, value: votesPerBallot, count: count))
            votes[ranking[0]] += votesPerBallot * count
        }
        let quota = (valid / (seats + 1) + 1) * votesPerBallot
        result = CountResult(
            candidates: file.candidates,
            seats: seats,
            valid: valid * votesPerBallot,
            quota: quota,
            elected: [],
            stages: [],
            lots: []
        )
    }

    var seatsLeft: Int { result.seats - result.elected.count }
    var continuing: [Int] { standing.indices.filter { standing[$0] == .continuing } }

    mutating func run() {
        record(.firstPreferences, before: Array(repeating: 0, count: votes.count))
        while seatsLeft > 0 {
            let open = continuing
            if open.count <= seatsLeft {
                elect(ordered(open, highestFirst: true))
                break
            }
            let before = votes
            if !pendingSurplus.isEmpty {
                let largest = pick(from: pendingSurplus.sorted(), highest: true)
                pendingSurplus.removeAll { $0 == largest }
                transferSurplus(of: largest)
                record(.surplus(largest), before: before)
            } else {
                let lowest = pick(from: open, highest: false)
                exclude(lowest)
                record(.exclusion(lowest), before: before)
            }
        }
    }

    /// Notes the stage, then elects the continuing candidates who reached the quota, most votes first.
    mutating func record(_ action: CountResult.Action, before: [Votes]) {
        result.stages.append(
            CountResult.Stage(
                action: action,
                votes: votes,
                transfers: zip(votes, before).map { $0 - $1 },
                nonTransferable: nonTransferable,
                lossFromFractions: loss,
                elected: []
            )
        )
        let reached = continuing.filter { votes[$0] >= result.quota }
        for candidate in ordered(reached, highestFirst: true) where seatsLeft > 0 {
            elect([candidate])
            if votes[candidate] > result.quota { pendingSurplus.append(candidate) }
        }
    }

    mutating func elect(_ candidates: [Int]) {
        for candidate in candidates {
            standing[candidate] = .elected
            result.elected.append(candidate)
            result.stages[result.stages.count - 1].elected.append(candidate)
        }
    }

    /// Every paper of an elected candidate passes on at its value times surplus / votes, truncated.
    mutating func transferSurplus(of candidate: Int) {
        let total = votes[candidate]
        let surplus = total - result.quota
        var passed: Votes = 0
        for var parcel in piles[candidate] {
            parcel.value = parcel.value * surplus / total
            passed += parcel.value * parcel.count
            move(parcel)
        }
        piles[candidate] = []
        loss += surplus - passed
        votes[candidate] = result.quota
    }

    mutating func exclude(_ candidate: Int) {
        standing[candidate] = .excluded
        for parcel in piles[candidate] { move(parcel) }
        piles[candidate] = []
        votes[candidate] = 0
    }

    /// Gives a parcel to its next continuing preference, or to the non-transferable papers.
    mutating func move(_ parcel: Parcel) {
        let ranking = rankings[parcel.ranking]
        var position = parcel.position + 1
        while position < ranking.count, standing[ranking[position]] != .continuing { position += 1 }
        let amount = parcel.value * parcel.count
        guard position < ranking.count else {
            nonTransferable += amount
            return
        }
        let next = ranking[position]
        piles[next].append(
            Parcel(ranking: parcel.ranking, position: position, value: parcel.value, count: parcel.count)
        )
        votes[next] += amount
    }

    /// Orders candidates by votes; candidates tied on votes are split by the most recent earlier stage at which they
    /// had unequal votes, then by lot (recorded).
    mutating func ordered(_ candidates: [Int], highestFirst: Bool) -> [Int] {
        var remaining = candidates.sorted()
        var order: [Int] = []
        while !remaining.isEmpty {
            let next = pick(from: remaining, highest: highestFirst)
            order.append(next)
            remaining.removeAll { $0 == next }
        }
        return order
    }

    mutating func pick(from candidates: [Int], highest: Bool) -> Int {
        func best(_ tally: [Votes], among: [Int]) -> [Int] {
            let target = highest ? among.map { tally[$0] }.max()! : among.map { tally[$0] }.min()!
            return among.filter { tally[$0] == target }
        }
        var tied = best(votes, among: candidates)
        for stage in result.stages.reversed() where tied.count > 1 {
            tied = best(stage.votes, among: tied)
        }
        guard tied.count > 1 else { return tied[0] }
        let chosen = lot(tied)
        result.lots.append(CountResult.Lot(afterStage: result.stages.count - 1, among: tied, chosen: chosen))
        return chosen
    }
}
