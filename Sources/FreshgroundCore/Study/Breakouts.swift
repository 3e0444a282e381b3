/// Forming the small groups of a study session: people of different groups and currents together, newcomers
/// spread among experienced members, online participants kept apart when asked (they share a call), and as few
/// pairs as possible who already sat together in earlier sessions. A pure function of its input and a seed.
package enum Breakouts {
    /// One person present.
    package struct Person: Sendable, Equatable {
        package let id: Int
        /// The organizing groups the person belongs to.
        package let groups: Set<Int>
        /// Currents (tendencies) the person identifies with, if any.
        package let currents: Set<Int>
        package let isNewcomer: Bool
        package let isOnline: Bool

        package init(
            id: Int,
            groups: Set<Int>,
            currents: Set<Int> = [],
            isNewcomer: Bool = false,
            isOnline: Bool = false
        ) {
            self.id = id
            self.groups = groups
            self.currents = currents
            self.isNewcomer = isNewcomer
            self.isOnline = isOnline
        }
    }

    /// What the organizer asks for.
    package struct Request: Sendable {
        package let people: [Person]
        /// The wished size; breakouts come out this size or one more where the people can be split so, and
        /// never larger (see `sizes(count:wished:)`).
        package let size: Int
        /// Online participants get breakouts of their own.
        package let keepOnlineTogether: Bool
        /// Pairs of person ids who were in one breakout in an earlier session, smaller id first.
        package let metBefore: Set<Pair>
        package let seed: UInt64

        package init(
            people: [Person],
            size: Int,
            keepOnlineTogether: Bool = false,
            metBefore: Set<Pair> = [],
            seed: UInt64 = 1
        ) {
            self.people = people
            self.size = max(2, size)
            self.keepOnlineTogether = keepOnlineTogether
            self.metBefore = metBefore
            self.seed = seed
        }
    }

    package struct Pair: Hashable, Sendable {
        package let first: Int
        package let second: Int

        package init(_ a: Int, _ b: Int) {
            first = min(a, b)
            second = max(a, b)
        }
    }

    /// The breakouts (person ids) and what they cost: 0 is perfectly mixed.
    package struct Plan: Sendable, Equatable {
        package let groups: [[Int]]
        package let cost: Double
        /// 100 when no pair in a breakout shares a group and nobody meets again; lower as they do.
        package let mixingScore: Int
    }

    // Weights of what the organizer wants to avoid, per pair sitting together or per breakout.
    static let sharedGroup = 3.0
    static let sharedCurrent = 1.0
    static let repeatedPair = 2.0
    static let newcomerImbalance = 1.5

    /// Breakout sizes for `count` people asked to meet in breakouts of `size`, largest first. The rule, as the
    /// session form states it: breakouts of `size`, the people left over added one to a breakout, so every
    /// breakout has `size` or `size + 1` whenever the people can be split that way (46 in sixes: four of 7 and
    /// three of 6; 42 in sixes: seven of 6). When they cannot (more left over than breakouts), one more breakout
    /// is made and the sizes evened out: none has more than `size + 1` and some have fewer than `size` (15 in
    /// sixes: three of 5; 13 in fives: 5, 4 and 4). Fewer than `size` people make one breakout.
    package static func sizes(count: Int, wished size: Int) -> [Int] {
        guard count > 0 else { return [] }
        let size = max(1, size)
        // floor(count / size) breakouts of at least `size`, unless that leaves one larger than size + 1.
        let breakouts = max(count / size, (count + size) / (size + 1))
        return (0..<breakouts).map { count / breakouts + ($0 < count % breakouts ? 1 : 0) }
    }

    /// The plan: a dealt start improved by swapping people between breakouts until no swap helps, then, when the
    /// group is small enough for it to be cheap, more random starts improved the same way; the best is kept.
    package static func form(_ request: Request) -> Plan {
        let model = Model(request)
        // Few enough ways to split: try them all, so a small session always gets the lowest cost there is.
        if model.splits <= exactLimit { return model.plan(best(model)) }
        var random = Random(seed: request.seed)
        let count = max(model.people.count, 1)
        // Each improvement costs about count² swap checks a pass; small groups get up to 30 starts.
        let starts = max(1, min(30, 400_000 / (count * count)))
        var best = improve(model.dealt(), model, &random)
        var bestCost = model.cost(best)
        for _ in 1..<max(starts, 1) {
            let candidate = improve(model.scattered(&random), model, &random)
            let cost = model.cost(candidate)
            if cost < bestCost - 1e-9 {
                best = candidate
                bestCost = cost
            }
        }
        return model.plan(best)
    }

    /// Swaps pairs of people between breakouts, each time the one that lowers the cost most for a person,
    /// until no swap helps.
    static func improve(_ start: Assignment, _ model: Model, _ random: inout Random) -> Assignment {
        var assignment = start
        var improved = true
        var passes = 0
        while improved && passes < 50 {
            improved = false
            passes += 1
            let order = random.shuffled(Array(0..<model.people.count))
            for a in order {
                var best = 0.0
                var partner = -1
                for b in 0..<model.people.count
                where assignment.group[b] != assignment.group[a] && model.sameSide(a, b) {
                    let delta = model.swapDelta(a, b, assignment)
                    if delta < best - 1e-9 {
                        best = delta
                        partner = b
                    }
                }
                if partner >= 0 {
                    assignment.swap(a, partner)
                    improved = true
                }
            }
        }
        return assignment
    }

    /// Up to this many ways of splitting the people, `form` tries every one.
    static let exactLimit = 20_000.0

    /// The best plan over every way of splitting the people into the breakout sizes.
    package static func exact(_ request: Request) -> Plan {
        let model = Model(request)
        return model.plan(best(model))
    }

    /// The lowest-cost assignment over every split into the model's breakout sizes (the first met of equal ones).
    static func best(_ model: Model) -> Assignment {
        var best: Assignment?
        var bestCost = Double.infinity
        var assignment = model.dealt()
        func place(_ index: Int) {
            if index == model.people.count {
                let cost = model.cost(assignment)
                if cost < bestCost - 1e-9 {
                    bestCost = cost
                    best = assignment
                }
                return
            }
            var triedEmpty = Set<Int>()
            for group in model.candidates(for: index) where assignment.members[group].count < model.sizes[group] {
                // Empty breakouts of one size are alike: trying one of them is enough.
                if assignment.members[group].isEmpty {
                    guard triedEmpty.insert(model.sizes[group]).inserted else { continue }
                }
                assignment.members[group].append(index)
                assignment.group[index] = group
                place(index + 1)
                assignment.members[group].removeLast()
            }
        }
        assignment.members = Array(repeating: [], count: model.sizes.count)
        place(0)
        return best ?? model.dealt()
    }

    /// The cost of a given split (ids per breakout), for organizers' hand swaps and for tests.
    package static func cost(of groups: [[Int]], _ request: Request) -> Plan {
        let model = Model(request)
        let index = Dictionary(uniqueKeysWithValues: model.people.enumerated().map { ($1.id, $0) })
        var assignment = Assignment(group: Array(repeating: 0, count: model.people.count), members: [])
        for (number, ids) in groups.enumerated() {
            assignment.members.append(ids.compactMap { index[$0] })
            for id in ids { if let person = index[id] { assignment.group[person] = number } }
        }
        return model.plan(assignment)
    }
}
