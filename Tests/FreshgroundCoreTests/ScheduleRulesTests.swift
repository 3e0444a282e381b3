import Testing

@testable import FreshgroundCore

@Suite("Events: the schedule builder's rules")
struct ScheduleRulesTests {
    static let hour = 3_600
    /// The conference runs from hour 9 to hour 18.
    static let opens = 9 * hour
    static let closes = 18 * hour

    static func session(_ id: Int, room: Int, from start: Int, hours: Int = 1, speakers: Set<Int>) -> SessionSlot {
        SessionSlot(id: id, room: room, start: start * hour, end: (start + hours) * hour, speakers: speakers)
    }

    static func problems(_ session: SessionSlot, _ others: [SessionSlot]) -> [ScheduleProblem] {
        ScheduleRules.problems(placing: session, among: others, conferenceStart: opens, conferenceEnd: closes)
    }

    @Test func aSessionInAFreeRoomWithFreeSpeakersFits() {
        let others = [
            Self.session(1, room: 1, from: 10, speakers: [7]), Self.session(2, room: 2, from: 11, speakers: [8]),
        ]
        #expect(Self.problems(Self.session(3, room: 1, from: 11, speakers: [7, 9]), others).isEmpty)
    }

    @Test func twoSessionsInOneRoomAtOnceAreRefusedNamingTheOther() {
        let booked = Self.session(1, room: 1, from: 10, hours: 2, speakers: [7])
        let problems = Self.problems(Self.session(2, room: 1, from: 11, speakers: [8]), [booked])
        #expect(problems == [.roomTaken(by: booked)])
    }

    @Test func aSpeakerInTwoPlacesAtOnceIsRefusedEvenInAnotherRoom() {
        let talk = Self.session(1, room: 1, from: 10, speakers: [7, 8])
        let panel = Self.session(2, room: 2, from: 10, speakers: [8, 9])
        let problems = Self.problems(panel, [talk])
        #expect(problems == [.speakerBusy(speaker: 8, in: talk)])
    }

    @Test func touchingSessionsDoNotOverlap() {
        let before = Self.session(1, room: 1, from: 10, speakers: [7])
        let after = Self.session(2, room: 1, from: 12, speakers: [7])
        #expect(Self.problems(Self.session(3, room: 1, from: 11, speakers: [7]), [before, after]).isEmpty)
    }

    @Test func movingASessionIgnoresItsOwnOldPlace() {
        let old = Self.session(1, room: 1, from: 10, speakers: [7])
        let moved = Self.session(1, room: 1, from: 10, hours: 2, speakers: [7])
        #expect(Self.problems(moved, [old]).isEmpty)
    }

    @Test func everyClashIsReportedRoomFirstThenSpeakersInOrder() {
        let inRoom = Self.session(1, room: 1, from: 10, speakers: [20])
        let elsewhere = Self.session(2, room: 2, from: 10, speakers: [9, 8])
        let problems = Self.problems(Self.session(3, room: 1, from: 10, speakers: [9, 8, 20]), [elsewhere, inRoom])
        #expect(
            problems == [
                .roomTaken(by: inRoom), .speakerBusy(speaker: 8, in: elsewhere),
                .speakerBusy(speaker: 9, in: elsewhere),
                .speakerBusy(speaker: 20, in: inRoom),
            ]
        )
    }

    @Test(arguments: [(8, 1), (17, 2), (5, 1), (18, 1)])
    func aSessionOutsideTheConferenceIsRefused(start: Int, hours: Int) {
        let problems = Self.problems(Self.session(1, room: 1, from: start, hours: hours, speakers: [7]), [])
        #expect(problems == [.outsideConference])
    }

    @Test func aSessionFillingTheWholeConferenceFits() {
        #expect(Self.problems(Self.session(1, room: 1, from: 9, hours: 9, speakers: [7]), []).isEmpty)
    }

    @Test(arguments: [0, -1])
    func aSessionThatEndsBeforeItStartsIsRefused(hours: Int) {
        let problems = Self.problems(Self.session(1, room: 1, from: 10, hours: hours, speakers: [7]), [])
        #expect(problems == [.endsBeforeStart])
    }
}
