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

    @Test("instants for <time datetime> and feeds read the same as Foundation's ISO 8601 style")
    func isoInstants() {
        // setup: instants across centuries, leap days, the ends of days and fractions of a second
        var instants: [Double] = [0, 951_782_400, 951_868_799.999, 1_792_519_200.5, 4_102_444_799, -1, -86_400.25]
        var seed: UInt64 = 42
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Double(Int64(bitPattern: seed >> 1) % 8_000_000_000) / 1.000_7)
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            // act, check
            #expect(ZonedTime.iso(date) == date.formatted(.iso8601), "\(seconds)")
        }
        #expect(ZonedTime.iso(Date(timeIntervalSince1970: 1_792_519_200)) == "2026-10-20T18:00:00Z")
        #expect(ZonedTime.display(Date(timeIntervalSince1970: 0), zone: "UTC") == "Thu 1 Jan 1970, 00:00 GMT")
    }
}
