extension Breakouts {
    /// Who is in which breakout, by index into the model's people.
    struct Assignment {
        var group: [Int]
        var members: [[Int]]

        mutating func swap(_ a: Int, _ b: Int) {
            let (ga, gb) = (group[a], group[b])
            members[ga][members[ga].firstIndex(of: a)!] = b
            members[gb][members[gb].firstIndex(of: b)!] = a
            group[a] = gb
            group[b] = ga
        }
    }

    /// The request prepared for fast evaluation: people in id order, breakouts with their sizes and sides
    /// (in the room or online), and the cost of every pair sitting together.
    struct Model {
        let people: [Person]
        let sizes: [Int]
        /// 0 in the room, 1 online; everyone is on side 0 unless online people are kept together.
        let side: [Int]
        let groupSide: [Int]
        let expectedNewcomers: [Double]
        let pairCost: [Double]
        let repeated: [Bool]

        init(_ request: Request) {
            let people = request.people.sorted { $0.id < $1.id }
            let n = people.count
            let side = people.map { request.keepOnlineTogether && $0.isOnline ? 1 : 0 }
            self.people = people
            self.side = side
            var sizes: [Int] = []
            var groupSide: [Int] = []
            var expected: [Double] = []
            for s in 0...1 {
                let members = (0..<n).filter { side[$0] == s }
                let newcomers = Double(members.filter { people[$0].isNewcomer }.count)
                for size in Breakouts.sizes(count: members.count, wished: request.size) {
                    sizes.append(size)
                    groupSide.append(s)
                    expected.append(members.isEmpty ? 0 : newcomers * Double(size) / Double(members.count))
                }
            }
            self.sizes = sizes
            self.groupSide = groupSide
            expectedNewcomers = expected
            var costs = Array(repeating: 0.0, count: n * n)
            var repeated = Array(repeating: false, count: n * n)
            for a in 0..<n {
                for b in (a + 1)..<max(a + 1, n) {
                    let met = request.metBefore.contains(Pair(people[a].id, people[b].id))
                    let cost =
                        Breakouts.sharedGroup * Double(people[a].groups.intersection(people[b].groups).count)
                        + Breakouts.sharedCurrent * Double(people[a].currents.intersection(people[b].currents).count)
                        + (met ? Breakouts.repeatedPair : 0)
                    costs[a * n + b] = cost
                    costs[b * n + a] = cost
                    let bad = met || !people[a].groups.isDisjoint(with: people[b].groups)
                    repeated[a * n + b] = bad
                    repeated[b * n + a] = bad
                }
            }
            pairCost = costs
            self.repeated = repeated
        }

        func cost(_ a: Int, _ b: Int) -> Double { pairCost[a * people.count + b] }

        /// How many different splits into these breakouts there are (breakouts of one size being alike): the
        /// multinomial of each side's people over its sizes, divided by the orders of equal sizes.
        var splits: Double {
            var total = 1.0
            for s in 0...1 {
                var left = side.filter { $0 == s }.count
                var alike: [Int: Int] = [:]
                for group in sizes.indices where groupSide[group] == s {
                    for k in 0..<sizes[group] { total = total * Double(left - k) / Double(k + 1) }
                    left -= sizes[group]
                    alike[sizes[group], default: 0] += 1
                    total /= Double(alike[sizes[group]]!)
                }
            }
            return total
        }

        func sameSide(_ a: Int, _ b: Int) -> Bool { side[a] == side[b] }

        func candidates(for person: Int) -> [Int] { sizes.indices.filter { groupSide[$0] == side[person] } }

