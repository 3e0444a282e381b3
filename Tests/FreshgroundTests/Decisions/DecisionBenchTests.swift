import Decisions
import Foundation
import Testing

@Suite("Decisions: the benchmark of many votes at once")
struct DecisionBenchTests {
    @Test func everyMemberCastsOnceAndTheChecksPass() async throws {
        try await withApp(mail: false) { app in
            // setup: the test database, migrated like the site's
            let services = app.services()
            // act: 30 members vote all at once; the votes that arrive while one is written wait for the next batch
            // (GroupCommit) without holding a connection, so none waits for the pool
            let lines = try await DecisionBench.cast(voters: 30, services: services)
            // check: every vote went in, the count saw them all, and every check passed
            let report = lines.joined(separator: "\n")
            #expect(report.contains("voters=30 at_once=30"), "\(report)")
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
