import Foundation
import Testing

@testable import Library

/// The library writes dates by hand for speed; they must agree with Foundation's calendar everywhere.
@Suite("Library: dates on pages")
struct LibraryDateTests {
    static let utc = TimeZone(identifier: "UTC")!

    @Test func handWrittenDatesMatchFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.utc
        var generator = SystemRandomNumberGenerator()
        let special: [TimeInterval] = [0, -1, 951_782_400, 951_868_799, 1_709_164_800, 4_102_444_799, -2_208_988_800]
        let random = (0..<5_000).map { _ in
            TimeInterval(Int.random(in: -2_208_988_800...4_102_444_800, using: &generator))
        }
        for seconds in special + random {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let fields = LibraryParts.utcFields(date)
            #expect(
                fields == (parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!),
                "at \(seconds)"
            )
        }
    }

    @Test func timeElementsCarryTheISODateAndAReadableDay() {
        // 29 February 2024, 07:05:09 UTC
        let date = Date(timeIntervalSince1970: 1_709_190_309)
        #expect(LibraryParts.time(date).raw == #"<time datetime="2024-02-29T07:05:09Z">Feb 29, 2024</time>"#)
        #expect(LibraryParts.day(date) == "Feb 29, 2024")
    }
}
