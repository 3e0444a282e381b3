import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Library
import SQLKit

/// A week's topic, introduction and lead questions, from the form or the API.
package struct WeekInput: Sendable, Decodable {
    package var topic: String?
    package var introduction: String?
    package var questions: [String]?

    init(form: FormData) {
        topic = form["topic"]
        introduction = form["introduction"]
        questions = SeriesQueries.lines(form["questions"])
    }
}

/// A reading: a library publication (its number or address) or an outside link, with a kind and a note.
package struct ReadingInput: Sendable, Decodable {
    package var kind: String?
    package var publication: String?
    package var url: String?
    package var title: String?
    package var note: String?

    init(form: FormData) {
        kind = form["readingKind"]
        publication = form["readingPublication"]
        url = form["readingUrl"]
        title = form["readingTitle"]
        note = form["readingNote"]
    }
}

package struct MediaInput: Sendable, Decodable {
    package var kind: String?
    package var title: String?
    package var url: String?
    /// The download's size in bytes; the form takes megabytes.
    package var sizeBytes: Int64?

    init(form: FormData) {
        kind = form["mediaKind"]
        title = form["mediaTitle"]
        url = form["mediaUrl"]
        // Anything but a sensible number of megabytes becomes -1, which validation refuses with a message.
        let text = form["mediaSizeMB"].trimmingWhitespace()
        if text.isEmpty {
            sizeBytes = nil
        } else if let megabytes = Double(text), megabytes.isFinite, (0...1_000_000).contains(megabytes) {
            sizeBytes = Int64(megabytes * 1_000_000)
        } else {
            sizeBytes = -1
        }
    }
}

/// A presenter: a person's handle, or a roster speaker's number.
package struct PresenterInput: Sendable, Decodable {
    package var handle: String?
    package var speaker: Int?

    init(form: FormData) {
        handle = form["presenterHandle"]
        speaker = Int(form["presenterSpeaker"].split(separator: "/").last ?? "")
    }
}

