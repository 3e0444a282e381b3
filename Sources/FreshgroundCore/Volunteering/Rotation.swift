/// Handing roles on: when a holder's term is up, and who could take the role next, so roles rotate instead of
/// settling on the same people.
public enum Rotation {
    /// New members are not proposed for a role before they have been members this many days.
    public static let firstMonthDays = 30

    /// A member who might take the role on.
    public struct Candidate: Sendable, Equatable {
        public var id: Int
        /// They said they are willing to hold roles.
        public var willing: Bool
        /// They have the skill the role needs (true when it needs none).
        public var hasSkill: Bool
        public var memberSinceDay: Int
        /// The last day they held this role; nil when never.
        public var lastHeldDay: Int?

        public init(id: Int, willing: Bool, hasSkill: Bool, memberSinceDay: Int, lastHeldDay: Int? = nil) {
            self.id = id
            self.willing = willing
            self.hasSkill = hasSkill
            self.memberSinceDay = memberSinceDay
            self.lastHeldDay = lastHeldDay
        }
    }

    /// Whether a term of `termDays` begun on day `since` is up on `today`. A role without a term (0 or less) is never
    /// due.
    public static func isDue(since day: Int, termDays: Int, today: Int) -> Bool {
        termDays > 0 && today >= day + termDays
    }

    /// At most `limit` members to propose as the next holder, best first: only the willing with the skill, past their
    /// first month (`firstMonthDays`) and not among `excluding` (the current holders). Those who never held the role
    /// come first, then those who held it longest ago, then the longest-standing members, then lowest id.
    public static func successors(_ c: [Candidate], today: Int, excluding: Set<Int>, limit: Int) -> [Candidate] {
        guard limit > 0 else { return [] }
        let eligible = c.filter {
            $0.willing && $0.hasSkill && today - $0.memberSinceDay >= firstMonthDays && !excluding.contains($0.id)
        }
        let sorted = eligible.sorted { a, b in
            if a.lastHeldDay != b.lastHeldDay {
                guard let first = a.lastHeldDay else { return true }
                guard let second = b.lastHeldDay else { return false }
                return first < second
            }
            if a.memberSinceDay != b.memberSinceDay { return a.memberSinceDay < b.memberSinceDay }
            return a.id < b.id
        }
        return Array(sorted.prefix(limit))
    }
}
