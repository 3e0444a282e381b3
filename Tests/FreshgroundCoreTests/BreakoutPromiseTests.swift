import Testing

@testable import FreshgroundCore

/// What the session form promises about breakouts, checked against searches through every possibility.
@Suite("Study: breakouts keep the form's promise")
struct BreakoutPromiseTests {
    typealias Person = Breakouts.Person

    /// Every split of `count` into breakouts of `size` and `size + 1` (how many of each), found by trying every
    /// number of breakouts and every number of larger ones.
    static func splitsOfSizeOrOneMore(_ count: Int, _ size: Int) -> [[Int]] {
        var found: [[Int]] = []
        for breakouts in 1...count {
            for larger in 0...breakouts where breakouts * size + larger == count {
                found.append(
                    Array(repeating: size + 1, count: larger) + Array(repeating: size, count: breakouts - larger)
                )
            }
        }
        return found
    }

    /// Every even split (sizes differing by one at most) with no breakout above `size + 1`, fewest breakouts first.
    static func evenSplitsUpToOneMore(_ count: Int, _ size: Int) -> [[Int]] {
        (1...count).map { breakouts in
            (0..<breakouts).map { count / breakouts + ($0 < count % breakouts ? 1 : 0) }
        }
        .filter { $0.max()! <= size + 1 }
    }

    @Test("groups of N are N or N+1 whenever possible, and otherwise never above N+1: every headcount 1-60, N 2-10")
    func sizesForEveryHeadcount() {
        for size in 2...10 {
            for count in 1...60 {
                let sizes = Breakouts.sizes(count: count, wished: size)
                let label = "\(count) people in breakouts of \(size): \(sizes)"
                #expect(sizes.reduce(0, +) == count, "everyone is placed: \(label)")
                #expect(sizes == sizes.sorted(by: >), "largest first: \(label)")
                #expect(sizes.max()! <= size + 1, "none above N+1: \(label)")
                #expect(sizes.max()! - sizes.min()! <= 1, "as even as possible: \(label)")
                let promised = Self.splitsOfSizeOrOneMore(count, size)
                if count < size {
                    #expect(sizes == [count], "fewer than N make one breakout: \(label)")
                } else if let most = promised.max(by: { $0.count < $1.count }) {
                    // Possible: N or N+1 only, as many breakouts of exactly N as can be.
                    #expect(sizes == most, "expected \(most): \(label)")
                } else {
                    // Impossible: one breakout more than fit N, evened out, so some have fewer than N.
                    let fewest = Self.evenSplitsUpToOneMore(count, size).first!
                    #expect(sizes == fewest, "expected \(fewest): \(label)")
                    #expect(sizes.count == count / size + 1 && sizes.min()! < size, "\(label)")
                }
            }
        }
    }

    @Test("the cases the issue found, and the form's examples")
    func knownCases() {
        #expect(Breakouts.sizes(count: 15, wished: 6) == [5, 5, 5])
        #expect(Breakouts.sizes(count: 13, wished: 5) == [5, 4, 4])
        #expect(Breakouts.sizes(count: 11, wished: 4) == [4, 4, 3])
        #expect(Breakouts.sizes(count: 46, wished: 6) == [7, 7, 7, 7, 6, 6, 6])
        #expect(Breakouts.sizes(count: 42, wished: 6) == [6, 6, 6, 6, 6, 6, 6])
        #expect(Breakouts.sizes(count: 14, wished: 6) == [7, 7])
        let people = (1...15).map { Person(id: $0, groups: [$0 % 3]) }
        let plan = Breakouts.form(Breakouts.Request(people: people, size: 6, seed: 2))
        #expect(plan.groups.map(\.count) == [5, 5, 5])
    }

    /// Every split of the request's people into the breakout sizes the rule gives (in the room only), each
    /// breakout's members in order, found by placing people one by one without looking at `Breakouts.exact`.
    static func everySplit(_ request: Breakouts.Request) -> [[[Int]]] {
        let ids = request.people.map(\.id).sorted()
        let sizes = Breakouts.sizes(count: ids.count, wished: request.size)
        var splits: [[[Int]]] = []
        var groups = sizes.map { _ in [Int]() }
        func place(_ index: Int) {
            guard index < ids.count else { return splits.append(groups) }
            for group in groups.indices where groups[group].count < sizes[group] {
                groups[group].append(ids[index])
                place(index + 1)
                groups[group].removeLast()
            }
        }
        place(0)
        return splits
    }

    /// Small sessions: 4 to 8 people in 2 or 3 breakouts, with random groups, currents, newcomers and pairs who
    /// met before.
    static func smallRequests(simple: Int? = nil) -> [Breakouts.Request] {
        var requests: [Breakouts.Request] = []
        var random = Breakouts.Random(seed: 77)
        for count in 4...8 {
            for size in 2...4 where (2...3).contains(Breakouts.sizes(count: count, wished: size).count) {
                for seed in UInt64(1)...6 {
                    var people = BreakoutTests.people(count, groups: 3, seed: seed * 31 + UInt64(count))
                    var met = Set<Breakouts.Pair>()
                    for _ in 0..<random.next(count) {
                        met.insert(Breakouts.Pair(random.next(count) + 1, random.next(count) + 1))
                    }
                    met = met.filter { $0.first != $0.second }
                    switch simple {
                    case 1?:
                        // One group each, nothing else: the cost counts pairs sharing a group.
                        people = people.map { Person(id: $0.id, groups: [$0.groups.min()!]) }
                        met = []
                    case 2?:
                        // Everyone of a different group: the cost counts pairs meeting again.
                        people = people.map { Person(id: $0.id, groups: [$0.id]) }
                    default: break
                    }
                    requests.append(Breakouts.Request(people: people, size: size, metBefore: met, seed: seed))
                }
            }
        }
        return requests
    }

    @Test("on small sessions the former finds the lowest cost of every possible split")
    func lowestCostOfEverySplit() {
        let requests = Self.smallRequests()
        #expect(requests.count >= 60)
        for request in requests {
            let formed = Breakouts.form(request)
            let costs = Self.everySplit(request).map { Breakouts.cost(of: $0, request).cost }
            #expect(abs(formed.cost - costs.min()!) < 1e-6, "\(request.people.count) in \(request.size)s")
            #expect(
                formed.groups.map(\.count).sorted(by: >)
                    == Breakouts.sizes(count: request.people.count, wished: request.size)
            )
        }
    }

    @Test("when only groups, or only earlier meetings, separate people, the former finds the best mixing score")
    func bestMixingScoreOfEverySplit() {
        for simple in [1, 2] {
            for request in Self.smallRequests(simple: simple) {
                let formed = Breakouts.form(request)
                let best = Self.everySplit(request).map { Breakouts.cost(of: $0, request).mixingScore }.max()!
                #expect(formed.mixingScore == best, "\(request.people.count) in \(request.size)s, case \(simple)")
            }
        }
    }
}
