import Foundation
import FreshgroundWeb
import Testing

/// Local wall times in named zones, around the clock changes.
@Suite("Local times in time zones")
struct ZonedTimeTests {
    @Test("a wall time reads as the instant it is in that zone, summer and winter")
    func parse() {
        #expect(
            ZonedTime.parse("2026-10-20T19:00", zone: "Europe/London") == Date(timeIntervalSince1970: 1_792_519_200)
        )
        #expect(
            ZonedTime.parse("2026-11-03T19:00", zone: "Europe/London") == Date(timeIntervalSince1970: 1_793_732_400)
        )
        #expect(
            ZonedTime.parse("2026-11-03T19:00", zone: "America/New_York") == Date(timeIntervalSince1970: 1_793_750_400)
        )
    }

    @Test("a time the clocks skip does not exist; a repeated one is the first of the two")
    func gapsAndRepeats() {
        #expect(ZonedTime.parse("2026-03-29T01:30", zone: "Europe/London") == nil)
        // 01:30 on 25 October 2026 happens twice in London: first at 00:30 UTC (BST).
        #expect(
            ZonedTime.parse("2026-10-25T01:30", zone: "Europe/London") == Date(timeIntervalSince1970: 1_792_888_200)
        )
        #expect(ZonedTime.parse("2026-10-20T19:00", zone: "Mars/Olympus") == nil)
        #expect(ZonedTime.parse("not a time", zone: "UTC") == nil)
    }

    @Test("labels show the local time with the offset of the day")
    func labels() {
        let summer = Date(timeIntervalSince1970: 1_792_519_200)
        #expect(ZonedTime.display(summer, zone: "Europe/London") == "Tue 20 Oct 2026, 19:00 GMT+1")
        #expect(ZonedTime.display(summer, zone: "Asia/Kolkata") == "Tue 20 Oct 2026, 23:30 GMT+5:30")
        #expect(ZonedTime.localInput(summer, zone: "America/Los_Angeles") == "2026-10-20T11:00")
        #expect(ZonedTime.offsetLabel(Date(timeIntervalSince1970: 1_793_732_400), zone: "Europe/London") == "GMT")
    }
}
