import Testing

@testable import FreshgroundCore

@Suite("Study: breakouts that mix groups")
struct BreakoutTests {
    typealias Person = Breakouts.Person

    /// A random instance: people in `groups` organizing groups, some in two, some newcomers, some online.
    static func people(_ count: Int, groups: Int, seed: UInt64, online: Int = 0) -> [Person] {
        var random = Breakouts.Random(seed: seed)
        return (0..<count).map { index in
            var member: Set<Int> = [random.next(groups)]
            if random.next(5) == 0 { member.insert(random.next(groups)) }
            return Person(
                id: index + 1,
                groups: member,
                currents: random.next(3) == 0 ? [random.next(2)] : [],
                isNewcomer: random.next(3) == 0,
                isOnline: index < online
            )
        }
    }

    @Test("breakout sizes are the wished size or one more, and add up")
    func sizes() {
        #expect(Breakouts.sizes(count: 46, wished: 6) == [7, 7, 7, 7, 6, 6, 6])
        #expect(Breakouts.sizes(count: 13, wished: 4) == [5, 4, 4])
        #expect(Breakouts.sizes(count: 5, wished: 6) == [5])
        #expect(Breakouts.sizes(count: 0, wished: 6) == [])
    }

    @Test("on small cases the plan is as good as the best of every possible split")
    func matchesTheOptimum() {
        var optimal = 0
        var gaps: [Double] = []
        for seed in UInt64(1)...20 {
            let request = Breakouts.Request(
                people: Self.people(seed % 2 == 0 ? 9 : 10, groups: 3, seed: seed),
                size: seed % 2 == 0 ? 3 : 5,
                metBefore: [Breakouts.Pair(1, 2), Breakouts.Pair(3, 4)],
                seed: seed
            )
            let formed = Breakouts.form(request)
            let best = Breakouts.exact(request)
            #expect(formed.cost >= best.cost - 1e-9, "the exact search missed a better split (seed \(seed))")
            if formed.cost <= best.cost + 1e-9 { optimal += 1 }
            gaps.append(best.cost == 0 ? formed.cost : (formed.cost - best.cost) / best.cost)
        }
        #expect(optimal >= 17, "optimal in \(optimal) of 20; gaps \(gaps)")
        #expect(gaps.max()! <= 0.25, "worst gap \(gaps.max()!)")
    }

    @Test("members of one group are spread over the breakouts")
    func spreadsGroups() {
        // Four groups of six people; four breakouts of six: at most two of a group in one breakout.
        let people = (0..<24).map { Person(id: $0 + 1, groups: [$0 % 4]) }
        let plan = Breakouts.form(Breakouts.Request(people: people, size: 6, seed: 7))
        #expect(plan.groups.map(\.count) == [6, 6, 6, 6])
        for breakout in plan.groups {
            let counts = Dictionary(grouping: breakout) { ($0 - 1) % 4 }.mapValues(\.count)
            #expect(counts.count == 4, "every group is in every breakout: \(breakout)")
            #expect(counts.values.max()! <= 2)
        }
        #expect(Set(plan.groups.flatMap { $0 }) == Set(1...24), "everyone is placed once")
    }

    @Test("online participants get breakouts of their own when asked")
    func onlineTogether() {
        let people = Self.people(20, groups: 4, seed: 3, online: 7)
        let plan = Breakouts.form(Breakouts.Request(people: people, size: 4, keepOnlineTogether: true, seed: 3))
        let online = Set(people.filter(\.isOnline).map(\.id))
        for breakout in plan.groups {
            let here = Set(breakout)
            #expect(
                here.isSubset(of: online) || here.isDisjoint(with: online),
                "a breakout mixes room and online: \(breakout)"
            )
        }
        // Seven online in fours: one more breakout than fit four, evened out (never one of seven).
        #expect(plan.groups.filter { Set($0).isSubset(of: online) }.map(\.count).sorted() == [3, 4])
    }

    @Test("people who already met are not put together again when it can be avoided")
    func avoidsRepeats() {
        // Eight people of eight different groups; last time 1–4 and 5–8 sat together.
        let people = (1...8).map { Person(id: $0, groups: [$0]) }
        var met = Set<Breakouts.Pair>()
        for group in [Array(1...4), Array(5...8)] {
            for a in group { for b in group where a < b { met.insert(Breakouts.Pair(a, b)) } }
        }
        let plan = Breakouts.form(Breakouts.Request(people: people, size: 4, metBefore: met, seed: 11))
        for breakout in plan.groups {
            #expect(breakout.filter { $0 <= 4 }.count == 2, "two from each earlier breakout: \(breakout)")
        }
        #expect(plan.mixingScore < 100 && plan.mixingScore > 50)
    }

    @Test("newcomers are spread among experienced members")
    func spreadsNewcomers() {
        let people = (1...12).map { Person(id: $0, groups: [$0], isNewcomer: $0 <= 4) }
        let plan = Breakouts.form(Breakouts.Request(people: people, size: 3, seed: 5))
        #expect(plan.groups.allSatisfy { $0.filter { $0 <= 4 }.count == 1 }, "\(plan.groups)")
    }

    @Test("the same seed gives the same plan, and a hand-made split is scored the same way")
    func deterministic() {
        let request = Breakouts.Request(people: Self.people(60, groups: 8, seed: 9), size: 6, seed: 42)
        #expect(Breakouts.form(request) == Breakouts.form(request))
        let plan = Breakouts.form(request)
        #expect(Breakouts.cost(of: plan.groups, request) == plan)
    }
}

@Suite("Breakouts: the long randomized search")
struct BreakoutSearchTests {
    @Test("annealing never returns a worse plan, and its math matches Foundation's")
    func annealNeverWorsens() {
        #expect(abs(Breakouts.exp(1) - 2.718_281_828) < 1e-6)
        #expect(abs(Breakouts.exp(-3.5) - 0.030_197_383) < 1e-7)
        #expect(abs(Breakouts.log(10) - 2.302_585_093) < 1e-6)
        #expect(abs(Breakouts.pow(0.01, 0.5) - 0.1) < 1e-9)
        let people = (1...30).map {
            Breakouts.Person(id: $0, groups: [$0 % 5], currents: [$0 % 2], isNewcomer: $0 % 7 == 0, isOnline: false)
        }
        let request = Breakouts.Request(people: people, size: 5, keepOnlineTogether: false, metBefore: [], seed: 3)
        let start = Breakouts.form(request)
        let searched = Breakouts.anneal(request, from: start, steps: 20_000, temperature: 2, seed: 9)
        #expect(searched.cost <= start.cost)
        #expect(searched.groups.flatMap { $0 }.sorted() == Array(1...30))
        #expect(Breakouts.cost(of: searched.groups, request).cost == searched.cost)
    }
}
