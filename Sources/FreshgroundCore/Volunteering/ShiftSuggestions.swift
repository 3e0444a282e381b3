/// Whom to ask first to fill a shift: people with room left in their pledge, the most room first, and among equals
/// those with more of the skills the shift needs and those asked least recently, so the same few are not asked every
/// time.
public enum ShiftSuggestions {
    /// A person who might take the shift.
    public struct Candidate: Sendable, Equatable {
        public var id: Int
        /// Hours a week pledged, and hours a week already taken on.
        public var pledge: Double
        public var load: Double
        public var skills: Set<String>
        /// The day they were last asked to take a shift; nil when never.
        public var lastAskedDay: Int?
        /// They asked not to be asked before this day; nil when not paused.
        public var pausedUntilDay: Int?

        public init(
            id: Int,
            pledge: Double,
            load: Double,
            skills: Set<String> = [],
            lastAskedDay: Int? = nil,
            pausedUntilDay: Int? = nil
        ) {
            self.id = id
            self.pledge = pledge
            self.load = load
            self.skills = skills
            self.lastAskedDay = lastAskedDay
            self.pausedUntilDay = pausedUntilDay
        }
    }

    /// At most `limit` people to ask for a shift needing `needed`, best first. Never suggested: people who pledged
    /// nothing, people already at or over their pledge, and people paused on `today`. Order: most free hours
    /// (pledge − load) first, then most of the needed skills, then least recently asked (never asked before anyone
    /// asked), then lowest id. Sorts once, so thousands of candidates are fine.
    public static func rank(
        _ candidates: [Candidate],
        skills needed: Set<String>,
        today: Int,
        limit: Int
    ) -> [Candidate] {
        guard limit > 0 else { return [] }
        let keyed =
            candidates
            .filter { $0.pledge > 0 && $0.load < $0.pledge && !isPaused($0, today: today) }
            .map { (candidate: $0, free: $0.pledge - $0.load, matched: $0.skills.intersection(needed).count) }
        let sorted = keyed.sorted { a, b in
            if a.free != b.free { return a.free > b.free }
            if a.matched != b.matched { return a.matched > b.matched }
            if a.candidate.lastAskedDay != b.candidate.lastAskedDay {
                guard let first = a.candidate.lastAskedDay else { return true }
                guard let second = b.candidate.lastAskedDay else { return false }
                return first < second
            }
            return a.candidate.id < b.candidate.id
        }
        return sorted.prefix(limit).map(\.candidate)
    }

    /// Whether the person asked not to be asked on `today`.
    static func isPaused(_ candidate: Candidate, today: Int) -> Bool {
        guard let until = candidate.pausedUntilDay else { return false }
        return until > today
    }
}
