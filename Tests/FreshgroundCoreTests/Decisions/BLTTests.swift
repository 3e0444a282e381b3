import Testing

@testable import FreshgroundCore

/// BLT ballot files: read leniently, written strictly.
@Suite("Decisions: BLT ballot files")
struct BLTTests {
    @Test("comments, blank lines, withdrawn candidates, weights, ids, missing closing zeros and names are read")
    func lenientParse() throws {
        // setup
        let text = """
            # a hand-made file
            4 2   # four candidates, two seats

            -3
            (b1) 5 1 2 0
            2 4 1
            3 2 2 4 0   # a repeated preference counts once
            0
            "Ann Smith" "Bo"
            Cy Dee
            "D'Arcy \u{0023}4"
            "Council election" # the title
            """

        // act
        let file = try BallotFile.parse(blt: text)

        // check
        #expect(file.candidates == ["Ann Smith", "Bo", "Cy Dee", "D'Arcy #4"])
        #expect(file.seats == 2)
        #expect(file.withdrawn == [2])
        #expect(
            file.ballots == [
                .init(weight: 5, ranking: [0, 1]), .init(weight: 2, ranking: [3, 0]),
                .init(weight: 3, ranking: [1, 3]),
            ]
        )
        #expect(file.title == "Council election")
    }

    @Test("the emitted file is canonical and reads back to the same election")
    func emitAndRoundTrip() throws {
        // setup
        let file = BallotFile(
            candidates: ["Ann", "Bo \"the\" Best", "Cy"],
            seats: 1,
            withdrawn: [1],
            ballots: [.init(weight: 2, ranking: [0, 2]), .init(ranking: [2])],
            title: "Chair"
        )

        // act
        let text = file.blt
        let reread = try BallotFile.parse(blt: text)

        // check
        #expect(text == "3 1\n-2\n2 1 3 0\n1 3 0\n0\n\"Ann\"\n\"Bo 'the' Best\"\n\"Cy\"\n\"Chair\"\n")
        var expected = file
        expected.candidates[1] = "Bo 'the' Best"
        #expect(reread == expected)
        #expect(reread.blt == text)
    }

    @Test("a withdrawn candidate is skipped on every ballot")
    func withdrawnSkipped() throws {
        // setup: B withdrew; B's voters' next choice is C.
        let file = try BallotFile.parse(blt: "3 1\n-2\n3 1 0\n2 2 3 0\n2 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n")

        // act
        let result = ScottishSTV.count(file)

        // check
        #expect(result.stages[0].votes == [300_000, 0, 400_000])
        #expect(result.electedNames == ["C"])
    }

    @Test(
        "files that cannot be read say which line and why",
        arguments: [
            ("", 1), ("x 2\n0\n", 1), ("2 1\n1 3 0\n0\n\"A\"\n\"B\"\n", 2), ("2 1\n1 1=2 0\n0\n\"A\"\n\"B\"\n", 2),
            ("2 1\n1 1 0\n0\n\"A\"\n", 4), ("2 1\nabc 1 0\n0\n\"A\"\n\"B\"\n", 2),
        ]
    )
    func refused(text: String, line: Int) {
        // act and check
        #expect(throws: BLTError.self) { try BallotFile.parse(blt: text) }
        do {
            _ = try BallotFile.parse(blt: text)
        } catch {
            #expect(error.line == line)
        }
    }
}
