import FreshgroundCore
import Testing

@Suite("Survey counts under five are hidden")
struct SmallCellsTests {
    @Test func countsUnderFiveAreHiddenAndTheRestShown() {
        // 12 answered: the 0 is hidden, and alone it could be worked out from the total, so the 5 goes with it
        #expect(SmallCells.table([7, 5, 0]) == SmallCells.Table(cells: [7, nil, nil], total: 12))
        #expect(SmallCells.table([9, 6, 5]) == SmallCells.Table(cells: [9, 6, 5], total: 20))
        #expect(SmallCells.table([8, 3, 2, 6]) == SmallCells.Table(cells: [8, nil, nil, 6], total: 19))
    }

    @Test func aSingleHiddenCountCannotBeWorkedOutFromTheTotal() {
        // 30 answered; 4 alone would be 30 − 20 − 6: the smallest shown count (6) goes with it
        let table = SmallCells.table([20, 4, 6])
        #expect(table == SmallCells.Table(cells: [20, nil, nil], total: 30))
        let shown = table.cells.compactMap { $0 }.reduce(0, +)
        let hidden = table.cells.filter { $0 == nil }.count
        #expect(hidden != 1 && (table.total ?? 0) - shown >= 0)
    }

    @Test func fewerThanFiveAnswersShowNothing() {
        #expect(SmallCells.table([2, 2]) == SmallCells.Table(cells: [nil, nil], total: nil))
        #expect(SmallCells.table([]) == SmallCells.Table(cells: [], total: nil))
    }

    @Test(arguments: 0..<200)
    func noHiddenCountIsEverAloneOrUnderFiveShown(seed: Int) {
        // property: whatever the counts, a shown count is at least 5 and hidden counts never stand alone
        var generator = SplitMix(seed: UInt64(seed))
        let counts = (0..<Int(generator.next() % 6 + 1)).map { _ in Int(generator.next() % 12) }
        let table = SmallCells.table(counts)
        #expect(table.cells.allSatisfy { $0 == nil || $0! >= SmallCells.threshold })
        if table.total != nil { #expect(table.cells.filter { $0 == nil }.count != 1) }
        #expect(zip(table.cells, counts).allSatisfy { $0 == nil || $0 == $1 })
    }
}

/// A small seeded generator, so the property runs the same cases every time.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
