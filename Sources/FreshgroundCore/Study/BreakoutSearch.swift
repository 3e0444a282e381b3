extension Breakouts {
    /// A long randomized search, to measure `form` against: simulated annealing from `start` (a plan for the
    /// same request) by random swaps of two people on the same side, for `steps` steps, cooling from
    /// `temperature` to a hundredth of it. Returns the best plan it met; never worse than `start`.
    package static func anneal(
        _ request: Request,
        from start: Plan,
        steps: Int,
        temperature: Double,
        seed: UInt64
    ) -> Plan {
        let model = Model(request)
        let count = model.people.count
        guard count > 1, steps > 0 else { return start }
        let index = Dictionary(uniqueKeysWithValues: model.people.enumerated().map { ($1.id, $0) })
        var assignment = Assignment(group: Array(repeating: 0, count: count), members: [])
        for (number, ids) in start.groups.enumerated() {
            assignment.members.append(ids.compactMap { index[$0] })
            for id in ids { if let person = index[id] { assignment.group[person] = number } }
        }
        var random = Random(seed: seed)
        let plan = model.plan(anneal(model, assignment, steps: steps, temperature: temperature, &random))
        return plan.cost <= start.cost ? plan : start
    }

    /// Annealing on a prepared model; returns the best assignment met (the start when nothing beat it).
    static func anneal(
        _ model: Model,
        _ start: Assignment,
        steps: Int,
        temperature: Double,
        _ random: inout Random
    ) -> Assignment {
        let count = model.people.count
        guard count > 1, steps > 0 else { return start }
        var assignment = start
        var current = model.cost(assignment)
        var best = assignment
        var bestCost = current
        let cooling = pow(0.01, 1.0 / Double(steps))
        var heat = temperature
        for _ in 0..<steps {
            heat *= cooling
            let a = random.next(count)
            let b = random.next(count)
            guard assignment.group[a] != assignment.group[b], model.sameSide(a, b) else { continue }
            let delta = model.swapDelta(a, b, assignment)
            // Accept what helps, and what hurts with a chance that shrinks as it cools.
            if delta <= 0 || Double(random.next(1_000_000)) / 1_000_000 < exp(-delta / heat) {
                assignment.swap(a, b)
                current += delta
                if current < bestCost - 1e-9 {
                    bestCost = current
                    best = assignment
                }
            }
        }
        return best
    }

    /// e to the power `x`, by squaring a short series (FreshgroundCore imports nothing, not even Foundation).
    static func exp(_ x: Double) -> Double {
        if x < -40 { return 0 }
        var scaled = x / 1024
        var term = 1.0
        var sum = 1.0
        for n in 1...12 {
            term *= scaled / Double(n)
            sum += term
        }
        for _ in 0..<10 { sum *= sum }
        scaled = sum
        return scaled
    }

    /// `base` to the power `exponent` for 0 < base, as exp(exponent × ln base).
    static func pow(_ base: Double, _ exponent: Double) -> Double { exp(exponent * log(base)) }

    /// The natural logarithm for positive `x`, by Newton's method on exp.
    static func log(_ x: Double) -> Double {
        var y = 0.0
        var value = x
        // Bring x near 1 with powers of two first: ln 2 = 0.693147…
        while value > 2 {
            value /= 2
            y += 0.693_147_180_559_945_3
        }
        while value < 0.5 {
            value *= 2
            y -= 0.693_147_180_559_945_3
        }
        var guess = value - 1
        for _ in 0..<30 { guess -= 1 - value / exp(guess) }
        return y + guess
    }
}
