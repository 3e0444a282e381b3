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
}
