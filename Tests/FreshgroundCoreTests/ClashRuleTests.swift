import Testing

@testable import FreshgroundCore

@Suite("Events: the clash rule")
struct ClashRuleTests {
    static let hour = 3_600
    static func event(
        _ id: Int,
        city: String = "Leeds",
        from start: Int,
        hours: Int = 2,
        isPublic: Bool = true,
        hosts: Set<Int>
    ) -> ScheduledEvent {
        ScheduledEvent(
            id: id,
            city: city,
            start: start * hour,
            end: (start + hours) * hour,
            isPublic: isPublic,
            hosts: hosts
        )
    }

    /// Group 1 and group 2 share a member; group 3 shares nobody.
    static let audiences: [Int: Set<ClashRule.Audience>] = [
        1: [.person(10), .person(11)], 2: [.person(11), .person(12)], 3: [.person(20)],
    ]

    @Test func anOverlappingPublicEventWhoseHostsShareAMemberClashes() {
        let mine = Self.event(1, from: 19, hosts: [1])
        let theirs = Self.event(2, city: " leeds ", from: 20, hosts: [2])
        let clashes = ClashRule.clashes(of: mine, among: [theirs], audiences: Self.audiences)
        #expect(clashes == [Clash(event: theirs, overlap: Self.hour, sharedAudience: 1)])
    }

    @Test func noClashAcrossCitiesInOtherHoursInPrivateOrWithoutSharedPeople() {
        let mine = Self.event(1, from: 19, hosts: [1])
        let others = [
            Self.event(2, city: "York", from: 19, hosts: [2]),
            Self.event(3, from: 21, hosts: [2]),  // starts as mine ends: touching is not overlapping
            Self.event(4, from: 19, isPublic: false, hosts: [2]),
            Self.event(5, from: 19, hosts: [3]),
        ]
        #expect(ClashRule.clashes(of: mine, among: others, audiences: Self.audiences).isEmpty)
    }

    @Test func aFollowingGroupCountsAsSharedAudienceAndSoDoesACommonHost() {
        // Group 3 follows group 4, so group 3's members hear of group 4's events.
        let audiences = Self.audiences.merging([4: [.follower(3)]]) { a, _ in a }
        let mine = Self.event(1, from: 19, hosts: [3])
        let followed = Self.event(2, from: 19, hosts: [4])
        let coHosted = Self.event(3, from: 18, hours: 4, hosts: [3, 5])
        let clashes = ClashRule.clashes(of: mine, among: [followed, coHosted], audiences: audiences)
        #expect(clashes.map(\.event.id) == [2, 3] || clashes.map(\.event.id) == [3, 2])
        #expect(clashes.allSatisfy { $0.overlap == 2 * Self.hour })
    }

    @Test func longerOverlapsComeFirstAndTheEventItselfIsIgnored() {
        let mine = Self.event(1, from: 18, hours: 4, hosts: [1])
        let short = Self.event(2, from: 21, hours: 3, hosts: [2])
        let long = Self.event(3, from: 17, hours: 4, hosts: [2])
        let clashes = ClashRule.clashes(of: mine, among: [short, mine, long], audiences: Self.audiences)
        #expect(clashes.map(\.event.id) == [3, 2])
        #expect(clashes.map(\.overlap) == [3 * Self.hour, Self.hour])
    }
}
