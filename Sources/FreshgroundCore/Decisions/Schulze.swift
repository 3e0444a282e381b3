/// The Schulze ranking of the candidates of a ranked-ballot election (a Condorcet method).
///
/// Candidates keep the numbers of the ballot file; withdrawn candidates are in no tier and not in `order`, and their
/// rows and columns of `pairwise` and `strongest` are zero.
public struct SchulzeResult: Equatable, Sendable {
    /// A tie within a tier settled by lot: in which tier (an index into `ranking`), among whom (those of the tier
    /// not yet placed, ascending), who was placed next.
    public struct Lot: Equatable, Sendable {
        public var tier: Int
        public var among: [Int]
        public var chosen: Int
    }

    public var candidates: [String]
    /// `pairwise[i][j]`: the ballots (by weight) ranking i above j. A ballot ranks every candidate it names above
    /// every candidate it does not name, and says nothing between two it does not name.
    public var pairwise: [[Int]]
    /// `strongest[i][j]`: the strength of the strongest path from i to j, a path's strength being its weakest
    /// link, and a link i → j being `pairwise[i][j]` where that beats `pairwise[j][i]` (0 otherwise).
    public var strongest: [[Int]]
    /// Tiers, best first, each ascending: i beats j when `strongest[i][j] > strongest[j][i]` (Schulze proved this
    /// relation transitive); the first tier is every candidate nobody beats, the next every candidate nobody left
    /// beats, and so on.
    public var ranking: [[Int]]
    /// The ranking flattened, each tie within a tier broken by lot.
    public var order: [Int]
    public var lots: [Lot]

    public var candidateNames: [String] { order.map { candidates[$0] } }

    /// The first `seats` candidates of `order`.
    public func winners(seats: Int) -> [Int] { Array(order.prefix(max(seats, 0))) }
}

/// Schulze's method: pairwise preferences, then strongest paths (Floyd–Warshall on widest paths, O(n³)), then the
/// ranking they induce. A Condorcet winner, who beats every
/// other candidate head to head, is always first.
public enum Schulze {
    public static func rank(
        _ file: BallotFile,
        lot: @escaping LotChooser = { $0[0] }
    )
        -> SchulzeResult
    {
        let n = file.candidates.count
        let active = (0..<n).filter { !file.withdrawn.contains($0) }
        let pairwise = preferences(file)
        var strongest = Array(repeating: Array(repeating: 0, count: n), count: n)
        for i in active {
            for j in active where i != j && pairwise[i][j] > pairwise[j][i] {
                strongest[i][j] = pairwise[i][j]
            }
        }
        for k in active {
            for i in active where i != k && strongest[i][k] > 0 {
                for j in active where j != k && j != i {
                    strongest[i][j] = max(strongest[i][j], min(strongest[i][k], strongest[k][j]))
                }
            }
        }
        var ranking: [[Int]] = []
        var remaining = active
        while !remaining.isEmpty {
            var tier = remaining.filter { i in !remaining.contains { strongest[$0][i] > strongest[i][$0] }
            }
            if tier.isEmpty { tier = remaining }
            ranking.append(tier)
            remaining.removeAll { tier.contains($0) }
        }
        var order: [Int] = []
        var lots: [SchulzeResult.Lot] = []
        for (index, tier) in ranking.enumerated() {
            var left = tier
            while left.count > 1 {
                let drawn = lot(left)
                let chosen = left.contains(drawn) ? drawn : left[0]
                lots.append(SchulzeResult.Lot(tier: index, among: left, chosen: chosen))
                order.append(chosen)
                left.removeAll { $0 == chosen }
            }
            order += left
        }
        return SchulzeResult(
            candidates: file.candidates,
            pairwise: pairwise,
            strongest: strongest,
            ranking: ranking,
            order: order,
            lots: lots
        )
    }

    /// `d[i][j]`: the weight of the ballots ranking i above j; withdrawn candidates are skipped on every ballot.
    static func preferences(_ file: BallotFile) -> [[Int]] {
        let n = file.candidates.count
        var grouped: [[Int]: Int] = [:]
        for ballot in file.ballots where ballot.weight > 0 {
            let ranking = ballot.ranking.filter { !file.withdrawn.contains($0) && $0 < n }
            if !ranking.isEmpty { grouped[ranking, default: 0] += ballot.weight }
        }
        var d = Array(repeating: Array(repeating: 0, count: n), count: n)
        var below = [Bool](repeating: false, count: n)
        for (ranking, weight) in grouped {
            for candidate in 0..<n { below[candidate] = !file.withdrawn.contains(candidate) }
            for candidate in ranking {
                below[candidate] = false
                for other in 0..<n where below[other] { d[candidate][other] += weight }
            }
        }
        return d
    }
}
