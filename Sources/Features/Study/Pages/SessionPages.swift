import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The session's page: check-in for participants; for organizers, attendance, forming breakouts, swapping
/// people, naming note-takers, every breakout's notes together for the report back, and the report.
enum SessionPages {
    struct Data {
        let series: StudySeries
        let week: Week
        let attendance: [Attendee]
        let rooms: BreakoutSet
        let checkInOpen: Bool
    }

    static func show(_ context: AppContext, _ data: Data, fields: FieldSet = FieldSet(), failed: String? = nil) -> HTML
    {
        let (series, week) = (data.series, data.week)
        let (id, number) = (series.id, week.number)
        let organizer = series.viewer.isOrganizer
        let checkIn: HTML = .when(data.checkInOpen && (series.viewer.isParticipant || organizer)) {
            """
            <section aria-labelledby="checkin"><h2 id="checkin">Check in</h2>
            \(FormParts.button(context, StudyPaths.checkIn(id, number), "I'm here, in the room", fields: FormParts.hidden("mode", "room")))
            \(FormParts.button(context, StudyPaths.checkIn(id, number), "I'm here, online", fields: FormParts.hidden("mode", "online")))</section>
            """
        }
        return Layout.page(
            title: "Session of week \(week.number) · \(series.title)",
            context: context,
            main: """
                <p><a href="\(StudyPaths.series(id))">\(series.title)</a> · <a href="\(StudyPaths.week(id, number))">Week \(week.number): \(week.topic)</a></p>
                <h1>Session of week \(week.number)</h1>
                \(week.session.map { session -> HTML in "<p>\(StudyParts.when(session))</p>" } ?? "<p class=\"empty\">Not scheduled yet.</p>")
                \(checkIn)
                \(HTML.when(organizer) { attendance(context, id, number, data.attendance) })
                \(breakouts(context, id, number, data, fields: StudyParts.fields("breakouts", failed: failed, fields)))
                \(HTML.when(organizer) { report(context, id, week, data.rooms, fields: StudyParts.fields("report", failed: failed, fields)) })
                """
        )
    }

    /// The roll call: one choice per person and one submit for everyone.
    private static func attendance(_ context: AppContext, _ id: Int, _ number: Int, _ people: [Attendee]) -> HTML {
        let here = people.filter { $0.mode != nil }.count
        let rows = people.map { person -> HTML in
            let current = person.mode?.rawValue ?? "absent"
            let options = [("room", "In the room"), ("online", "Online"), ("absent", "Not here")].map {
                value,
                label -> HTML in
                "<option value=\"\(value)\"\(value == current ? " selected" : "")>\(label)</option>"
            }
            return """
                <tr><th scope="row"><label for="mode-\(person.handle)">\(person.name)</label> \
                <span class="meta">@\(person.handle)</span></th>\
                <td><select id="mode-\(person.handle)" name="mode-\(person.handle)">\(options)</select>\
                <input type="hidden" name="shown-\(person.handle)" value="\(current)"></td></tr>
                """
        }
        return """
            <section aria-labelledby="attendance"><h2 id="attendance">Attendance (\(here) here)</h2>
            \(people.isEmpty ? "<p class=\"empty\">Nobody is enrolled yet.</p>" as HTML : """
            \(FormParts.postForm(context, to: StudyPaths.roll(id, number)))
            <table><thead><tr><th scope="col">Person</th><th scope="col">Here</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <button type="submit">Save attendance</button></form>
            """)</section>
            """
    }

