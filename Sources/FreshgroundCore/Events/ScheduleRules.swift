/// A session as the schedule builder sees it: where, when, and who speaks. Times are seconds since 1970 (UTC),
/// so the rule needs no calendar.
package struct SessionSlot: Sendable, Equatable {
    package let id: Int
    package let room: Int
    package let start: Int
    package let end: Int
    /// The people who speak in it (the proposer and the co-speakers).
    package let speakers: Set<Int>

    package init(id: Int, room: Int, start: Int, end: Int, speakers: Set<Int>) {
        self.id = id
        self.room = room
        self.start = start
        self.end = end
        self.speakers = speakers
    }
}

/// Why a session cannot go where the builder wants it.
package enum ScheduleProblem: Sendable, Equatable {
    /// The session ends at or before its start.
    case endsBeforeStart
    /// It starts before the conference starts or ends after the conference ends.
    case outsideConference
    /// Another session is in the same room at an overlapping time.
    case roomTaken(by: SessionSlot)
    /// A speaker of this session speaks in another session at an overlapping time.
    case speakerBusy(speaker: Int, in: SessionSlot)
}

/// The rules of the schedule builder: nothing outside the conference, one session per room at a time, and
/// nobody in two places at once. Sessions that only touch (one ends as the next begins) do not overlap.
package enum ScheduleRules {
    /// Every problem with placing `session` among `others` (the conference's other sessions; an entry with the
    /// same id is the session's old place and is ignored). Room problems come first, then speakers in id order.
    package static func problems(
        placing session: SessionSlot,
        among others: [SessionSlot],
        conferenceStart: Int,
        conferenceEnd: Int
    ) -> [ScheduleProblem] {
        guard session.end > session.start else { return [.endsBeforeStart] }
        guard session.start >= conferenceStart, session.end <= conferenceEnd else { return [.outsideConference] }
        let overlapping = others.filter { $0.id != session.id && overlaps(session, $0) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        var found: [ScheduleProblem] = []
        if let taken = overlapping.first(where: { $0.room == session.room }) {
            found.append(.roomTaken(by: taken))
        }
        for speaker in session.speakers.sorted() {
            if let other = overlapping.first(where: { $0.speakers.contains(speaker) }) {
                found.append(.speakerBusy(speaker: speaker, in: other))
            }
        }
        return found
    }

    /// True when the two sessions share some moment (half-open intervals: touching is fine).
    package static func overlaps(_ a: SessionSlot, _ b: SessionSlot) -> Bool {
        a.start < b.end && b.start < a.end
    }
}
