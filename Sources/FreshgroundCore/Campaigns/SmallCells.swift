/// The counts of an anonymous survey as they may be shown: a count under the threshold could point at the few people
/// behind it, so it is hidden, and so is one more count when a single hidden one could be worked out from the total.
public enum SmallCells {
    /// Counts under this are hidden.
    public static let threshold = 5

    /// One question's answers, counted, as shown.
    public struct Table: Equatable, Sendable {
        /// Each answer's count in the question's order; nil where hidden.
        public var cells: [Int?]
        /// How many answered; nil when fewer than the threshold, and then every cell is hidden too.
        public var total: Int?

        public init(cells: [Int?], total: Int?) {
            self.cells = cells
            self.total = total
        }
    }

    /// The counts of one question's answers (each answerer gives one answer) as they may be shown. Every count under
    /// `threshold` is hidden, zero included (a zero next to hidden cells narrows them down). The total is shown, so
    /// when exactly one count is hidden the next smallest shown count is hidden with it; when the total itself is under
    /// the threshold nothing is shown.
    public static func table(_ counts: [Int], threshold: Int = SmallCells.threshold) -> Table {
        let total = counts.reduce(0, +)
        guard total >= threshold else { return Table(cells: counts.map { _ in nil }, total: nil) }
        var cells: [Int?] = counts.map { $0 < threshold ? nil : $0 }
        let hidden = cells.filter { $0 == nil }.count
        if hidden == 1, let smallest = cells.indices.filter({ cells[$0] != nil }).min(by: { counts[$0] < counts[$1] }) {
            cells[smallest] = nil
        }
        return Table(cells: cells, total: total)
    }
}