/// Writing the syllabus: weeks in order, each with readings by kind, media, presenters and lead questions.
/// Only the series' organizers may.
package struct SyllabusWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }
    static let maxWeeks = 60

    static func insertWeek(
        series: Int,
        topic: String,
        introduction: String,
        questions: [String],
        on sql: any SQLDatabase
    ) async throws -> Int {
        let last =
            try await sql.raw(
                "SELECT MAX(position) AS top FROM study_weeks WHERE series_id = \(bind: series)"
            ).value("top", as: Int?.self) ?? nil
        return try await sql.insertReturningID(
            into: "study_weeks",
            [
                "series_id": series, "position": (last ?? 0) + 1, "topic": topic, "introduction": introduction,
                "questions": questions.joined(separator: "\n"),
            ]
        )
    }

    private func validate(_ input: WeekInput) throws -> (String, String, [String]) {
        var errors: [String: String] = [:]
        let topic = FieldRules.line(input.topic, "topic", "Give the week a topic.", max: 200, &errors)
        let introduction = FieldRules.text(input.introduction, "introduction", max: 20_000, &errors)
        var questions: [String] = []
        for question in input.questions ?? [] {
            let text = FieldRules.line(question, "questions", nil, max: 500, &errors)
            if !text.isEmpty { questions.append(text) }
        }
        if questions.count > 8 { errors["questions"] = "Ask at most 8 lead questions." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return (topic, introduction, questions)
    }

    /// Adds a week at the end; returns its number.
    package func addWeek(_ series: Int, _ input: WeekInput, by person: CurrentPerson) async throws -> Int {
        try await queries.requireOrganizer(series, person)
        let (topic, introduction, questions) = try validate(input)
        let count = try await sql.count({ $0.where("series_id", .equal, series) }, from: "study_weeks")
        guard count < Self.maxWeeks else { throw AppError.conflict("A series has at most \(Self.maxWeeks) weeks.") }
        _ = try await Self.insertWeek(
            series: series,
            topic: topic,
            introduction: introduction,
            questions: questions,
            on: sql
        )
        return count + 1
    }

    /// The id of week `number` of a series its organizer is changing.
    func weekID(_ series: Int, _ number: Int, by person: CurrentPerson) async throws -> Int {
        try await queries.requireOrganizer(series, person)
        let rows = try await sql.select().column("id").from("study_weeks").where("series_id", .equal, series)
            .orderBy("position").orderBy("id").column("id", as: Int.self)
        guard number >= 1, number <= rows.count else { throw AppError.notFound }
        return rows[number - 1]
    }

    package func updateWeek(_ series: Int, _ number: Int, _ input: WeekInput, by person: CurrentPerson) async throws {
        let id = try await weekID(series, number, by: person)
        let (topic, introduction, questions) = try validate(input)
        try await sql.update("study_weeks").set("topic", to: topic).set("introduction", to: introduction)
            .set("questions", to: questions.joined(separator: "\n")).where("id", .equal, id).run()
    }

    /// Removes a week that has no session yet; one with a session keeps its attendance, breakouts, notes and
    /// report, so it is refused.
    package func removeWeek(_ series: Int, _ number: Int, by person: CurrentPerson) async throws {
        let id = try await weekID(series, number, by: person)
        let removed = try await sql.delete(from: "study_weeks").where("id", .equal, id)
            .where("event_id", .is, SQLLiteral.null).where("report", .is, SQLLiteral.null).returning("id").all()
        guard !removed.isEmpty else {
            throw AppError.conflict(
                "This week has a session (or a report); cancel the session on its event page and keep the week."
            )
        }
    }

    /// Moves a week one place earlier (`step` -1) or later (+1).
    package func moveWeek(_ series: Int, _ number: Int, by step: Int, person: CurrentPerson) async throws {
        let id = try await weekID(series, number, by: person)
        let other = number + (step < 0 ? -1 : 1)
        guard let otherID = try? await weekID(series, other, by: person) else { return }
        try await services.store.transaction { sql in
            // Positions are renumbered in order, then the two weeks trade places.
            let rows = try await sql.select().column("id").from("study_weeks").where("series_id", .equal, series)
                .orderBy("position").orderBy("id").column("id", as: Int.self)
            for (index, week) in rows.enumerated() {
                let position = week == id ? other : week == otherID ? number : index + 1
                try await sql.update("study_weeks").set("position", to: position).where("id", .equal, week).run()
            }
        }
    }

    package func addReading(_ series: Int, _ number: Int, _ input: ReadingInput, by person: CurrentPerson) async throws
    {
        let week = try await weekID(series, number, by: person)
        let kinds = try await queries.series(series, viewer: person).readingKinds
        var errors: [String: String] = [:]
        let kind = FieldRules.line(input.kind, "kind", "Choose the kind of reading.", max: 60, &errors).lowercased()
        if errors.isEmpty && !kinds.contains(kind) {
            errors["kind"] = "Choose one of this series’ kinds: \(kinds.joined(separator: ", "))."
        }
        var title = FieldRules.line(input.title, "title", nil, max: 300, &errors)
        let url = FieldRules.url(input.url, "url", &errors)
        let note = FieldRules.text(input.note, "note", max: 2_000, &errors)
        var post: Int?
        let reference = (input.publication ?? "").trimmingWhitespace()
        if !reference.isEmpty {
            // Only what anyone may read goes on a public syllabus.
            if let id = Int(reference.split(separator: "/").last ?? ""),
                let (piece, _) = try? await PublicationQueries(services: services).visible(id: id, viewer: nil),
                piece.status == .published
            {
                post = id
                if title.isEmpty { title = piece.title }
            } else {
                errors["publication"] = "Give the number or address of a published piece in the library."
            }
        } else if url.isEmpty && errors["url"] == nil {
            errors["url"] = "Give a piece in the library or the address of the reading."
        }
        if title.isEmpty && errors["title"] == nil && post == nil { errors["title"] = "Give the reading's title." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let count = try await sql.count({ $0.where("week_id", .equal, week) }, from: "study_readings")
        guard count < 40 else { throw AppError.conflict("A week has at most 40 readings.") }
        _ = try await sql.insertReturningID(
            into: "study_readings",
            [
                "week_id": week, "kind": kind, "position": count + 1, "post_id": post,
                "url": post == nil ? url : "", "title": title, "note": note,
            ]
        )
    }

    package func addMedia(_ series: Int, _ number: Int, _ input: MediaInput, by person: CurrentPerson) async throws {
        let week = try await weekID(series, number, by: person)
        var errors: [String: String] = [:]
        let kind = MediaKind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = "Choose recording, film or other." }
        let title = FieldRules.line(input.title, "title", "Give the media a title.", max: 300, &errors)
        let url = FieldRules.url(input.url, "url", &errors)
        if url.isEmpty && errors["url"] == nil { errors["url"] = "Give the address to watch or download it." }
        if let size = input.sizeBytes, size < 0 || size > 1_000_000_000_000 {
            errors["sizeBytes"] = "Give the size in megabytes, up to a terabyte."
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        _ = try await sql.insertReturningID(
            into: "study_media",
            ["week_id": week, "kind": kind.rawValue, "title": title, "url": url, "size_bytes": input.sizeBytes]
        )
    }

    package func addPresenter(
        _ series: Int,
        _ number: Int,
        _ input: PresenterInput,
        by person: CurrentPerson
    ) async throws {
        let week = try await weekID(series, number, by: person)
        var values: [String: any Encodable & Sendable] = ["week_id": week]
        let handle = (input.handle ?? "").trimmingWhitespace().trimmingPrefix("@").lowercased()
        if !handle.isEmpty {
            guard
                let row = try await sql.select().columns("id", "handle", "display_name").from("people")
                    .where("handle", .equal, String(handle)).row(PresenterPerson.self)
            else { throw AppError.validation(["handle": "Nobody has the handle @\(handle)."]) }
            values["person_id"] = row.id
            values["name"] = row.displayName.isEmpty ? String(handle) : row.displayName
        } else if let speaker = input.speaker {
            guard
                let name = try await sql.select().column("name").from("speakers").where("id", .equal, speaker)
                    .value("name", as: String.self)
            else { throw AppError.validation(["speaker": "There is no speaker number \(speaker) on the roster."]) }
            values["speaker_id"] = speaker
            values["name"] = name
        } else {
            throw AppError.validation(["handle": "Give a person's handle or a speaker's number on the roster."])
        }
        _ = try await sql.insertReturningID(into: "study_presenters", values)
    }

    /// Removes a reading, a media item or a presenter (`table`) from week `number`.
    package func remove(
        _ part: SyllabusPart,
        id: Int,
        series: Int,
        week number: Int,
        by person: CurrentPerson
    ) async throws {
        let week = try await weekID(series, number, by: person)
        let gone = try await sql.delete(from: part.rawValue).where("id", .equal, id).where("week_id", .equal, week)
            .returning("id").all()
        guard !gone.isEmpty else { throw AppError.notFound }
    }

    /// Turns a reading list into weeks: `perWeek` items a week, each week named after its first item, its
    /// readings of the series' first kind with the list's notes. Returns how many weeks were added.
    package func weeksFromList(_ series: Int, list: Int, perWeek: Int, by person: CurrentPerson) async throws -> Int {
        let current = try await queries.organized(series, by: person)
        guard (1...10).contains(perWeek) else {
            throw AppError.validation(["perWeek": "Put 1 to 10 readings in a week."])
        }
        let (readingList, _) = try await ReadingLists(services: services).list(list, viewer: person)
        // Only pieces anyone may read go on a public syllabus.
        var items: [ReadingList.Item] = []
        for item in readingList.items {
            if let (piece, _) = try? await PublicationQueries(services: services).visible(
                id: item.publication.id,
                viewer: nil
            ),
                piece.status == .published
            {
                items.append(item)
            }
        }
        guard !items.isEmpty else {
            throw AppError.validation(["list": "That reading list has no piece published for everyone to read."])
        }
        let chunks = stride(from: 0, to: items.count, by: perWeek).map {
            Array(items[$0..<min($0 + perWeek, items.count)])
        }
        guard current.weeks.count + chunks.count <= Self.maxWeeks else {
            throw AppError.conflict("A series has at most \(Self.maxWeeks) weeks.")
        }
        let kind = current.readingKinds.first ?? standardReadingKinds[0]
        try await services.store.transaction { sql in
            for chunk in chunks {
                let week = try await Self.insertWeek(
                    series: series,
                    topic: chunk[0].publication.title,
                    introduction: "",
                    questions: [],
                    on: sql
                )
                for (position, item) in chunk.enumerated() {
                    _ = try await sql.insertReturningID(
                        into: "study_readings",
                        [
                            "week_id": week, "kind": kind, "position": position + 1, "post_id": item.publication.id,
                            "url": "", "title": item.publication.title, "note": item.note,
                        ]
                    )
                }
            }
        }
        return chunks.count
    }
}

/// The removable parts of a week, by their table.
package enum SyllabusPart: String, Sendable {
    case reading = "study_readings"
    case media = "study_media"
    case presenter = "study_presenters"
}

/// A person named as a presenter.
private struct PresenterPerson: Decodable {
    let id: Int
    let displayName: String
}
