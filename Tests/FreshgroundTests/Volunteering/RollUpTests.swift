import Foundation
import FreshgroundStore
import SQLKit
import Testing
import Volunteering

/// Old activity is reduced to monthly counts: hours logged in a month that ended more than 24 months ago become
/// one total per person, group and month, and the entries (with their notes) are gone; newer entries stay whole.
@Suite("Volunteering: old hours rolled up by month")
struct RollUpTests {
    @Test func hoursOlderThanTwoYearsBecomeMonthlyTotals() async throws {
        try await withApp(mail: false) { app in
            // setup: mia logs 45 and 30 minutes in September 2026, then again in October 2028
            var circle = try await volunteerCircle(app)
            for (minutes, day, note) in [("45", "", "Street stall"), ("30", "2026-09-02", "Phone bank")] {
                let logged = try await circle.mia.post(
                    "/volunteering/hours",
                    [("group", circle.slug), ("minutes", minutes), ("day", day), ("note", note)]
                )
                #expect(logged.status == .seeOther, "\(errorsIn(logged))")
            }
            app.clock.advance(seconds: 742 * 86_400)  // Monday 2028-10-02
            try await circle.mia.logInAgain("mia")
            _ = try await circle.mia.post("/volunteering/hours", [("group", circle.slug), ("minutes", "20")])
            let sql = app.store.sql
            // act: the daily job runs twice
            _ = try await sendVolunteerReminders(services: app.services())
            _ = try await sendVolunteerReminders(services: app.services())
            // check: one month's total, nothing counted twice, the recent entry kept whole
            let months = try await sql.raw(
                "SELECT month, minutes, entries FROM volunteer_monthly ORDER BY month"
            ).rows(MonthTotal.self)
            #expect(months == [MonthTotal(month: "2026-09", minutes: 75, entries: 2)])
            let left = try await sql.raw("SELECT on_day, minutes FROM volunteer_hours ORDER BY on_day")
                .rows(Entry.self)
            #expect(left == [Entry(onDay: "2028-10-02", minutes: 20)])
            let download = try await circle.mia.get("/me/data.json")
            #expect(
                download.contains("2026-09") && !download.contains("Street stall"),
                "the notes went with the entries"
            )
            let page = try await circle.mia.get("/volunteering")
            #expect(!page.contains("Phone bank"))
        }
    }

    private struct MonthTotal: Decodable, Equatable {
        let month: String
        let minutes: Int
        let entries: Int
    }

    private struct Entry: Decodable, Equatable {
        let onDay: String
        let minutes: Int
    }
}
