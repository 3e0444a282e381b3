import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// What the form or the API gives to start or change a series.
package struct SeriesInput: Sendable, Decodable {
    package var title: String?
    package var description: String?
    package var enrollment: String?
    package var readingKinds: [String]?
    package var agenda: [AgendaItem]?
    package var publishReports: Bool?
    /// The lead group's address, when starting a series.
    package var group: String?
    /// A series whose syllabus (weeks, readings, media, questions) the new one starts from.
    package var copyFrom: Int?
    var agendaError: String?

    enum CodingKeys: String, CodingKey {
        case title, description, enrollment, readingKinds, agenda, publishReports, group, copyFrom
    }

    package init(form: FormData) {
        title = form["title"]
        description = form["description"]
        enrollment = form["enrollment"]
        readingKinds = SeriesQueries.lines(String(form["readingKinds"].prefix(5_000)))
        if form["agenda"].count > 5_000 {
            agendaError = "Keep the agenda under 5,000 characters."
        } else {
            switch AgendaItem.parse(form["agenda"]) {
            case .success(let items): agenda = items
            case .failure(let error):
                agendaError =
                    "Write each line as minutes then the item, as in “30 Presentations”; "
                    + "“\(error.line.prefix(40))” is not like that."
            }
        }
        publishReports = form.checked("publishReports")
        group = form["group"]
        copyFrom = Int(form["copyFrom"])
    }
}

