import Foundation
import FreshgroundStore
import FreshgroundWeb
import HTTPTypes
import SQLKit
import Study
import Testing

/// What the breakout former is told about the people at a session: who met before (in earlier sessions only,
/// by their start) and their currents (centers only).
@Suite("Study: what breakouts are formed from")
struct StudyBreakoutInputTests {
    /// Eight people of no group: only meeting again keeps the mixing score below 100.
    private func formScore(_ study: inout StudyNetwork, _ number: Int) async throws -> Int? {
        let formed = try await study.net.olive.api(
            .post,
            "\(study.at)/weeks/\(number)/breakouts",
            json: try jsonBody(["size": 4, "seed": 5])
        )
        try #require(formed.status == .created, "\(formed.body.prefix(300))")
        return APITests.integer(formed.json["mixingScore"])
    }

    @Test func metBeforeCountsOnlySessionsThatStartedEarlier() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            for topic in ["February", "June", "Vienna"] {
                try await addWeek(&study.net.olive, study.series, topic: topic)
            }
            try await scheduleSession(&study.net.olive, study.series, 1, start: "2026-10-20T19:00")
            try await scheduleSession(&study.net.olive, study.series, 2, start: "2026-10-27T19:00")
            // Week 3's session came first, though its number is higher.
            try await scheduleSession(&study.net.olive, study.series, 3, start: "2026-10-13T19:00")
            let people = try await participants(app, "mix", count: 8, series: study.series).map(\.handle)
            for week in 1...3 { try await markPresent(&study.net.olive, study.series, week, people) }
            // act
            let week2 = try await formScore(&study, 2)
            let week1 = try await formScore(&study, 1)
            let week1Page = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            let week3 = try await formScore(&study, 3)
            let week1Again = try await formScore(&study, 1)
            let week2Again = try await formScore(&study, 2)
            // check
            #expect(week2 == 100, "nobody had met when week 2 was formed first")
            #expect(week1 == 100, "week 2 comes after week 1: its pairs are not avoided")
            #expect(week1Page.contains("Mixing score: <strong>100</strong> of 100"))
            #expect(week3 == 100, "week 3's session is the first of all")
            // Eight people in two fours after an earlier two fours: at best two pairs meet again in each (4 of 12).
            #expect(week1Again == 67, "week 3 started before week 1: its pairs count")
            #expect(week2Again.map { $0 < 100 } == true, "weeks 1 and 3 came before week 2")
        }
    }

    @Test func aPersonsCurrentsAreCentersOnly() async throws {
        try await withApp { app in
            // setup
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            let asked = try await study.net.yann.post(
                "/groups/\(study.net.center)/affiliations",
                [("group", study.net.york)]
            )
            try #require(asked.status == .seeOther)
            let sql = app.store.sql
            let affiliation = try #require(
                try await sql.raw("SELECT id FROM affiliations").value("id", as: Int.self)
            )
            let accepted = try await study.net.carol.post(
                "/groups/\(study.net.center)/affiliations/\(affiliation)/accept"
            )
            try #require(accepted.status == .seeOther)
            let ofCenter = try await participants(app, "cen", count: 1, series: study.series, group: study.net.center)
            let ofCircle = try await participants(app, "cir", count: 1, series: study.series, group: study.net.york)
            let ofNeither = try await participants(app, "non", count: 1, series: study.series)
            try await markPresent(&study.net.olive, study.series, 1, ["cen1", "cir1", "non1"])
            func id(_ table: String, _ key: String, _ value: String) async throws -> Int {
                let query = sql.select().column("id").from(table).where(SQLIdentifier(key), .equal, value)
                return try #require(try await query.value("id", as: Int.self))
            }
            let olive = CurrentPerson(
                id: try await id("people", "handle", "olive"),
                handle: "olive",
                displayName: "olive",
                isAdmin: false
            )
            let center = try await id("groups", "slug", study.net.center)
            let york = try await id("groups", "slug", study.net.york)
            // act
            let request = try await SessionBreakouts(services: app.services()).request(
                study.series,
                1,
                size: 3,
                by: olive
            )
            // check
            var currents: [Int: Set<Int>] = [:]
            var groups: [Int: Set<Int>] = [:]
            for person in request.people {
                currents[person.id] = person.currents
                groups[person.id] = person.groups
            }
            let (cen, cir, non) = (
                try await id("people", "handle", ofCenter[0].handle),
                try await id("people", "handle", ofCircle[0].handle),
                try await id("people", "handle", ofNeither[0].handle)
            )
            #expect(currents[cen] == [center], "a center's member has the center, never the circles affiliated with it")
            #expect(currents[cir] == [center], "a circle's member has the center the circle is affiliated with")
            #expect(currents[non] == [])
            #expect(groups[cen] == [center] && groups[cir] == [york])
        }
    }
}
