import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Library
import People
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
            .where("series_id", .equal, series).where("person_id", .equal, person.id).row(EnrollmentRow.self)
        let email =
            try await sql.select().column("email").from("people").where("id", .equal, person.id)
            .value("email", as: String?.self) ?? nil
        return SeriesViewer(
            isOrganizer: try await Self.isOrganizer(series: series, person, sql),
            enrollment: row?.status,
            subscribed: row?.subscribed ?? false,
            digest: row?.digest ?? false,
            getsMail: services.mailer.delivers && !(email ?? "").isEmpty
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
        guard
            let row = try await sql.select().columns("*").from("study_series").where("id", .equal, id)
                .row(SeriesRow.self)
        else { throw AppError.notFound }
        let organizers = try await self.organizers(of: id, seenBy: person)
        let participants = try await sql.count(
            { $0.where("series_id", .equal, id).where("status", .equal, "enrolled") },
            from: "study_enrollments"
        )
        let mayReadReports = row.publishReports || viewer.isOrganizer || viewer.isParticipant
        return StudySeries(
            id: id,
            title: row.title,
            description: row.description,
            descriptionHTML: Markdown.html(row.description),
            enrollment: row.enrollment,
            readingKinds: Self.lines(row.readingKinds),
            agenda: (try? AgendaItem.parse(row.agenda).get()) ?? [],
            publishReports: row.publishReports,
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
        ).rows(OrganizerRow.self).map(\.organizer)
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
        ).rows(WeekRow.self)
        var weeks = rows.enumerated().map { index, row in
            row.week(number: index + 1, withReports: withReports, withLinks: withLinks)
        }
        guard !weeks.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1.id, $0) })
        let ids = weeks.map(\.id)
        for row in try await sql.select().columns("*").from("study_readings").where("week_id", .in, ids)
            .orderBy("position").orderBy("id").rows(ReadingRow.self)
        {
            guard let at = index[row.weekId] else { continue }
            weeks[at].readings.append(row.reading)
        }
        for row in try await sql.select().columns("*").from("study_media").where("week_id", .in, ids).orderBy("id")
            .rows(WeekItem<Media>.self)
        {
            guard let at = index[row.weekId] else { continue }
            weeks[at].media.append(row.item)
        }
        for row in try await sql.raw(
            """
            SELECT s.id, s.week_id, s.name, s.speaker_id, p.handle FROM study_presenters s
            LEFT JOIN people p ON p.id = s.person_id WHERE s.week_id IN (\(binds: ids)) ORDER BY s.id
            """
        ).rows(WeekItem<Presenter>.self) {
            guard let at = index[row.weekId] else { continue }
            weeks[at].presenters.append(row.item)
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
        ).rows(CardRow.self)
        var cards: [SeriesCard] = []
        for row in rows {
            cards.append(
                SeriesCard(
                    id: row.id,
                    title: row.title,
                    organizers: try await organizers(of: row.id, seenBy: person).filter { $0.status.organizes }.map(
                        \.group
                    ),
                    weeks: row.weeks,
                    nextSession: row.nextSession
                )
            )
        }
        return Page(probed: cards, request: page)
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// A person's enrollment in a series.
private struct EnrollmentRow: Decodable {
    let status: EnrollmentStatus
    let subscribed: Bool
    let digest: Bool
}

/// A row of `study_series`.
private struct SeriesRow: Decodable {
    let title: String
    let description: String
    let enrollment: EnrollmentPolicy
    let readingKinds: String
    let agenda: String
    let publishReports: Bool
}

/// An organizing group: `slug`, `name` and the organizer's `status`.
struct OrganizerRow: Decodable {
    let slug: String
    let name: String
    let status: OrganizerStatus

    var organizer: SeriesOrganizer { SeriesOrganizer(group: GroupRef(slug: slug, name: name), status: status) }
}

/// A week (`w.*`) with its session's event and city, when it has one.
private struct WeekRow: Decodable {
    let id: Int
    let topic: String
    let introduction: String
    let questions: String
    let eventId: Int?
    let startsAt: Date?
    let endsAt: Date?
    let timeZone: String?
    let address: String?
    let cityName: String?
    let eventStatus: String?
    let onlineUrl: String?
    let report: String?
    let reportHtml: String?
    let reportPostId: Int?
    let reportAt: Date?

    func week(number: Int, withReports: Bool, withLinks: Bool) -> Week {
        var session: SessionTime?
        if let eventId, let startsAt, let endsAt, let timeZone {
            session = SessionTime(
                eventID: eventId,
                startsAt: startsAt,
                endsAt: endsAt,
                timeZone: timeZone,
                place: [address ?? "", cityName ?? ""].filter { !$0.isEmpty }.joined(separator: ", "),
                cancelled: eventStatus == "cancelled",
                onlineURL: withLinks ? onlineUrl : nil
            )
        }
        return Week(
            id: id,
            number: number,
            topic: topic,
            introduction: introduction,
            questions: SeriesQueries.lines(questions),
            readings: [],
            media: [],
            presenters: [],
            session: session,
            report: withReports ? report : nil,
            reportHTML: withReports ? reportHtml : nil,
            reportPublicationID: reportPostId,
            reportAt: withReports ? reportAt : nil
        )
    }
}

/// A row of `study_readings`: a library publication's reading links to its page.
private struct ReadingRow: Decodable {
    let id: Int
    let weekId: Int
    let kind: String
    let title: String
    let url: String
    let note: String
    let postId: Int?

    var reading: Reading {
        Reading(
            id: id,
            kind: kind,
            title: title,
            url: postId.map { LibraryPaths.publication($0) } ?? url,
            note: note,
            publicationID: postId
        )
    }
}

/// A row that belongs to a week (`week_id`), its other columns decoded as `Item`.
private struct WeekItem<Item: Decodable>: Decodable {
    let weekId: Int
    let item: Item

    private enum CodingKeys: String, CodingKey { case weekId }

    init(from decoder: any Decoder) throws {
        weekId = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .weekId)
        item = try Item(from: decoder)
    }
}

/// A series in a list, before its organizers are added.
private struct CardRow: Decodable {
    let id: Int
    let title: String
    let weeks: Int
    let nextSession: Date?
}
