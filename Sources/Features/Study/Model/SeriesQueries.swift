import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Reading series. A series' title, description, organizers and syllabus are public; its participants,
/// attendance and breakouts are for its organizers; a session report is for organizers and participants, and
/// for everyone when the series publishes its reports.
package struct SeriesQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// True when the person organizes a group that organizes the series (the lead or one that accepted).
    static func isOrganizer(series: Int, _ person: CurrentPerson?, _ sql: any SQLDatabase) async throws -> Bool {
        guard person != nil else { return false }
        return try await sql.raw(
            """
            SELECT 1 AS yes FROM study_organizers o WHERE o.series_id = \(bind: series) AND o.status IN ('lead', 'accepted')
            AND \(GroupAccess.actsFor("o.group_id", person, roles: Role.organizing)) LIMIT 1
            """
        ).first() != nil
    }

    /// The viewer's standing; throws not found when there is no such series.
    func viewer(of series: Int, _ person: CurrentPerson?) async throws -> SeriesViewer {
        guard try await sql.select().column("id").from("study_series").where("id", .equal, series).first() != nil
        else { throw AppError.notFound }
        guard let person else { return .outsider }
        let row = try await sql.select().columns("status", "subscribed", "digest").from("study_enrollments")
            .where("series_id", .equal, series).where("person_id", .equal, person.id).first()
        return SeriesViewer(
            isOrganizer: try await Self.isOrganizer(series: series, person, sql),
            enrollment: try row.flatMap {
                EnrollmentStatus(rawValue: try $0.decode(column: "status", as: String.self))
            },
            subscribed: try row?.decode(column: "subscribed", as: Bool.self) ?? false,
            digest: try row?.decode(column: "digest", as: Bool.self) ?? false
        )
    }

    static let organizerOnly = "Only organizers of this series' groups can do that."

    /// Throws forbidden unless the person organizes the series.
    func requireOrganizer(_ series: Int, _ person: CurrentPerson) async throws {
        guard try await viewer(of: series, person).isOrganizer else { throw AppError.forbidden(Self.organizerOnly) }
    }

    /// The series as one of its organizers sees it; forbidden for anyone else.
    func organized(_ id: Int, by person: CurrentPerson) async throws -> StudySeries {
        let series = try await series(id, viewer: person)
        guard series.viewer.isOrganizer else { throw AppError.forbidden(Self.organizerOnly) }
        return series
    }

    /// The series with its syllabus, as `person` may see it.
    package func series(_ id: Int, viewer person: CurrentPerson?) async throws -> StudySeries {
        let viewer = try await viewer(of: id, person)
        guard let row = try await sql.select().columns("*").from("study_series").where("id", .equal, id).first()
        else { throw AppError.notFound }
        let organizers = try await self.organizers(of: id, seenBy: person)
        let participants = try await sql.count(
            { $0.where("series_id", .equal, id).where("status", .equal, "enrolled") },
            from: "study_enrollments"
        )
        let publishes = try row.decode(column: "publish_reports", as: Bool.self)
        let mayReadReports = publishes || viewer.isOrganizer || viewer.isParticipant
        let description = try row.decode(column: "description", as: String.self)
        return StudySeries(
            id: id,
            title: try row.decode(column: "title", as: String.self),
            description: description,
            descriptionHTML: Markdown.html(description),
            enrollment: try row.decode(column: "enrollment", as: EnrollmentPolicy.self),
            readingKinds: Self.lines(try row.decode(column: "reading_kinds", as: String.self)),
            agenda: (try? AgendaItem.parse(try row.decode(column: "agenda", as: String.self)).get()) ?? [],
            publishReports: publishes,
            organizers: organizers,
            participants: participants,
            weeks: try await weeks(
                of: id,
                withReports: mayReadReports,
                withLinks: viewer.isOrganizer || viewer.isParticipant
            ),
            viewer: viewer
        )
    }

    /// The groups asked to organize the series that `viewer` may see: a private group only for its members, so a
    /// public series never reveals one. `everyone` is for the feature's own decisions (hosts, the journal).
    func organizers(
        of series: Int,
        seenBy viewer: CurrentPerson?,
        everyone: Bool = false
    ) async throws
        -> [SeriesOrganizer]
    {
        let visible: SQLQueryString =
            everyone
            ? ""
            : "AND \(GroupAccess.visible("g", to: viewer))"
        return try await sql.raw(
            """
            SELECT g.slug, g.name, o.status FROM study_organizers o JOIN groups g ON g.id = o.group_id
            WHERE o.series_id = \(bind: series) \(visible) ORDER BY o.id
            """
        ).all().map {
            SeriesOrganizer(
                group: try GroupRef(row: $0),
                status: try $0.decode(column: "status", as: OrganizerStatus.self)
            )
        }
    }

    /// The weeks in order, each with its readings, media, presenters and session.
    /// The weeks in order; reports only `withReports`, online links only `withLinks`.
    func weeks(of series: Int, withReports: Bool, withLinks: Bool) async throws -> [Week] {
        let rows = try await sql.raw(
            """
            SELECT w.*, e.starts_at, e.ends_at, e.time_zone, e.address, e.online_url, e.status AS event_status,
            c.name AS city_name
            FROM study_weeks w LEFT JOIN events e ON e.id = w.event_id LEFT JOIN cities c ON c.id = e.city_id
            WHERE w.series_id = \(bind: series) ORDER BY w.position, w.id
            """
        ).all()
        var weeks: [Week] = []
        for (index, row) in rows.enumerated() {
            var session: SessionTime?
            if let event = try row.decode(column: "event_id", as: Int?.self),
                let starts = try row.decode(column: "starts_at", as: Date?.self)
            {
                let address = try row.decode(column: "address", as: String?.self) ?? ""
                let city = try row.decode(column: "city_name", as: String?.self) ?? ""
                session = SessionTime(
                    eventID: event,
                    startsAt: starts,
                    endsAt: try row.decode(column: "ends_at", as: Date.self),
                    timeZone: try row.decode(column: "time_zone", as: String.self),
                    place: [address, city].filter { !$0.isEmpty }.joined(separator: ", "),
                    cancelled: try row.decode(column: "event_status", as: String?.self) == "cancelled",
                    onlineURL: withLinks ? try row.decode(column: "online_url", as: String?.self) : nil
                )
            }
            weeks.append(
                Week(
                    id: try row.decode(column: "id", as: Int.self),
                    number: index + 1,
                    topic: try row.decode(column: "topic", as: String.self),
                    introduction: try row.decode(column: "introduction", as: String.self),
                    questions: Self.lines(try row.decode(column: "questions", as: String.self)),
                    readings: [],
                    media: [],
                    presenters: [],
                    session: session,
                    report: withReports ? try row.decode(column: "report", as: String?.self) : nil,
                    reportHTML: withReports ? try row.decode(column: "report_html", as: String?.self) : nil,
                    reportPublicationID: try row.decode(column: "report_post_id", as: Int?.self),
                    reportAt: withReports ? try row.decode(column: "report_at", as: Date?.self) : nil
                )
            )
        }
        guard !weeks.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1.id, $0) })
        let ids = weeks.map(\.id)
        for row in try await sql.select().columns("*").from("study_readings").where("week_id", .in, ids)
            .orderBy("position").orderBy("id").all()
        {
            guard let at = index[try row.decode(column: "week_id", as: Int.self)] else { continue }
            let post = try row.decode(column: "post_id", as: Int?.self)
            weeks[at].readings.append(
                Reading(
                    id: try row.decode(column: "id", as: Int.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    title: try row.decode(column: "title", as: String.self),
                    url: try post.map { "/library/\($0)" } ?? row.decode(column: "url", as: String.self),
                    note: try row.decode(column: "note", as: String.self),
                    publicationID: post
                )
            )
        }
        for row in try await sql.select().columns("*").from("study_media").where("week_id", .in, ids).orderBy("id")
            .all()
        {
            guard let at = index[try row.decode(column: "week_id", as: Int.self)] else { continue }
            weeks[at].media.append(
                Media(
                    id: try row.decode(column: "id", as: Int.self),
                    kind: try row.decode(column: "kind", as: MediaKind.self),
                    title: try row.decode(column: "title", as: String.self),
                    url: try row.decode(column: "url", as: String.self),
                    sizeBytes: try row.decode(column: "size_bytes", as: Int64?.self)
                )
            )
        }
        for row in try await sql.raw(
            """
            SELECT s.id, s.week_id, s.name, s.speaker_id, p.handle FROM study_presenters s
            LEFT JOIN people p ON p.id = s.person_id WHERE s.week_id IN (\(binds: ids)) ORDER BY s.id
            """
        ).all() {
            guard let at = index[try row.decode(column: "week_id", as: Int.self)] else { continue }
            weeks[at].presenters.append(
                Presenter(
                    id: try row.decode(column: "id", as: Int.self),
                    name: try row.decode(column: "name", as: String.self),
                    handle: try row.decode(column: "handle", as: String?.self),
                    speakerID: try row.decode(column: "speaker_id", as: Int?.self)
                )
            )
        }
        return weeks
    }

    /// Week `number` (from 1) of series `id` as `viewer` may see it.
    func week(_ id: Int, _ number: Int, viewer: CurrentPerson?) async throws -> Week {
        try week(try await series(id, viewer: viewer), number)
    }

    /// The week `number` (from 1) of a series.
    func week(_ series: StudySeries, _ number: Int) throws -> Week {
        guard number >= 1, number <= series.weeks.count else { throw AppError.notFound }
        return series.weeks[number - 1]
    }

    /// Every series, newest first, a page at a time; `person`'s own (organizing or enrolled) when `mine`.
    package func cards(page: PageRequest, mine person: CurrentPerson? = nil) async throws -> Page<SeriesCard> {
        let filter: SQLQueryString =
            if let person {
                """
                WHERE s.id IN (SELECT series_id FROM study_enrollments WHERE person_id = \(bind: person.id) AND status <> 'declined')
                OR s.id IN (SELECT o.series_id FROM study_organizers o WHERE o.status IN ('lead', 'accepted')
                AND o.group_id IN (\(GroupAccess.groupIDs(actedForBy: person, roles: Role.organizing))))
                """
            } else {
                ""
            }
        let rows = try await sql.raw(
            """
            SELECT s.id, s.title, (SELECT COUNT(*) FROM study_weeks w WHERE w.series_id = s.id) AS weeks,
            (SELECT MIN(e.starts_at) FROM study_weeks w JOIN events e ON e.id = w.event_id
            WHERE w.series_id = s.id AND e.ends_at > \(bind: services.clock()) AND e.status = 'scheduled') AS next_session
            FROM study_series s \(filter) ORDER BY s.id DESC
            LIMIT \(unsafeRaw: String(page.probeLimit)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        var cards: [SeriesCard] = []
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            cards.append(
                SeriesCard(
                    id: id,
                    title: try row.decode(column: "title", as: String.self),
                    organizers: try await organizers(of: id, seenBy: person).filter { $0.status.organizes }.map(
                        \.group
                    ),
                    weeks: try row.decode(column: "weeks", as: Int.self),
                    nextSession: try row.decode(column: "next_session", as: Date?.self)
                )
            )
        }
        return Page(probed: cards, request: page)
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
