import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import Mail

/// Study series: syllabi of weekly readings, sessions with attendance, breakouts that mix people from different
/// groups, note-takers' notes for the report back, session reports, and the series' email list.
package struct StudyFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [
            CreateStudySeries(), CreateStudyParticipation(), AddStudyWeeksRemindedFor(),
            FillEventsPlacesAtForStudySessions(),
            DigestMailLinkTokens(
                "DigestStudyEnrollmentsUnsubscribeTokens",
                purpose: Enrollments.linkPurpose,
                table: "study_enrollments",
                column: "unsubscribe_token"
            ),
        ]
    }

    package var navigation: [NavigationLink] { [NavigationLink("Study", StudyPaths.study(), order: 60)] }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        SeriesRoutes(services: services).register(on: router)
        WeekRoutes(services: services).register(on: router)
        SessionRoutes(services: services).register(on: router)
        StudyAPI(services: services).register(on: router)
        SessionsAPI(services: services).register(on: router)
    }
}

/// Queues the study series' session reminders and weekly digests that are due; the server runs it every few
/// minutes. Returns how many messages were queued.
package func sendStudyMail(services: AppServices) async throws -> Int {
    let now = services.clock()
    return try await SessionReports(services: services).remindDue(now: now)
        + StudyDigest(services: services).sendDue(now: now)
}
