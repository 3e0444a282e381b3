import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Library
import SQLKit

package struct ReportInput: Sendable, Decodable {
    package var report: String?
    /// Email it to the series' list; true unless said otherwise.
    package var send: Bool?

    package init(report: String?, send: Bool?) {
        self.report = report
        self.send = send
    }
}

/// Session reports: an organizer writes the report after the session; it is attached to the week, published in
/// the lead group's journal as a session report when the series publishes its reports, and emailed to the list.
package struct SessionReports: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var queries: SeriesQueries { SeriesQueries(services: services) }

    /// Saves week `number`'s report; returns how many list members it was sent to.
    @discardableResult
    package func write(
        _ seriesID: Int,
        _ number: Int,
        _ input: ReportInput,
        by person: CurrentPerson
    ) async throws -> Int {
        let series = try await queries.organized(seriesID, by: person)
        let week = try queries.week(series, number)
        var errors: [String: String] = [:]
        let report = FieldRules.text(input.report, "report", max: 100_000, &errors).replacingOccurrences(
            of: "\r\n",
            with: "\n"
        )
        if report.trimmingWhitespace().isEmpty && errors["report"] == nil { errors["report"] = "Write the report." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let title = "\(series.title): week \(number), \(week.topic)"
        var postID = week.reportPublicationID
        let organizers = try await queries.organizers(of: seriesID, seenBy: person, everyone: true)
        if series.publishReports, let lead = organizers.first(where: { $0.status == .lead }) {
            let group = try await services.store.sql.select().column("id").from("groups").where(
                "slug",
                .equal,
                lead.group.slug
            )
            .value("id", as: Int.self)
            if let group {
                postID = try await GroupPublishing(services: services).publish(
                    kind: .sessionReport,
                    group: group,
                    title: title,
                    summary: "Report of the session of week \(number) of \(series.title).",
                    body: report,
                    byline: person.shownName,
                    replacing: week.reportPublicationID,
                    by: person
                )
            }
        }
        let now = services.clock()
        let list = StudyList(services: services)
        let post = postID
        let sent = try await services.store.transaction { sql in
            try await sql.update("study_weeks").set("report", to: report).set("report_html", to: Markdown.html(report))
                .set("report_at", to: now).set("report_post_id", to: post).where("id", .equal, week.id).run()
            guard input.send ?? true else { return 0 }
            return try await list.send(
                series: seriesID,
                title: series.title,
                week: week.id,
                kind: .report,
                subject: "Report: \(title)",
                body: """
                    The report of week \(number), \(week.topic):

                    \(report)

                    The syllabus with every report: \(services.site.url.trimmingSuffix("/"))/study/\(seriesID)/weeks/\(number)
                    """,
                on: sql
            )
        }
        services.deliverMailSoon()
        return sent
    }

    /// Emails a reminder to the list of every series whose session starts within a day: once per session, and
    /// once more if the session is moved to another time still within the day.
    package func remindDue(now: Date) async throws -> Int {
        let sql = services.store.sql
        let due = try await sql.raw(
            """
            SELECT w.id, w.series_id, w.topic, w.reminded_for, e.starts_at, e.time_zone, e.id AS event_id,
            e.online_url, s.title
            FROM study_weeks w
            JOIN events e ON e.id = w.event_id JOIN study_series s ON s.id = w.series_id
            WHERE (w.reminded_for IS NULL OR w.reminded_for <> e.starts_at) AND e.status = 'scheduled'
            AND e.starts_at > \(bind: now)
            AND e.starts_at <= \(bind: now.addingTimeInterval(86_400))
            """
        ).rows(DueRow.self)
        var total = 0
        let list = StudyList(services: services)
        for row in due {
            let week = row.id
            let series = row.seriesId
            let title = row.title
            let topic = row.topic
            let starts = row.startsAt
            let moved = row.remindedFor != nil
            let zone = row.timeZone
            let online = row.onlineUrl.map { "\nTo join online: \($0)" } ?? ""
            let number = try await weekNumber(week, series: series)
            let site = services.site.url.trimmingSuffix("/")
            total += try await services.store.transaction { sql in
                // The claim makes two runners at once send one reminder.
                let claimed = try await sql.raw(
                    """
                    UPDATE study_weeks SET reminded_at = \(bind: now), reminded_for = \(bind: starts)
                    WHERE id = \(bind: week) AND (reminded_for IS NULL OR reminded_for <> \(bind: starts)) RETURNING id
                    """
                ).all()
                guard !claimed.isEmpty else { return 0 }
                return try await list.send(
                    series: series,
                    title: title,
                    week: week,
                    kind: .reminder,
                    subject: "\(moved ? "New time" : "Reminder"): \(title), week \(number), "
                        + ZonedTime.display(starts, zone: zone),
                    body: """
                        Week \(number) of \(title) meets \(ZonedTime.display(starts, zone: zone)): \(topic).\(online)

                        Readings, questions and place: \(site)/study/\(series)/weeks/\(number)
                        The event: \(site)/events/\(row.eventId)
                        """,
                    on: sql
                )
            }
        }
        if total > 0 { services.deliverMailSoon() }
        return total
    }

    func weekNumber(_ week: Int, series: Int) async throws -> Int {
        let ids = try await services.store.sql.select().column("id").from("study_weeks").where(
            "series_id",
            .equal,
            series
        )
        .orderBy("position").orderBy("id").column("id", as: Int.self)
        return (ids.firstIndex(of: week) ?? 0) + 1
    }
}

/// A week whose session starts within a day, with its series' title.
private struct DueRow: Decodable {
    let id: Int
    let seriesId: Int
    let topic: String
    let remindedFor: Date?
    let startsAt: Date
    let timeZone: String
    let eventId: Int
    let onlineUrl: String?
    let title: String
}
