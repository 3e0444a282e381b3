import Foundation
import Testing

@testable import FreshgroundCore

/// A real Scottish count: the Glasgow City Council 2007 ward of Springburn (3 seats, 10 candidates, the ballots as
/// Droop's `test/blt/scotland/Springburn-2007.blt` holds them), against Droop's stage-by-stage `scotland` report.
@Suite("Decisions: Scottish STV matches Droop on Glasgow 2007 (Springburn)")
struct ScottishSTVGlasgowTests {
    /// Each stage's votes per candidate in file order and the non-transferable votes, from Droop's
    /// `Springburn-2007-scotland-fixed-p5-d5.txt` (the `begin` row, then every `transfer` row).
    static let stages: [(votes: String, nonTransferable: String)] = [
        (
            "135.00000 339.00000 173.00000 1300.00000 134.00000 85.00000 135.00000 1752.00000 168.00000 1189.00000",
            "0.00000"
        ),
        (
            "139.78233 351.75288 176.41595 1327.09987 140.14871 86.82184 137.50503 1353.00000 176.88147 1437.68116",
            "82.89372"
        ),
        (
            "143.25032 358.57632 178.54502 1336.33636 143.75895 88.39636 138.78505 1353.00000 183.03308 1353.00000",
            "133.29616"
        ),
        (
            "144.60926 362.87082 203.47722 1340.90962 150.77236 0.00000 151.84395 1353.00000 186.33312 1353.00000",
            "163.16127"
        ),
        (
            "0.00000 410.14226 209.51745 1374.08557 162.73399 0.00000 154.90285 1353.00000 187.20642 1353.00000",
            "205.38908"
        ),
    ]

    @Test("Springburn 2007 matches Droop at every stage to 5 decimals")
    func springburn() throws {
        // setup
        let file = try BallotFile.parse(blt: try Self.ballots())

        // act
        let result = ScottishSTV.count(
            file,
            lot: { _ in
                Issue.record("no lot is needed")
                return 0
            }
        )

        // check
        #expect(formatVotes(result.quota) == "1353.00000")
        #expect(result.stages.count == Self.stages.count)
        for (stage, expected) in zip(result.stages, Self.stages) {
            #expect(stage.votes.map(formatVotes).joined(separator: " ") == expected.votes)
            #expect(formatVotes(stage.nonTransferable) == expected.nonTransferable)
            #expect(stage.votes.reduce(0, +) + stage.nonTransferable + stage.lossFromFractions == result.valid)
        }
        #expect(result.electedNames == ["Allan Stewart", "James Todd", "Phil Greene"])
    }

    /// The ward's ballots (`Fixtures/Springburn-2007.blt`, a data file copied from Droop's tests).
    static func ballots() throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: "Springburn-2007", withExtension: "blt", subdirectory: "Fixtures")
        )
        return try String(contentsOf: url, encoding: .utf8)
    }
}
