import FreshgroundCore
import Testing

@Suite("Whom to ask to fill a shift")
struct ShiftSuggestionsTests {
    static let today = 20_514

    @Test func freeHoursThenSkillsThenLeastRecentlyAskedThenId() {
        let t = Self.today
        let candidates = [
            ShiftSuggestions.Candidate(id: 1, pledge: 4, load: 1, skills: ["first aid"]),  // free 3, 1 skill, never
            .init(id: 2, pledge: 6, load: 3, skills: ["first aid", "driving"], lastAskedDay: t - 10),  // free 3, 2
            .init(id: 3, pledge: 5, load: 2, skills: ["first aid", "cooking"], lastAskedDay: t - 30),  // free 3, 1
            .init(id: 4, pledge: 8, load: 2, lastAskedDay: t - 1),  // free 6
            .init(id: 5, pledge: 3, load: 3),  // at the pledge: never
            .init(id: 6, pledge: 10, load: 0, pausedUntilDay: t + 5),  // paused: never
            .init(id: 7, pledge: 0, load: 0),  // pledged nothing: never
            .init(id: 8, pledge: 5, load: 2, skills: ["driving"]),  // free 3, 1 skill, never asked: after 1 by id
            .init(id: 9, pledge: 10, load: 1, pausedUntilDay: t),  // pause ends today: free 9
            .init(id: 10, pledge: 4, load: 5),  // over the pledge: never
            .init(id: 11, pledge: 5, load: 2, skills: ["driving"], lastAskedDay: t - 10),  // free 3, 1, asked t−10
        ]
        // 9 (free 9), 4 (free 6), then free 3: 2 (two skills), then one skill: 1 and 8 never asked (by id),
        // 3 asked t−30, 11 asked t−10
        let ranked = ShiftSuggestions.rank(candidates, skills: ["first aid", "driving"], today: t, limit: 10)
        #expect(ranked.map(\.id) == [9, 4, 2, 1, 8, 3, 11])
        #expect(
            ShiftSuggestions.rank(candidates, skills: ["first aid", "driving"], today: t, limit: 3).map(\.id) == [
                9, 4, 2,
            ]
        )
        #expect(ShiftSuggestions.rank(candidates, skills: [], today: t, limit: 0).isEmpty)
        // once the pause of 6 is over it leads with 10 free hours
        #expect(ShiftSuggestions.rank(candidates, skills: [], today: t + 5, limit: 1).map(\.id) == [6])
    }

    @Test func fiveThousandCandidatesAreRankedQuickly() {
        // id % 10 + 1 hours pledged, none taken: the ten-hour people are ids 9, 19, 29 …; ids ending in 9 that are
        // multiples of 3 (9, 39, 69 …) also have the skill and come first
        let candidates = (1...5_000).map { id in
            ShiftSuggestions.Candidate(
                id: id,
                pledge: Double(id % 10 + 1),
                load: 0,
                skills: id % 3 == 0 ? ["stewarding"] : [],
                lastAskedDay: id % 2 == 0 ? Self.today - id % 50 : nil
            )
        }
        // Speed is measured by the benchmark script, never here.
        let ranked = ShiftSuggestions.rank(candidates, skills: ["stewarding"], today: Self.today, limit: 4)
        #expect(ranked.map(\.id) == [9, 39, 69, 99])
    }
}
