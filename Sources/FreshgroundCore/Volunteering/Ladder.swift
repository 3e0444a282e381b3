/// The ladder of engagement: how far into a group's work each member has come, from joining to organizing, and how
/// many people stand on each rung and move between rungs.
public enum Ladder {
    /// One rung, lowest first.
    public enum Rung: String, CaseIterable, Sendable, Comparable {
        case joined, attended, volunteered
        case heldRole = "held_role"
        case organized

        /// The rung's name as members read it.
        public var label: String {
            switch self {
            case .joined: "Joined"
            case .attended: "Came to something"
            case .volunteered: "Volunteered"
            case .heldRole: "Held a role"
            case .organized: "Organized"
            }
        }

        /// Its place on the ladder, 0 for `joined`.
        var rank: Int { Rung.allCases.firstIndex(of: self) ?? 0 }

        public static func < (lhs: Rung, rhs: Rung) -> Bool { lhs.rank < rhs.rank }
    }

    /// A group's own steps: how many attendances reach `attended`, and how many finished tasks or shifts reach
    /// `volunteered`. A step under 1 counts as 1.
    public struct Steps: Sendable, Equatable {
        public var attended: Int
        public var volunteered: Int

        public init(attended: Int = 1, volunteered: Int = 1) {
            self.attended = attended
            self.volunteered = volunteered
        }
    }

    /// What a member has done: events attended, pieces of volunteering (tasks or shifts finished, months with
    /// hours logged), and whether they have held a role and organized something.
    public struct Record: Sendable, Equatable {
        public var attended: Int
        public var volunteered: Int
        public var heldRole: Bool
        public var organized: Bool

        public init(attended: Int = 0, volunteered: Int = 0, heldRole: Bool = false, organized: Bool = false) {
            self.attended = attended
            self.volunteered = volunteered
            self.heldRole = heldRole
            self.organized = organized
        }
    }

    /// A count of people who moved from one rung to another.
    public struct Transition: Sendable, Equatable {
        public var from: Rung
        public var to: Rung
        public var count: Int

        public init(from: Rung, to: Rung, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// The highest rung a member has reached. Each rung is reached by its own condition only (a member who held a
    /// role without ever attending is on `heldRole`; one who attended twice when the group's step is three is still
    /// on `joined`).
    public static func stage(_ r: Record, steps: Steps) -> Rung {
        if r.organized { return .organized }
        if r.heldRole { return .heldRole }
        if r.volunteered >= max(1, steps.volunteered) { return .volunteered }
        if r.attended >= max(1, steps.attended) { return .attended }
        return .joined
    }

    /// The rung above `after`; nil at the top.
    public static func next(after: Rung) -> Rung? {
        let all = Rung.allCases
        let index = after.rank + 1
        return index < all.count ? all[index] : nil
    }

    /// How a person wants next steps offered in one group: whenever there is one, not before a day, or not at all
    /// (until they ask again).
    public enum Pace: Sendable, Equatable {
        case open
        case notBefore(day: Int)
        case stopped

        /// Whether next steps may be offered on `today`.
        public func allows(today: Int) -> Bool {
            switch self {
            case .open: true
            case .notBefore(let day): today >= day
            case .stopped: false
            }
        }
    }

    /// Whether to offer a person a next step now, at their pace: never from the top rung, never while they are
    /// paused, never when this week's load already reaches their pledge (more would take them past what they said
    /// they can give), and not before the day they put it off to.
    public static func offersNextStep(
        from rung: Rung,
        pace: Pace,
        paused: Bool,
        loadHours: Double,
        pledgeHours: Double,
        today: Int
    ) -> Bool {
        guard next(after: rung) != nil, !paused else { return false }
        if loadHours > 0, loadHours >= pledgeHours { return false }
        return pace.allows(today: today)
    }

    /// For each rung in `Rung.allCases` order, how many of the people whose stages are `stages` stand on it or
    /// higher; the first count is everyone.
    public static func funnel(_ stages: [Rung]) -> [Int] {
        var counts = Array(repeating: 0, count: Rung.allCases.count)
        for stage in stages { counts[stage.rank] += 1 }
        for index in counts.indices.reversed().dropFirst() { counts[index] += counts[index + 1] }
        return counts
    }

    /// How many people moved between each pair of rungs from `before` to `after` (both keyed by person): only people
    /// in both, only those whose rung changed (up or down), sorted by the rung left and then the rung reached.
    public static func transitions(from before: [Int: Rung], to after: [Int: Rung]) -> [Transition] {
        var counts: [Rung: [Rung: Int]] = [:]
        for (person, from) in before {
            guard let to = after[person], to != from else { continue }
            counts[from, default: [:]][to, default: 0] += 1
        }
        return counts.keys.sorted().flatMap { from in
            (counts[from] ?? [:]).sorted { $0.key < $1.key }.map { Transition(from: from, to: $0.key, count: $0.value) }
        }
    }
}
