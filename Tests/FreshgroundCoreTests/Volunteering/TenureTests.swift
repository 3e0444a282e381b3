import FreshgroundCore
import Testing

@Suite("How long volunteers stay")
struct TenureTests {
    /// Equal up to rounding of the products.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func theProductLimitEstimateOfSixSpells() {
        // sorted: 30 lapsed, 45 still active, 60 lapsed, 60 still active, 90 lapsed, 120 still active
        // day 30: 6 at risk, 1 lapses: S = 5/6 ≈ 0.8333
        // day 45: only a censored spell, no step
        // day 60: 4 at risk (both 60s, 90, 120; the one still active at 60 counts), 1 lapses: S = 5/6 × 3/4 = 0.625
        // day 90: 2 at risk, 1 lapses: S = 0.625 × 1/2 = 0.3125
        let spells = [
            Tenure.Spell(days: 60, ended: false), .init(days: 30, ended: true), .init(days: 120, ended: false),
            .init(days: 90, ended: true), .init(days: 45, ended: false), .init(days: 60, ended: true),
        ]
        let steps = Tenure.kaplanMeier(spells)
        #expect(steps.map(\.day) == [30, 60, 90])
        #expect(steps.map(\.atRisk) == [6, 4, 2])
        #expect(steps.map(\.events) == [1, 1, 1])
        #expect(zip(steps.map(\.survival), [5.0 / 6.0, 0.625, 0.3125]).allSatisfy(Self.close))
        // the share first falls to one half or below on day 90
        #expect(Tenure.median(steps) == 90)
    }

    @Test func lapsesOnTheSameDayAreOneStep() {
        // 5 spells, two lapse on day 10: S = 1 − 2/5 = 0.6; day 20: 3 at risk, 1 lapses: S = 0.6 × 2/3 = 0.4
        let spells = [10, 10, 20, 30, 40].enumerated().map { Tenure.Spell(days: $0.element, ended: $0.offset < 3) }
        let steps = Tenure.kaplanMeier(spells)
        #expect(steps.map(\.day) == [10, 20] && steps.map(\.atRisk) == [5, 3] && steps.map(\.events) == [2, 1])
        #expect(zip(steps.map(\.survival), [0.6, 0.4]).allSatisfy(Self.close))
        #expect(Tenure.median(steps) == 20)
    }

    @Test func noMedianWhileMostAreStillActive() {
        // day 10: 3 at risk, 1 lapses: S = 2/3, and the rest are still active
        let steps = Tenure.kaplanMeier([
            .init(days: 10, ended: true), .init(days: 20, ended: false), .init(days: 30, ended: false),
        ])
        #expect(steps.count == 1 && Self.close(steps[0].survival, 2.0 / 3.0))
        #expect(Tenure.median(steps) == nil)
        #expect(Tenure.kaplanMeier([]).isEmpty)
    }
}
