/// How long volunteers stay: the share still active after so many days, estimated from every member's spell so far
/// (Kaplan–Meier), counting those still active for as long as they have been around without guessing when they will
/// leave.
public enum Tenure {
    /// One member's time with the group in days: ended when they lapsed, otherwise they are still active and only
    /// known to have stayed this long (censored).
    public struct Spell: Sendable, Equatable {
        public var days: Int
        public var ended: Bool

        public init(days: Int, ended: Bool) {
            self.days = days
            self.ended = ended
        }
    }

    /// One step of the survival curve: on `day`, `events` of the `atRisk` members still there lapsed, leaving
    /// `survival` as the estimated share still active after that day.
    public struct Step: Sendable, Equatable {
        public var day: Int
        public var survival: Double
        public var atRisk: Int
        public var events: Int

        public init(day: Int, survival: Double, atRisk: Int, events: Int) {
            self.day = day
            self.survival = survival
            self.atRisk = atRisk
            self.events = events
        }
    }

    /// The product-limit (Kaplan–Meier) estimate: a step at each day someone lapsed, in day order, where survival is
    /// multiplied by 1 − events ÷ at risk. At risk on a day are all spells lasting that day or longer, so members still
    /// active whose spell ends on the same day as a lapse count as at risk on it.
    public static func kaplanMeier(_ spells: [Spell]) -> [Step] {
        let sorted = spells.sorted { $0.days < $1.days }
        var steps: [Step] = []
        var survival = 1.0
        var index = 0
        while index < sorted.count {
            let day = sorted[index].days
            let atRisk = sorted.count - index
            var events = 0
            while index < sorted.count && sorted[index].days == day {
                if sorted[index].ended { events += 1 }
                index += 1
            }
            guard events > 0 else { continue }
            survival *= 1 - Double(events) / Double(atRisk)
            steps.append(Step(day: day, survival: survival, atRisk: atRisk, events: events))
        }
        return steps
    }

    /// The median time with the group: the first day the estimated share still active is at or below one half; nil
    /// when it never falls that far.
    public static func median(_ steps: [Step]) -> Int? {
        steps.first { $0.survival <= 0.5 }?.day
    }
}