    private static func breakouts(
        _ context: AppContext,
        _ id: Int,
        _ number: Int,
        _ data: Data,
        fields: FieldSet
    ) -> HTML {
        let organizer = data.series.viewer.isOrganizer
        let me = context.person?.handle
        let rooms = data.rooms.rooms.map { room -> HTML in
            let members = room.members.map { member -> HTML in
                "<li>\(member.name)\(HTML.when(member.handle == room.noteTaker) { " <strong>(notes)</strong>" })</li>"
            }
            var tools: [HTML] = []
            if organizer {
                tools.append(
                    """
                    \(FormParts.postForm(context, to: StudyPaths.noteTaker(id, number, room.number), class: "inline"))\
                    <label for="taker-\(room.number)">Note-taker</label> <select id="taker-\(room.number)" name="handle">\
                    \(room.members.map { m -> HTML in "<option value=\"\(m.handle)\"\(m.handle == room.noteTaker ? " selected" : "")>\(m.name)</option>" })\
                    </select> <button type="submit" class="secondary">Name</button></form>
                    """
                )
            } else if room.noteTaker == nil, let me {
                tools.append(
                    FormParts.button(
                        context,
                        StudyPaths.noteTaker(id, number, room.number),
                        "Take the notes",
                        fields: FormParts.hidden("handle", me)
                    )
                )
            }
            if organizer || room.noteTaker == me {
                tools.append("<a href=\"\(StudyPaths.breakout(id, number, room.number))\">Write the notes</a>")
            }
            let notes: HTML =
                room.notes.isEmpty
                ? "<p class=\"empty\">No notes yet.</p>" : "<div class=\"notes\">\(HTML.markdown(room.notes))</div>"
            return """
                <section class="breakout" aria-labelledby="breakout-\(room.number)">
                <h3 id="breakout-\(room.number)">Breakout \(room.number)\(room.online ? " (online)" : "")</h3>
                <ul>\(members)</ul>\(tools)\(notes)</section>
                """
        }
        let score: HTML =
            data.rooms.mixingScore.map {
                """
                <p>Mixing score: <strong>\($0)</strong> of 100. It is the share of pairs of people in one breakout \
                who neither belong to a same group nor sat together in a breakout of an earlier session: 100 means \
                everyone meets only new people from other groups.</p>
                """
            } ?? .empty
        let everyone = data.rooms.rooms.flatMap(\.members).sorted { $0.name < $1.name }
        let options = everyone.map { m -> HTML in "<option value=\"\(m.handle)\">\(m.name)</option>" }
        let organize: HTML = .when(organizer) {
            """
            \(fields.summary)\(StudyParts.alerts(fields, except: ["size"]))
            \(FormParts.postForm(context, to: StudyPaths.breakouts(id, number), novalidate: true))
            \(fields.text("size", label: "People in each breakout", type: "number", hint: "Each breakout gets this many or one more. When the people here cannot be split that way, one more breakout is made and sizes evened out, so some get fewer and none more than one over (15 people in sixes: three of 5). Online people kept together are split the same way among themselves."))
            \(fields.checkbox("keepOnlineTogether", label: "Keep people online together", checked: true))
            <button type="submit">\(data.rooms.rooms.isEmpty ? "Form breakouts" : "Form them again")</button></form>
            \(HTML.when(!everyone.isEmpty) { """
            \(FormParts.postForm(context, to: StudyPaths.swapBreakouts(id, number)))
            <label for="first">Swap</label> <select id="first" name="first">\(options)</select>
            <label for="second">with</label> <select id="second" name="second">\(options)</select>
            <button type="submit" class="secondary">Swap</button></form>
            """ })
            """
        }
        return """
            <section aria-labelledby="breakouts"><h2 id="breakouts">\(organizer ? "Breakouts" : "Your breakout")</h2>
            \(score)\(organize)
            \(rooms.isEmpty ? "<p class=\"empty\">No breakouts yet.</p>" : rooms.joined())</section>
            """
    }

    /// A first draft of the report: each breakout's notes under its heading (breakouts without notes left out).
    static func draft(from rooms: BreakoutSet) -> String {
        rooms.rooms.filter { !$0.notes.trimmingWhitespace().isEmpty }.map { room in
            "## Breakout \(room.number)\(room.online ? " (online)" : "")\n\n\(room.notes.trimmingWhitespace())"
        }
        .joined(separator: "\n\n")
    }

    /// The report form; until a report is saved it starts from the breakouts' notes.
    private static func report(
        _ context: AppContext,
        _ id: Int,
        _ week: Week,
        _ rooms: BreakoutSet,
        fields: FieldSet
    ) -> HTML {
        let values =
            fields.values.has("report")
            ? fields
            : FieldSet(values: FormData([("report", week.report ?? draft(from: rooms))]), errors: fields.errors)
        return """
            <section aria-labelledby="write-report"><h2 id="write-report">Session report</h2>\(values.summary)
            \(FormParts.postForm(context, to: StudyPaths.report(id, week.number), novalidate: true))\(FormParts.hidden("_submitted", "1"))
            \(values.textarea("report", label: "The report (Markdown)", rows: 12))
            \(values.checkbox("send", label: "Email it to the series' list", checked: week.report == nil))
            <button type="submit">Save the report</button></form></section>
            """
    }

    /// The page a note-taker keeps open on their phone.
    static func notes(
        _ context: AppContext,
        _ series: StudySeries,
        _ week: Week,
        _ room: BreakoutRoom,
        fields: FieldSet
    ) -> HTML {
        let (id, number) = (series.id, week.number)
        let values =
            fields.values.has("notes")
            ? fields : FieldSet(values: FormData([("notes", room.notes)]), errors: fields.errors)
        let questions = week.questions.map { question -> HTML in "<li>\(question)</li>" }
        return Layout.page(
            title: "Notes of breakout \(room.number) · week \(week.number)",
            context: context,
            main: """
                <p><a href="\(StudyPaths.session(id, number))">Session of week \(week.number)</a></p>
                <h1>Notes of breakout \(room.number)</h1>
                <p class="meta">\(room.members.map(\.name).joined(separator: ", "))</p>
                \(HTML.when(!questions.isEmpty) { "<h2>Lead questions</h2><ol>\(questions)</ol>" })
                \(values.summary)
                \(FormParts.postForm(context, to: StudyPaths.breakout(id, number, room.number), novalidate: true))
                \(values.textarea("notes", label: "Notes for the report back", rows: 14))
                <button type="submit">Save the notes</button></form>
                """
        )
    }
}
