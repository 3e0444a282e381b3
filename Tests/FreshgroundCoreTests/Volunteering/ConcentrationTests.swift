import FreshgroundCore
import Testing

@Suite("Whether the work rests on a few people")
struct ConcentrationTests {
    @Test func theTopTenthsShareOfAllHours() {
        // 20 people: the top 2 did 40 + 20 = 60 of 60 + 18 × 5 = 150 hours: 0.4
        let hours = Array(repeating: 5.0, count: 9) + [20] + Array(repeating: 5.0, count: 9) + [40]
        #expect(Concentration.topShare(hours) == 0.4)
        // 11 people: ⌈1.1⌉ = 2 people, 10 + 8 = 18 of 18 + 9 × 2 = 36 hours: 0.5
        #expect(Concentration.topShare([2, 10, 2, 2, 8, 2, 2, 2, 2, 2, 2]) == 0.5)
        // the top half of 4: 4 + 3 = 7 of 10
        #expect(Concentration.topShare([1, 2, 3, 4], fraction: 0.5) == 0.7)
    }

    @Test func noShareWithoutHours() {
        #expect(Concentration.topShare([]) == nil)
        #expect(Concentration.topShare([0, 0, 0]) == nil)
    }
}