        /// A first split: each side's people ordered by their first group and dealt round the breakouts, so
        /// members of one group start apart.
        func dealt() -> Assignment {
            var assignment = Assignment(group: Array(repeating: 0, count: people.count), members: sizes.map { _ in [] })
            for s in 0...1 {
                let groups = sizes.indices.filter { groupSide[$0] == s }
                let members = people.indices.filter { side[$0] == s }.sorted {
                    let (x, y) = (people[$0], people[$1])
                    return (x.groups.min() ?? Int.max, x.isNewcomer ? 1 : 0, x.id)
                        < (y.groups.min() ?? Int.max, y.isNewcomer ? 1 : 0, y.id)
                }
                for (turn, person) in members.enumerated() where !groups.isEmpty {
                    let group = groups[turn % groups.count]
                    assignment.members[group].append(person)
                    assignment.group[person] = group
                }
            }
            return assignment
        }

        /// A random split with the same breakout sizes and sides, for another start of the search.
        func scattered(_ random: inout Random) -> Assignment {
            var assignment = Assignment(group: Array(repeating: 0, count: people.count), members: sizes.map { _ in [] })
            for s in 0...1 {
                let groups = sizes.indices.filter { groupSide[$0] == s }
                let members = random.shuffled(people.indices.filter { side[$0] == s })
                var at = 0
                for group in groups {
                    for person in members[at..<min(at + sizes[group], members.count)] {
                        assignment.members[group].append(person)
                        assignment.group[person] = group
                    }
                    at += sizes[group]
                }
            }
            return assignment
        }

        func newcomers(in members: [Int]) -> Double { Double(members.filter { people[$0].isNewcomer }.count) }

        func cost(_ assignment: Assignment) -> Double {
            var total = 0.0
            for (group, members) in assignment.members.enumerated() {
                for (i, a) in members.enumerated() {
                    for b in members[(i + 1)...] { total += cost(a, b) }
                }
                let off = newcomers(in: members) - expectedNewcomers[group]
                total += Breakouts.newcomerImbalance * off * off
            }
            return total
        }

        /// How much the total cost changes if `a` and `b` trade places.
        func swapDelta(_ a: Int, _ b: Int, _ assignment: Assignment) -> Double {
            let (ga, gb) = (assignment.group[a], assignment.group[b])
            var delta = 0.0
            for x in assignment.members[ga] where x != a { delta += cost(b, x) - cost(a, x) }
            for y in assignment.members[gb] where y != b { delta += cost(a, y) - cost(b, y) }
            if people[a].isNewcomer != people[b].isNewcomer {
                let shift = people[a].isNewcomer ? -1.0 : 1.0
                let offA = newcomers(in: assignment.members[ga]) - expectedNewcomers[ga]
                let offB = newcomers(in: assignment.members[gb]) - expectedNewcomers[gb]
                delta += Breakouts.newcomerImbalance * ((offA + shift) * (offA + shift) - offA * offA)
                delta += Breakouts.newcomerImbalance * ((offB - shift) * (offB - shift) - offB * offB)
            }
            return delta
        }

        func plan(_ assignment: Assignment) -> Plan {
            var pairs = 0
            var bad = 0
            for members in assignment.members {
                for (i, a) in members.enumerated() {
                    for b in members[(i + 1)...] {
                        pairs += 1
                        if repeated[a * people.count + b] { bad += 1 }
                    }
                }
            }
            let groups = assignment.members.map { $0.map { people[$0].id }.sorted() }.sorted {
                ($0.first ?? 0) < ($1.first ?? 0)
            }
            let score = pairs == 0 ? 100 : Int((100.0 * Double(pairs - bad) / Double(pairs)).rounded())
            return Plan(groups: groups, cost: (cost(assignment) * 1_000).rounded() / 1_000, mixingScore: score)
        }
    }

    /// SplitMix64: the same seed always gives the same plan (and the same benchmark population).
    package struct Random: Sendable {
        var state: UInt64

        package init(seed: UInt64) { state = seed }

        /// A number from 0 up to, not including, `bound`.
        package mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int(z % UInt64(max(bound, 1)))
        }

        mutating func shuffled(_ items: [Int]) -> [Int] {
            var items = items
            for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, next(index + 1)) }
            return items
        }
    }
}
