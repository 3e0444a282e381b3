import Decisions
import Foundation
import Testing

@Suite("Decisions: the benchmark of many votes at once")
struct DecisionBenchTests {
    @Test func everyMemberCastsOnceAndTheChecksPass() async throws {
        try await withApp(mail: false) { app in
            // setup: the test database, migrated like the site's
            let services = app.services()
            // act: 30 members vote, 6 at any moment (all 30 at once wait for the pool's connections longer than its
            // 10 s when the machine is busy running the other tests; the benchmark measures that case)
            let lines = try await DecisionBench.cast(voters: 30, atOnce: 6, services: services)
            // check: every vote went in, the count saw them all, and every check passed
            let report = lines.joined(separator: "\n")
            #expect(report.contains("voters=30 at_once=6"), "\(report)")
            #expect(report.contains("failed=0"), "\(report)")
            #expect(report.contains("count: ballots=30 "), "\(report)")
            #expect(report.contains("totals=[10, 10, 10]"), "\(report)")
            #expect(report.contains("ballots=30 (ok) electorate_voted=30 of 30 (ok)"), "\(report)")
            #expect(!report.contains("WRONG"), "\(report)")
            if !app.store.isSQLite {
                #expect(report.contains("distinct_xmin=1 (ok) ctid_order_is_id_order=ok"), "\(report)")
            }
        }
    }
}
