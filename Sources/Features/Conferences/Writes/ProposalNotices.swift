import Events
import FreshgroundWeb
import Notifications
import SQLKit

extension Proposals {
    /// Tells the conference's organizers and its program committee that a proposal waits for review, in the
    /// proposal's transaction. The notice names the session, never who proposed it (review may be blind).
    func tellReviewers(
        _ proposal: Int,
        titled title: String,
        at conference: ConferenceView,
        by person: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        let committee = try await sql.select().column("person_id").from("committee_members")
            .where("event_id", .equal, conference.id).column("person_id", as: Int.self)
        try await Notifications.notify(
            try await EventAccess.organizerIDs(event: conference.id, sql) + committee,
            Notice(
                kind: .proposal,
                title: "New proposal to \(conference.event.title): “\(title)”",
                path: ConferencePaths.proposal(conference.id, proposal)
            ),
            except: person.id,
            services: services,
            on: sql
        )
    }
}
