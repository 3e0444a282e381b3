import FreshgroundCore
import Testing

@Suite("The ladder of engagement")
struct LadderTests {
    @Test func eachRungIsReachedByItsOwnCondition() {
        let steps = Ladder.Steps()
        #expect(Ladder.stage(.init(), steps: steps) == .joined)
        #expect(Ladder.stage(.init(attended: 1), steps: steps) == .attended)
        #expect(Ladder.stage(.init(volunteered: 1), steps: steps) == .volunteered)  // never came to an event
        #expect(Ladder.stage(.init(heldRole: true), steps: steps) == .heldRole)
        #expect(
            Ladder.stage(.init(attended: 9, volunteered: 9, heldRole: true, organized: true), steps: steps)
                == .organized
        )
    }

    @Test func aGroupsOwnStepsSetHowMuchReachesARung() {
        // three attendances for "came to something", two finished tasks or shifts for "volunteered"
        let steps = Ladder.Steps(attended: 3, volunteered: 2)
        #expect(Ladder.stage(.init(attended: 2), steps: steps) == .joined)
        #expect(Ladder.stage(.init(attended: 3), steps: steps) == .attended)
        #expect(Ladder.stage(.init(attended: 5, volunteered: 1), steps: steps) == .attended)
        #expect(Ladder.stage(.init(volunteered: 2), steps: steps) == .volunteered)
        // a step of 0 still needs one
        #expect(Ladder.stage(.init(), steps: .init(attended: 0, volunteered: 0)) == .joined)
    }

    @Test func rungsAreOrderedAndNamed() {
        #expect(
            Ladder.Rung.allCases.map(\.label) == [
                "Joined", "Came to something", "Volunteered", "Held a role", "Organized",
            ]
        )
        #expect(Ladder.Rung.heldRole.rawValue == "held_role")
        #expect(
            Ladder.Rung.joined < .attended && Ladder.Rung.heldRole < .organized
                && !(Ladder.Rung.organized < .volunteered)
        )
        #expect(Ladder.next(after: .joined) == .attended)
        #expect(Ladder.next(after: .heldRole) == .organized)
        #expect(Ladder.next(after: .organized) == nil)
    }

    @Test func theFunnelCountsPeopleAtOrAboveEachRung() {
        // on each rung: joined 2, attended 2, volunteered 2, held a role 1, organized 1;
        // at or above: 8, 6, 4, 2, 1
        let stages: [Ladder.Rung] = [
            .joined, .joined, .attended, .volunteered, .volunteered, .heldRole, .organized, .attended,
        ]
        #expect(Ladder.funnel(stages) == [8, 6, 4, 2, 1])
        #expect(Ladder.funnel([]) == [0, 0, 0, 0, 0])
    }

    @Test func transitionsCountMovesOfPeopleInBothSnapshots() {
        // 1 and 2 came to something; 3 volunteered; 4 dropped back to attending; 5 stayed; 6 is gone, 7 is new
        let before: [Int: Ladder.Rung] = [
            1: .joined, 2: .joined, 3: .attended, 4: .volunteered, 5: .attended, 6: .joined,
        ]
        let after: [Int: Ladder.Rung] = [
            1: .attended, 2: .attended, 3: .volunteered, 4: .attended, 5: .attended, 7: .organized,
        ]
        #expect(
            Ladder.transitions(from: before, to: after) == [
                .init(from: .joined, to: .attended, count: 2),
                .init(from: .attended, to: .volunteered, count: 1),
                .init(from: .volunteered, to: .attended, count: 1),
            ]
        )
    }

    @Test func nextStepsComeAtThePersonsPace() {
        func offers(
            _ rung: Ladder.Rung = .attended,
            _ pace: Ladder.Pace = .open,
            paused: Bool = false,
            load: Double = 1,
            pledge: Double = 3,
            today: Int = 100
        ) -> Bool {
            Ladder.offersNextStep(
                from: rung,
                pace: pace,
                paused: paused,
                loadHours: load,
                pledgeHours: pledge,
                today: today
            )
        }
        #expect(offers())
        #expect(offers(.joined, load: 0, pledge: 0), "someone who pledged nothing and holds nothing may still come")
        #expect(!offers(.organized), "nothing lies above organizing")
        #expect(!offers(paused: true))
        #expect(!offers(load: 3, pledge: 3), "at the pledge, more would take them over it")
        #expect(!offers(load: 1, pledge: 0), "holding work with no pledge is already over it")
        #expect(!offers(.attended, .notBefore(day: 101)))
        #expect(offers(.attended, .notBefore(day: 100)), "the day they put it off to has come")
        #expect(!offers(.attended, .stopped))
    }
}