/// Starting and running series: the lead group's organizers start one, invite other groups to co-organize
/// (their organizers accept or decline), and change its settings.
package struct SeriesWrites: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SeriesQueries { SeriesQueries(services: services) }

    struct Valid {
        var title: String
        var description: String
        var enrollment: EnrollmentPolicy
        var kinds: [String]
        var agenda: [AgendaItem]
        var publishReports: Bool
    }

    static func validate(_ input: SeriesInput) -> Result<Valid, AppError> {
        var errors: [String: String] = [:]
        let title = FieldRules.line(
            input.title,
            "title",
            "Give the series a title of 1 to 200 characters.",
            max: 200,
            &errors
        )
        let description = FieldRules.text(input.description, "description", max: 20_000, &errors)
        let enrollment = EnrollmentPolicy(rawValue: input.enrollment ?? "open")
        if enrollment == nil { errors["enrollment"] = "Choose open or approved enrollment." }
        var kinds: [String] = []
        for kind in input.readingKinds ?? standardReadingKinds {
            let name = FieldRules.line(kind, "readingKinds", nil, max: 60, &errors).lowercased()
            if !name.isEmpty && !kinds.contains(name) { kinds.append(name) }
        }
        if kinds.isEmpty { kinds = standardReadingKinds }
        if kinds.count > 12 { errors["readingKinds"] = "Use at most 12 kinds of reading." }
        if let message = input.agendaError { errors["agenda"] = message }
        var agenda = input.agenda ?? AgendaItem.standard
        if agenda.isEmpty { agenda = AgendaItem.standard }
        if agenda.count > 12 { errors["agenda"] = "Keep the agenda to 12 items." }
        var agendaErrors: [String: String] = [:]
        agenda = agenda.map {
            AgendaItem(minutes: $0.minutes, title: FieldRules.line($0.title, "agenda", nil, max: 100, &agendaErrors))
        }
        if agenda.contains(where: { !(1...600).contains($0.minutes) || $0.title.isEmpty }) {
            agendaErrors["agenda"] = "Give each agenda item a name and 1 to 600 minutes."
        }
        errors.merge(agendaErrors) { a, _ in a }
        guard errors.isEmpty, let enrollment else { return .failure(.validation(errors)) }
        return .success(
            Valid(
                title: title,
                description: description,
                enrollment: enrollment,
                kinds: kinds,
                agenda: agenda,
                publishReports: input.publishReports ?? false
            )
        )
    }

    /// Starts a series led by a group the person organizes, empty or as a copy of another's syllabus.
    package func create(_ input: SeriesInput, by person: CurrentPerson) async throws -> Int {
        var errors: [String: String] = [:]
        let lead = try await EventAccess.organizedGroup(slug: input.group ?? "", person, sql)
        if lead == nil { errors["group"] = "Choose a group you organize to lead the series." }
        var source: StudySeries?
        if let copy = input.copyFrom {
            source = try? await queries.series(copy, viewer: person)
            if source == nil { errors["copyFrom"] = "There is no series number \(copy) to copy." }
        }
        let valid: Valid
        switch Self.validate(input) {
        case .failure(.validation(let more)): throw AppError.validation(errors.merging(more) { a, _ in a })
        case .failure(let error): throw error
        case .success(let value): valid = value
        }
        guard errors.isEmpty, let lead else { throw AppError.validation(errors) }
        let now = services.clock()
        let copied = source
        return try await services.store.transaction { sql in
            let id = try await sql.insertReturningID(
                into: "study_series",
                [
                    "title": valid.title, "description": valid.description, "enrollment": valid.enrollment.rawValue,
                    "reading_kinds": (valid.kinds + (copied?.readingKinds ?? []).filter { !valid.kinds.contains($0) })
                        .joined(separator: "\n"),
                    "agenda": AgendaItem.text(valid.agenda), "publish_reports": valid.publishReports,
                    "created_by": person.id, "created_at": now,
                ]
            )
            try await sql.insert(into: "study_organizers")
                .columns("series_id", "group_id", "status", "invited_by", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(lead),
                    SQLBind(OrganizerStatus.lead.rawValue),
                    SQLBind(person.id),
                    SQLBind(now)
                )
                .run()
            for week in copied?.weeks ?? [] { try await Self.copy(week, into: id, on: sql) }
            return id
        }
    }

    /// Copies a week's syllabus (not its session, attendance or report) to the end of another series.
    static func copy(_ week: Week, into series: Int, on sql: any SQLDatabase) async throws {
        let id = try await SyllabusWrites.insertWeek(
            series: series,
            topic: week.topic,
            introduction: week.introduction,
            questions: week.questions,
            on: sql
        )
        for (position, reading) in week.readings.enumerated() {
            _ = try await sql.insertReturningID(
                into: "study_readings",
                [
                    "week_id": id, "kind": reading.kind, "position": position, "post_id": reading.publicationID,
                    "url": reading.publicationID == nil ? reading.url : "", "title": reading.title,
                    "note": reading.note,
                ]
            )
        }
        for media in week.media {
            _ = try await sql.insertReturningID(
                into: "study_media",
                [
                    "week_id": id, "kind": media.kind.rawValue, "title": media.title, "url": media.url,
                    "size_bytes": media.sizeBytes,
                ]
            )
        }
    }

    /// Changes the series' settings; its organizers may.
    package func update(_ id: Int, _ input: SeriesInput, by person: CurrentPerson) async throws {
        try await queries.requireOrganizer(id, person)
        let valid: Valid
        switch Self.validate(input) {
        case .failure(let error): throw error
        case .success(let value): valid = value
        }
        try await sql.update("study_series").set("title", to: valid.title).set("description", to: valid.description)
            .set("enrollment", to: valid.enrollment.rawValue).set(
                "reading_kinds",
                to: valid.kinds.joined(separator: "\n")
            )
            .set("agenda", to: AgendaItem.text(valid.agenda)).set("publish_reports", to: valid.publishReports)
            .where("id", .equal, id).run()
    }

    /// Invites a group to co-organize; its organizers answer. A group the inviter organizes accepts at once.
    package func invite(_ id: Int, group slug: String, by person: CurrentPerson) async throws {
        try await queries.requireOrganizer(id, person)
        guard let (group, _) = try? await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        else { throw AppError.validation(["group": "There is no group at /groups/\(slug) you can see."]) }
        let own = try await EventAccess.organizedGroup(slug: group.slug, person, sql) != nil
        let existing = try await sql.select().column("status").from("study_organizers").where("series_id", .equal, id)
            .where("group_id", .equal, group.id).value("status", as: OrganizerStatus.self)
        if let existing, existing != .declined {
            throw AppError.conflict("\(group.name) is already asked or organizing.")
        }
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.delete(from: "study_organizers").where("series_id", .equal, id)
                .where("group_id", .equal, group.id).run()
            try await sql.insert(into: "study_organizers")
                .columns("series_id", "group_id", "status", "invited_by", "created_at")
                .values(
                    SQLBind(id),
                    SQLBind(group.id),
                    SQLBind(own ? OrganizerStatus.accepted.rawValue : OrganizerStatus.invited.rawValue),
                    SQLBind(person.id),
                    SQLBind(now)
                )
                .run()
            guard !own else { return }
            // The invited group's organizers answer on the study page.
            let title =
                try await sql.select().column("title").from("study_series").where("id", .equal, id)
                .value("title", as: String.self) ?? "a study series"
            try await Notifications.notify(
                try await GroupAccess(sql).organizerIDs(of: group.id),
                Notice(
                    kind: .invitation,
                    title: "\(group.name) is asked to co-organize the study series “\(title)”",
                    path: StudyPaths.study()
                ),
                except: person.id,
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
    }

    /// An invited group's organizer accepts or declines organizing the series.
    package func answer(_ id: Int, group slug: String, accept: Bool, by person: CurrentPerson) async throws {
        guard let group = try await EventAccess.organizedGroup(slug: slug, person, sql) else {
            throw AppError.forbidden("Only organizers of that group can answer for it.")
        }
        let changed = try await sql.update("study_organizers")
            .set("status", to: accept ? OrganizerStatus.accepted.rawValue : OrganizerStatus.declined.rawValue)
            .where("series_id", .equal, id).where("group_id", .equal, group).where("status", .equal, "invited")
            .returning("id").all()
        guard !changed.isEmpty else { throw AppError.notFound }
    }

    /// Series waiting for an answer from groups the person organizes.
    package func invitations(for person: CurrentPerson) async throws -> [(series: SeriesCard, group: GroupRef)] {
        let rows = try await sql.raw(
            """
            SELECT s.id, s.title, g.slug, g.name FROM study_organizers o JOIN study_series s ON s.id = o.series_id
            JOIN groups g ON g.id = o.group_id
            WHERE o.status = 'invited' AND o.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: Role.organizing)))
            ORDER BY s.id
            """
        ).rows(InvitationRow.self)
        return rows.map {
            (
                SeriesCard(id: $0.id, title: $0.title, organizers: [], weeks: 0, nextSession: nil),
                GroupRef(slug: $0.slug, name: $0.name)
            )
        }
    }
}

/// A series a group is invited to organize.
private struct InvitationRow: Decodable {
    let id: Int
    let title: String
    let slug: String
    let name: String
}
