import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

struct ModeInput: Decodable, Sendable {
    let mode: String?

    /// The mode given; for `allowAbsent`, null or "absent" means not here.
    func parsed(allowAbsent: Bool) throws -> AttendanceMode? {
        if allowAbsent && (mode == nil || mode == "absent") { return nil }
        guard let mode = AttendanceMode(rawValue: mode ?? "") else {
            throw AppError.validation([
                "mode": allowAbsent ? "Choose room, online or absent." : "Choose room or online."
            ])
        }
        return mode
    }
}

struct FormInput: Decodable, Sendable {
    let size: Int?
    let keepOnlineTogether: Bool?
    let seed: UInt64?
}

struct SwapInput: Decodable, Sendable {
    let first: String?
    let second: String?
}

struct HandleInput: Decodable, Sendable {
    let handle: String?
}

struct NotesInput: Decodable, Sendable {
    let notes: String?
}

struct ReportAnswer: Encodable, Sendable {
    let week: Week
    let sentTo: Int
}

/// The sessions' JSON API: scheduling a week's session, attendance, breakouts, notes and the report.
struct SessionsAPI {
    let services: AppServices
    var queries: SeriesQueries { SeriesQueries(services: services) }
    var sessions: SessionWrites { SessionWrites(services: services) }
    var breakouts: SessionBreakouts { SessionBreakouts(services: services) }
    var notes: BreakoutNotes { BreakoutNotes(services: services) }

    func register(on router: Router<AppContext>) {
        let base = "/api/v1/study/:id/weeks/:week"
        router.post("\(base)/session") { request, context in
            let person = try context.requirePerson()
            _ = try await sessions.schedule(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(SessionInput.self, request, context),
                by: person
            )
            let week = try await queries.week(try seriesParam(context), try weekParam(context), viewer: person)
            return try Reply.json(week, status: .created)
        }
        router.post("/api/v1/study/:id/sessions") { request, context in
            let person = try context.requirePerson()
            _ = try await sessions.scheduleWeekly(
                try seriesParam(context),
                try await decodeJSON(SessionInput.self, request, context),
                by: person
            )
            return try Reply.json(try await queries.series(try seriesParam(context), viewer: person), status: .created)
        }
        router.get("\(base)/attendance") { _, context in
            try Reply.json(
                try await sessions.attendance(
                    try seriesParam(context),
                    try weekParam(context),
                    by: try context.requirePerson()
                )
            )
        }
        router.post("\(base)/check-in") { request, context in
            let mode = try await decodeJSON(ModeInput.self, request, context).parsed(allowAbsent: false)
            try await sessions.checkIn(
                try seriesParam(context),
                try weekParam(context),
                mode: mode ?? .room,
                by: try context.requirePerson()
            )
            return try Reply.json(ModeAnswer(mode: mode ?? .room))
        }
        router.put("\(base)/attendance/:handle") { request, context in
            let person = try context.requirePerson()
            try await sessions.mark(
                try seriesParam(context),
                try weekParam(context),
                handle: try context.parameters.require("handle"),
                mode: try await decodeJSON(ModeInput.self, request, context).parsed(allowAbsent: true),
                by: person
            )
            return try Reply.json(
                try await sessions.attendance(try seriesParam(context), try weekParam(context), by: person)
            )
        }
        router.post("\(base)/breakouts") { request, context in
            let input = try await decodeJSON(FormInput.self, request, context)
            _ = try await breakouts.form(
                try seriesParam(context),
                try weekParam(context),
                size: input.size ?? 6,
                keepOnlineTogether: input.keepOnlineTogether ?? false,
                seed: input.seed,
                by: try context.requirePerson()
            )
            return try await rooms(context, status: .created)
        }
        router.get("\(base)/breakouts") { _, context in try await rooms(context) }
        router.post("\(base)/breakouts/swap") { request, context in
            let input = try await decodeJSON(SwapInput.self, request, context)
            try await breakouts.swap(
                try seriesParam(context),
                try weekParam(context),
                input.first ?? "",
                input.second ?? "",
                by: try context.requirePerson()
            )
            return try await rooms(context)
        }
        router.put("\(base)/breakouts/:room/note-taker") { request, context in
            try await notes.setNoteTaker(
                try seriesParam(context),
                try weekParam(context),
                room: try context.parameters.require("room", as: Int.self),
                handle: try await decodeJSON(HandleInput.self, request, context).handle ?? "",
                by: try context.requirePerson()
            )
            return try await rooms(context)
        }
        router.put("\(base)/breakouts/:room/notes") { request, context in
            try await notes.saveNotes(
                try seriesParam(context),
                try weekParam(context),
                room: try context.parameters.require("room", as: Int.self),
                notes: try await decodeJSON(NotesInput.self, request, context).notes ?? "",
                by: try context.requirePerson()
            )
            return try await rooms(context)
        }
        router.put("\(base)/report") { request, context in
            let sent = try await SessionReports(services: services).write(
                try seriesParam(context),
                try weekParam(context),
                try await decodeJSON(ReportInput.self, request, context),
                by: try context.requirePerson()
            )
            let week = try await queries.week(try seriesParam(context), try weekParam(context), viewer: context.person)
            return try Reply.json(ReportAnswer(week: week, sentTo: sent))
        }
    }

    private func rooms(_ context: AppContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        try Reply.json(
            try await notes.rooms(try seriesParam(context), try weekParam(context), viewer: context.person),
            status: status
        )
    }
}

struct ModeAnswer: Encodable, Sendable {
    let mode: AttendanceMode
}
