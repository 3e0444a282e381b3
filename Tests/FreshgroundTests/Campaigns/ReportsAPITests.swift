import Foundation
import HTTPTypes
import Testing

/// A coalition's monthly reports through the JSON API, every answer checked against the document.
@Suite("Campaigns: monthly reports JSON API")
struct ReportsAPITests {
    /// Every reports operation; `APITests` checks the document lists these with the others.
    static let operations: Set<String> = [ReportOp.months, ReportOp.month, ReportOp.file]

    @Test func aGroupFilesItsReportAndTheCoalitionReadsTheMonth() async throws {
        try await withApp(mail: false) { app in
            // setup
            var network = try await campaignNetwork(app)
            var anonymous = app.visitor()
            var calls = try await LibraryAPIDocumentTests.Calls.load(&anonymous)
            let month = String(utcInput(app.clock.now).prefix(7))
            let base = "/api/v1/groups/\(network.coalition)/reports"
            let leeds = "\(base)/\(month)/groups/\(network.net.leeds)"
            let report: [String: Any] = ["did": "Door-knocked 200 flats.", "needs": "Leaflets", "baseVersion": 0]
            // act
            try await calls.call(&anonymous, ReportOp.file, leeds, json: report, status: .unauthorized)
            try await calls.call(
                &network.net.sara,
                ReportOp.file,
                leeds,
                json: report,
                status: .forbidden
            )
            let filed = try await calls.call(&network.net.olive, ReportOp.file, leeds, json: report)
            let stale = try await calls.call(
                &network.net.olive,
                ReportOp.file,
                leeds,
                json: report,
                status: .unprocessableContent
            )
            let empty = try await calls.call(
                &network.net.olive,
                ReportOp.file,
                leeds,
                json: ["did": " ", "baseVersion": 1],
                status: .unprocessableContent
            )
            let read = try await calls.call(&network.cole, ReportOp.month, "\(base)/\(month)")
            let months = try await calls.call(&network.cole, ReportOp.months, base)
            try await calls.call(&network.net.yann, ReportOp.month, "\(base)/\(month)", status: .forbidden)
            try await calls.call(&network.cole, ReportOp.month, "\(base)/2026-13", status: .notFound)
            try await calls.call(&network.cole, ReportOp.month, "\(base)/2999-01", status: .notFound)
            // check
            #expect(filed.json["name"] as? String == "Leeds Tenants" && APITests.integer(filed.json["version"]) == 1)
            #expect(filed.json["late"] as? Bool == false)
            #expect((jsonField(stale, "errors", "_form") as? String)?.contains("saved this report meanwhile") == true)
            #expect(jsonField(empty, "errors", "did") as? String == "Write what your group did this month.")
            let reports = try #require(read.json["reports"] as? [[String: Any]])
            #expect(reports.map { $0["did"] as? String } == ["Door-knocked 200 flats."])
            let missing = (read.json["missing"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(Set(missing ?? []) == ["Leeds Students", "Northern Coalition"])
            let listed = try #require((months.json["months"] as? [[String: Any]])?.first)
            #expect(listed["month"] as? String == month && APITests.integer(listed["reports"]) == 1)
        }
    }
}

/// The reports operations as the document lists them.
enum ReportOp {
    static let months = "GET /api/v1/groups/{slug}/reports"
    static let month = "GET /api/v1/groups/{slug}/reports/{month}"
    static let file = "PUT /api/v1/groups/{slug}/reports/{month}/groups/{group}"
}
