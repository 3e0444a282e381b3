import FreshgroundCore
import Testing

@Suite("Handing roles on")
struct RotationTests {
    static let today = 20_514

    @Test func aTermIsUpOnceItsDaysHavePassed() {
        let t = Self.today
        #expect(Rotation.isDue(since: t - 365, termDays: 365, today: t))
        #expect(!Rotation.isDue(since: t - 364, termDays: 365, today: t))
        #expect(!Rotation.isDue(since: t - 1_000, termDays: 0, today: t))  // no term: never due
    }

    @Test func successorsAreThoseWhoNeverHeldItThenLongestAgoThenLongestMembers() {
        let t = Self.today
        let candidates = [
            Rotation.Candidate(id: 1, willing: true, hasSkill: true, memberSinceDay: t - 400, lastHeldDay: t - 100),
            .init(id: 2, willing: true, hasSkill: true, memberSinceDay: t - 200),
            .init(id: 3, willing: true, hasSkill: true, memberSinceDay: t - 29),  // first month: not yet
            .init(id: 4, willing: true, hasSkill: false, memberSinceDay: t - 900),  // lacks the skill
            .init(id: 5, willing: false, hasSkill: true, memberSinceDay: t - 900),  // not willing
            .init(id: 6, willing: true, hasSkill: true, memberSinceDay: t - 30),  // exactly 30 days: eligible
            .init(id: 7, willing: true, hasSkill: true, memberSinceDay: t - 500, lastHeldDay: t - 300),
            .init(id: 8, willing: true, hasSkill: true, memberSinceDay: t - 600, lastHeldDay: t - 300),
            .init(id: 9, willing: true, hasSkill: true, memberSinceDay: t - 900),  // holds it now
            .init(id: 10, willing: true, hasSkill: true, memberSinceDay: t - 200),  // same as 2: after it by id
        ]
        // never held: 2 and 10 (members since t−200, by id), 6 (t−30); held t−300: 8 (member longer), 7; then 1
        let next = Rotation.successors(candidates, today: t, excluding: [9], limit: 10)
        #expect(next.map(\.id) == [2, 10, 6, 8, 7, 1])
        #expect(Rotation.successors(candidates, today: t, excluding: [9], limit: 2).map(\.id) == [2, 10])
        // without the exclusion, 9 (whose term now is not yet a past one) leads as the longest member, since t−900
        #expect(Rotation.successors(candidates, today: t, excluding: [], limit: 1).map(\.id) == [9])
        // a day later 3 is past its first month and joins the never-held, after 2, 10 and 6 (member since t−29)
        #expect(Rotation.successors(candidates, today: t + 1, excluding: [9], limit: 4).map(\.id) == [2, 10, 6, 3])
    }
}
