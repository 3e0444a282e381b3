/// Keeping volunteering figures from pointing at individuals: counts under the threshold are shown as "<5", and a
/// guard refuses a filtered answer that could be set against an earlier one to single out fewer than five people.
public enum Disclosure {
    /// Counts under this are not shown as numbers.
    public static let threshold = 5

    /// A count as it may be shown: "<5" for 0 to 4, the number otherwise.
    public static func cell(_ n: Int) -> String {
        (0..<threshold).contains(n) ? "<\(threshold)" : String(n)
    }

    /// Whether two answers (the people counted under two filters) differ by 1 to 4 people, so that setting one
    /// against the other would single out fewer than `threshold` people. Identical answers do not differ.
    public static func differs(_ a: Set<Int>, _ b: Set<Int>) -> Bool {
        // The difference has at least |a.count − b.count| people: skip the set work when that is already too many.
        guard abs(a.count - b.count) < threshold else { return false }
        return (1..<threshold).contains(a.symmetricDifference(b).count)
    }

    /// The answers already shown to one viewer, and the check for the next one.
    public struct Guard: Sendable {
        public private(set) var shown: [Set<Int>]

        public init(shown: [Set<Int>] = []) {
            self.shown = shown
        }

        /// Whether `answer` may be shown: false, recording nothing, when it differs from any answer already shown by
        /// 1 to 4 people; otherwise true, and it is recorded (once) for the answers after it.
        public mutating func admit(_ answer: Set<Int>) -> Bool {
            guard !shown.contains(where: { Disclosure.differs(answer, $0) }) else { return false }
            if !shown.contains(answer) { shown.append(answer) }
            return true
        }
    }
}
