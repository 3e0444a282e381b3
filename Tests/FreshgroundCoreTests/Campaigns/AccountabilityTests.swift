import FreshgroundCore
import Testing

@Suite("Officials' scorecards and pledges")
struct AccountabilityTests {
    typealias Vote = Accountability.LinkedVote

    /// Ten votes the group linked: 5 as asked, 3 against, 2 absent (hand-counted).
    static let record: [Vote] = [
        Vote(asked: .yes, voted: .yes), Vote(asked: .yes, voted: .yes), Vote(asked: .no, voted: .no),
        Vote(asked: .no, voted: .no), Vote(asked: .yes, voted: .yes), Vote(asked: .yes, voted: .no),
        Vote(asked: .no, voted: .yes), Vote(asked: .yes, voted: .abstain), Vote(asked: .yes, voted: .absent),
        Vote(asked: .no, voted: .absent),
    ]

    @Test func theShareFollowsTheGroupsRuleForAbsences() {
        let excluded = Accountability.scorecard(Self.record, absences: .excluded)
        let against = Accountability.scorecard(Self.record, absences: .against)
        // 5 of the 8 attended = 62.5 % → 63; 5 of 10 = 50 %
        #expect(excluded.agreed == 5 && excluded.disagreed == 3 && excluded.absent == 2 && excluded.counted == 8)
        #expect(excluded.percent == 63)
        #expect(against.counted == 10 && against.percent == 50)
        #expect(Accountability.scorecard([], absences: .against).percent == nil)
    }

    @Test func percentagesRoundHalfUp() {
        let one = [Vote(asked: .yes, voted: .yes)]
        let miss = [Vote(asked: .yes, voted: .no)]
        #expect(Accountability.scorecard(one + miss + miss, absences: .excluded).percent == 33)
        #expect(Accountability.scorecard(one + one + miss, absences: .excluded).percent == 67)
        #expect(Accountability.scorecard(one + Array(repeating: miss[0], count: 7), absences: .excluded).percent == 13)
    }

    @Test func aPledgeIsJudgedOnlyOnceTheTermEnds() {
        let kept = [Vote(asked: .no, voted: .no), Vote(asked: .no, voted: .no)]
        let mixed = kept + [Vote(asked: .no, voted: .yes)]
        let broken = [Vote(asked: .yes, voted: .no), Vote(asked: .yes, voted: .abstain)]
        let missed = [Vote(asked: .yes, voted: .absent)]
        #expect(Accountability.pledgeStatus(broken, termEnded: false, absences: .against) == .pending)
        #expect(Accountability.pledgeStatus(kept, termEnded: true, absences: .excluded) == .kept)
        #expect(Accountability.pledgeStatus(mixed, termEnded: true, absences: .excluded) == .partlyKept)
        #expect(Accountability.pledgeStatus(broken, termEnded: true, absences: .excluded) == .broken)
        #expect(Accountability.pledgeStatus([], termEnded: true, absences: .against) == .untested)
        // an absence tests the pledge only when the group counts absences against
        #expect(Accountability.pledgeStatus(missed, termEnded: true, absences: .excluded) == .untested)
        #expect(Accountability.pledgeStatus(missed, termEnded: true, absences: .against) == .broken)
        #expect(Accountability.pledgeStatus(kept + missed, termEnded: true, absences: .against) == .partlyKept)
    }
}
