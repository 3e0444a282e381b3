import Foundation
import FreshgroundCore
import FreshgroundWeb
import Hummingbird

/// The session's page and forms: check-in, attendance, breakouts, note-takers, notes and the report.
struct SessionRoutes {
    let services: AppServices
    var queries: SeriesQueries { SeriesQueries(services: services) }
    var sessions: SessionWrites { SessionWrites(services: services) }
    var breakouts: SessionBreakouts { SessionBreakouts(services: services) }
    var notes: BreakoutNotes { BreakoutNotes(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(StudyPaths.session) { _, context in
            Reply.html(SessionPages.show(context, try await data(context)))
        }
        router.post(StudyPaths.checkIn) { _, context in
            let mode = AttendanceMode(rawValue: context.form["mode"]) ?? .room
            try await sessions.checkIn(
                try seriesParam(context),
                try weekParam(context),
                mode: mode,
                by: try context.requirePerson()
            )
            return Reply.redirect(
                try sessionPath(context),
                flash: mode == .room ? "Checked in, in the room." : "Checked in, online."
            )
        }
        router.post(StudyPaths.attendance) { _, context in
            let mode = AttendanceMode(rawValue: context.form["mode"])
            try await sessions.mark(
                try seriesParam(context),
                try weekParam(context),
                handle: try context.parameters.require("handle"),
                mode: mode,
                by: try context.requirePerson()
            )
            return Reply.redirect(try sessionPath(context) + "#attendance", flash: "Attendance recorded.")
        }
        router.post(StudyPaths.roll) { _, context in
            let changed = try await sessions.markAll(
                try seriesParam(context),
                try weekParam(context),
                // A row left as the page showed it is not written: someone checked in, or another organizer
                // marked them, since the page was drawn, and a stale "Not here" must not undo that.
                modeOf: { handle in
                    let form = context.form
                    guard form.has("mode-\(handle)") else { return nil }
                    if form.has("shown-\(handle)") && form["shown-\(handle)"] == form["mode-\(handle)"] { return nil }
                    return form["mode-\(handle)"]
                },
                by: try context.requirePerson()
            )
            return Reply.redirect(
                try sessionPath(context) + "#attendance",
                flash: changed == 1 ? "Attendance recorded for 1 person." : "Attendance recorded for \(changed) people."
            )
        }
        router.post(StudyPaths.breakouts) { _, context in
            let person = try context.requirePerson()
            return try await sessionForm(context, failed: "breakouts", flash: "Breakouts formed.") {
                let size = context.form["size"].isEmpty ? 6 : Int(context.form["size"]) ?? 0
                _ = try await breakouts.form(
                    try seriesParam(context),
                    try weekParam(context),
                    size: size,
                    keepOnlineTogether: context.form.checked("keepOnlineTogether"),
                    by: person
                )
            }
        }
        router.post(StudyPaths.swapBreakouts) { _, context in
            let person = try context.requirePerson()
            return try await sessionForm(context, failed: "breakouts", flash: "Swapped.") {
                try await breakouts.swap(
                    try seriesParam(context),
                    try weekParam(context),
                    context.form["first"],
                    context.form["second"],
                    by: person
                )
            }
        }
        router.post(StudyPaths.noteTaker) { _, context in
            let person = try context.requirePerson()
            return try await sessionForm(context, failed: "breakouts", flash: "Note-taker named.") {
                try await notes.setNoteTaker(
                    try seriesParam(context),
                    try weekParam(context),
                    room: try context.parameters.require("room", as: Int.self),
                    handle: context.form["handle"],
                    by: person
                )
            }
        }
        router.get(StudyPaths.breakout) { _, context in
            let (series, week, room) = try await breakout(context)
            return Reply.html(SessionPages.notes(context, series, week, room, fields: FieldSet()))
        }
        router.post(StudyPaths.breakout) { _, context in
            let person = try context.requirePerson()
            let number = try context.parameters.require("room", as: Int.self)
            let page = { (fields: FieldSet) in
                let (series, week, room) = try await breakout(context)
                return SessionPages.notes(context, series, week, room, fields: fields)
            }
            return try await FormFlow.submit(
                context,
                redirectTo: StudyPaths.breakout(try seriesParam(context), try weekParam(context), number),
                flash: "Notes saved.",
                page: page
            ) {
                try await notes.saveNotes(
                    try seriesParam(context),
                    try weekParam(context),
                    room: number,
                    notes: context.form["notes"],
                    by: person
                )
            }
        }
        router.post(StudyPaths.report) { _, context in
            let person = try context.requirePerson()
            let send = context.form.checked("send")
            return try await sessionForm(
                context,
                failed: "report",
                flash: send ? "Report saved and sent to the list." : "Report saved."
            ) {
                try await SessionReports(services: services).write(
                    try seriesParam(context),
                    try weekParam(context),
                    ReportInput(report: context.form["report"], send: send),
                    by: person
                )
            }
        }
    }

    private func sessionPath(_ context: AppContext) throws -> String {
        StudyPaths.session(try seriesParam(context), try weekParam(context))
    }

    private func data(_ context: AppContext) async throws -> SessionPages.Data {
        let id = try seriesParam(context)
        let number = try weekParam(context)
        let series = try await queries.series(id, viewer: context.person)
        let week = try queries.week(series, number)
        guard let person = context.person, series.viewer.isOrganizer || series.viewer.isParticipant else {
            throw AppError.forbidden("The session's page is for the series' participants and organizers.")
        }
        let now = services.clock()
        let open = week.session.map {
            !$0.cancelled && now >= $0.startsAt.addingTimeInterval(-SessionWrites.checkInOpensBefore)
                && now <= $0.endsAt
        }
        return SessionPages.Data(
            series: series,
            week: week,
            attendance: series.viewer.isOrganizer ? try await sessions.attendance(in: series, week: week) : [],
            rooms: try await notes.rooms(in: series, week: week, viewer: person),
            checkInOpen: open ?? false
        )
    }

    private func breakout(_ context: AppContext) async throws -> (StudySeries, Week, BreakoutRoom) {
        let person = try context.requirePerson()
        let id = try seriesParam(context)
        let number = try weekParam(context)
        let room = try context.parameters.require("room", as: Int.self)
        let series = try await queries.series(id, viewer: person)
        let week = try queries.week(series, number)
        let rooms = try await notes.rooms(in: series, week: week, viewer: person)
        guard let found = rooms.rooms.first(where: { $0.number == room }) else { throw AppError.notFound }
        return (series, week, found)
    }

    private func sessionForm(
        _ context: AppContext,
        failed: String,
        flash: String,
        _ action: () async throws -> Void
    ) async throws -> Response {
        let page = { (fields: FieldSet) in
            SessionPages.show(context, try await data(context), fields: fields, failed: failed)
        }
        return try await FormFlow.submit(context, redirectTo: try sessionPath(context), flash: flash, page: page) {
            try await action()
        }
    }
}
