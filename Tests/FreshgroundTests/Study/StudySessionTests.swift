import Foundation
import HTTPTypes
import Testing

/// Sessions: the session is an event of the organizing groups; attendance by organizers or self check-in;
/// breakouts that mix groups, keep online people together and avoid repeat meetings; hand swaps; note-takers.
@Suite("Study: sessions and breakouts")
struct StudySessionTests {
    @Test func aSessionIsAnEventOfTheOrganizingGroupsAndCheckInOpensAnHourBefore() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            let room = "https://meet.example.org/secret-room"
            let event = try await scheduleSession(&study.net.olive, study.series, 1, onlineURL: room)
            let page = try await study.net.mona.get("/events/\(event)")
            #expect(page.contains("Leeds Tenants") && page.contains("Leeds Students") && page.contains("February"))
            #expect(try await enroll(&study.net.bob, study.series) == "enrolled")
            // The online link is for participants and organizers only.
            #expect(try await study.net.bob.get("/study/\(study.series)/weeks/1").contains(room))
            #expect(try await study.net.sara.api(.get, "\(study.at)/weeks/1").body.contains("secret-room"))
            var anonymous = app.visitor()
            #expect(!(try await anonymous.get("/study/\(study.series)/weeks/1")).contains("secret-room"))
            #expect(!(try await anonymous.api(.get, study.at)).contains("secret-room"))
            #expect(!(try await study.net.mona.get("/study/\(study.series)/weeks/1")).contains("secret-room"))
            let early = try await study.net.bob.api(
                .post,
                "\(study.at)/weeks/1/check-in",
                json: try jsonBody(["mode": "room"])
            )
            #expect(early.status == .conflict)
            app.moveClock(to: sessionStart.addingTimeInterval(-1_800))
            let checkedIn = try await study.net.bob.post(
                "/study/\(study.series)/weeks/1/check-in",
                [("mode", "online")]
            )
            #expect(checkedIn.status == .seeOther)
            // Someone not enrolled cannot check in; only organizers see attendance.
            let stranger = try await study.net.mona.api(
                .post,
                "\(study.at)/weeks/1/check-in",
                json: try jsonBody(["mode": "room"])
            )
            #expect(stranger.status == .forbidden)
            #expect(try await study.net.bob.api(.get, "\(study.at)/weeks/1/attendance").status == .forbidden)
            let attendance = try await study.net.sara.api(.get, "\(study.at)/weeks/1/attendance")
            #expect(attendance.body.contains("\"handle\":\"bob\"") && attendance.body.contains("\"mode\":\"online\""))
            // A week with a session keeps its record: it cannot be removed.
            let removal = try await study.net.olive.api(.delete, "\(study.at)/weeks/1")
            #expect(removal.status == .conflict)
            #expect(try await study.net.sara.api(.get, "\(study.at)/weeks/1").status == .ok)
            app.moveClock(to: sessionStart.addingTimeInterval(4 * 3_600))
            let late = try await study.net.bob.api(
                .post,
                "\(study.at)/weeks/1/check-in",
                json: try jsonBody(["mode": "room"])
            )
            #expect(late.status == .conflict)
        }
    }

    @Test func theRemainingSessionsAreScheduledAWeekApartAtTheSameLocalTime() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            for topic in ["February", "June", "Vienna"] {
                try await addWeek(&study.net.olive, study.series, topic: topic)
            }
            try await scheduleSession(&study.net.olive, study.series, 1, start: "2026-10-13T19:00")
            // A start that is no time is refused, and nothing is scheduled.
            let bad = try await study.net.olive.api(
                .post,
                "\(study.at)/sessions",
                json: try jsonBody(["start": "soon", "city": "leeds"])
            )
            #expect(bad.status == .unprocessableContent)
            let page = try await study.net.sara.post(
                "/study/\(study.series)/sessions",
                [("start", "2026-10-20T19:00"), ("city", "Leeds"), ("address", "Quaker Meeting House")]
            )
            #expect(page.status == .seeOther)
            let series = try await study.net.sara.api(.get, study.at)
            let starts = (series.json["weeks"] as? [[String: Any]] ?? []).compactMap {
                ($0["session"] as? [String: Any])?["startsAt"] as? String
            }
            // 19:00 in Leeds each week: summer time until 25 October, then GMT.
            #expect(starts == ["2026-10-13T18:00:00Z", "2026-10-20T18:00:00Z", "2026-10-27T19:00:00Z"])
            let again = try await study.net.olive.post(
                "/study/\(study.series)/sessions",
                [("start", "2026-11-03T19:00")]
            )
            #expect(again.status == .conflict)
        }
    }

    /// Four groups of three in the room and three people online: breakouts of four can hold one person of each
    /// group, and the online three get their own.
    @Test func breakoutsMixGroupsAndKeepOnlinePeopleTogether() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await addWeek(&study.net.olive, study.series, topic: "June")
            try await scheduleSession(&study.net.olive, study.series, 1)
            var groupOf: [String: String] = [:]
            var everyone: [String] = []
            for name in ["ash", "birch", "cedar", "damson"] {
                var founder = try await app.person("\(name)0")
                let group = try await founder.createGroup("\(name.capitalized) Circle")
                for person in try await participants(app, name, count: 3, series: study.series, group: group) {
                    groupOf[person.handle] = group
                    everyone.append(person.handle)
                }
            }
            let online = try await participants(app, "web", count: 3, series: study.series, online: true).map(\.handle)
            try await markPresent(&study.net.olive, study.series, 1, everyone)
            try await markPresent(&study.net.olive, study.series, 1, online, mode: "online")
            let formed = try await study.net.olive.api(
                .post,
                "\(study.at)/weeks/1/breakouts",
                json: try jsonBody(["size": 4, "keepOnlineTogether": true, "seed": 7])
            )
            #expect(formed.status == .created)
            let rooms = breakoutMembers(formed)
            #expect(rooms.count == 4)
            #expect(rooms.contains { Set($0) == Set(online) })
            for room in rooms where !Set(room).isSubset(of: Set(online)) {
                #expect(room.count == 4)
                #expect(Set(room.compactMap { groupOf[$0] }).count == 4, "\(room) repeats a group")
            }
            #expect(APITests.integer(formed.json["mixingScore"]) == 100)
            // Week 2, the same people: the former avoids pairs that already met where it can.
            try await scheduleSession(&study.net.olive, study.series, 2, start: "2026-10-27T19:00")
            try await markPresent(&study.net.olive, study.series, 2, everyone)
            let again = try await study.net.olive.api(
                .post,
                "\(study.at)/weeks/2/breakouts",
                json: try jsonBody(["size": 4, "seed": 7])
            )
            let met = Set(rooms.flatMap { room in room.flatMap { a in room.filter { $0 > a }.map { "\(a)|\($0)" } } })
            let pairs = breakoutMembers(again).flatMap { room in
                room.flatMap { a in room.filter { $0 > a }.map { "\(a)|\($0)" } }
            }
            // Four groups in breakouts of four: each new breakout takes one person from each group, and its four
            // people came from three breakouts of week 1, so at least two of them met; three pairs is the best.
            #expect(pairs.filter(met.contains).count == 3, "pairs meeting again: \(pairs.filter(met.contains))")
            for room in breakoutMembers(again) {
                #expect(Set(room.compactMap { groupOf[$0] }).count == 4, "\(room) repeats a group")
            }
        }
    }

    @Test func participantsSeeOnlyTheirOwnBreakoutAndNoOnesGroups() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            var people = try await participants(app, "reader", count: 6, series: study.series, group: study.net.york)
            try await markPresent(&study.net.olive, study.series, 1, people.map(\.handle))
            try await study.net.olive.api(
                .post,
                "\(study.at)/weeks/1/breakouts",
                json: try jsonBody(["size": 3, "seed": 1])
            )
            let mine = try await people[0].visitor.api(.get, "\(study.at)/weeks/1/breakouts")
            let rooms = breakoutMembers(mine)
            #expect(rooms.count == 1 && rooms[0].contains("reader1"))
            #expect(!mine.body.contains(study.net.york) && !mine.body.contains("York"))
            #expect(mine.json["mixingScore"] == nil || mine.json["mixingScore"] is NSNull)
            let page = try await people[0].visitor.get("/study/\(study.series)/weeks/1/session")
            #expect(page.contains("Your breakout") && !page.contains("Attendance ("))
            for visitor in [study.net.mona, app.visitor()] {
                var visitor = visitor
                let answer = try await visitor.api(.get, "\(study.at)/weeks/1/breakouts")
                #expect(answer.status == .forbidden || answer.status == .unauthorized)
                #expect(!answer.body.contains("reader"))
            }
            _ = people.removeFirst()
        }
    }

    @Test func swapsRescoreAndNoteTakersWriteTheNotesOrganizersReadTogether() async throws {
        try await withApp { app in
            var study = try await studyNetwork(app)
            try await addWeek(&study.net.olive, study.series, topic: "February")
            try await scheduleSession(&study.net.olive, study.series, 1)
            // Two people from each of three groups: two breakouts of three can hold one of each group.
            var people = try await participants(app, "pat", count: 2, series: study.series, group: study.net.york)
            people += try await participants(app, "quin", count: 2, series: study.series, group: study.net.center)
            people += try await participants(app, "rue", count: 2, series: study.series, group: study.net.students)
            try await markPresent(&study.net.olive, study.series, 1, people.map(\.handle))
            let formed = try await study.net.olive.api(
                .post,
                "\(study.at)/weeks/1/breakouts",
                json: try jsonBody(["size": 3, "seed": 3])
            )
            let rooms = breakoutMembers(formed)
            #expect(rooms.count == 2)
            #expect(APITests.integer(formed.json["mixingScore"]) == 100)
            // Swapping a York member for a center member puts two of one group together: the score drops.
            let first = try #require(rooms[0].first { $0.hasPrefix("pat") })
            let second = try #require(rooms[1].first { $0.hasPrefix("quin") })
            let swapped = try await study.net.sara.api(
                .post,
                "\(study.at)/weeks/1/breakouts/swap",
                json: try jsonBody(["first": first, "second": second])
            )
            let after = breakoutMembers(swapped)
            #expect(after[0].contains(second) && after[1].contains(first))
            #expect(try #require(APITests.integer(swapped.json["mixingScore"])) < 100)
            let same = try await study.net.sara.post(
                "/study/\(study.series)/weeks/1/breakouts/swap",
                [("first", after[0][0]), ("second", after[0][1])]
            )
            #expect(same.status == .unprocessableContent && same.contains("same breakout"))
            // A member volunteers to take notes; the others in the room cannot write them.
            let takerHandle = after[0][0]
            let otherHandle = after[0][1]
            var taker = try #require(people.first { $0.handle == takerHandle }).visitor
            var other = try #require(people.first { $0.handle == otherHandle }).visitor
            let volunteered = try await taker.post(
                "/study/\(study.series)/weeks/1/breakouts/1/note-taker",
                [("handle", takerHandle)]
            )
            #expect(volunteered.status == .seeOther)
            let stolen = try await other.api(
                .put,
                "\(study.at)/weeks/1/breakouts/1/note-taker",
                json: try jsonBody(["handle": otherHandle])
            )
            #expect(stolen.status == .forbidden)
            let notOurs = try await other.api(
                .put,
                "\(study.at)/weeks/1/breakouts/1/notes",
                json: try jsonBody(["notes": "Mine!"])
            )
            #expect(notOurs.status == .forbidden)
            let saved = try await taker.post(
                "/study/\(study.series)/weeks/1/breakouts/1",
                [("notes", "We argued about *the* franchise.")]
            )
            #expect(saved.status == .seeOther)
            // The other breakout's people do not see these notes; the organizers see every breakout's notes.
            var outside = try #require(people.first { after[1].contains($0.handle) }).visitor
            #expect(!(try await outside.get("/study/\(study.series)/weeks/1/session")).contains("franchise"))
            let console = try await study.net.olive.get("/study/\(study.series)/weeks/1/session")
            #expect(console.contains("<em>the</em> franchise") && console.contains("Breakout 2"))
        }
    }
}
