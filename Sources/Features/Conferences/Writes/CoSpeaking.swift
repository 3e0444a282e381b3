import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Co-speakers' consent: a person named on a proposal is asked (by mail when they have an address) and is
/// listed only once they accept. A declined invitation stays declined; only a new proposal asks again.
package struct CoSpeaking: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Tells each newly asked co-speaker with an email address, in the proposal's transaction. The subject names
    /// nothing private; the body gives the proposal's title, who asks, and the link to answer.
    func invite(
        _ people: [Int],
        to proposal: Int,
        titled title: String,
        at conference: ConferenceView,
        by proposer: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        guard !people.isEmpty else { return }
        let recipients = try await sql.raw(
            """
            SELECT email, handle, display_name FROM people WHERE id IN (\(binds: people)) AND email IS NOT NULL
            ORDER BY id
            """
        ).rows(Recipient.self)
        let link = services.site.base + ConferencePaths.proposal(conference.id, proposal)
        let asker = PersonRef.joined(handle: proposer.handle, name: proposer.displayName).map(\.name) ?? ""
        for recipient in recipients {
            try await services.queueMail(
                to: recipient.email,
                name: recipient.displayName.isEmpty ? recipient.handle : recipient.displayName,
                subject: "You are asked to co-speak in a conference session",
                body: """
                    Hello \(recipient.displayName.isEmpty ? "@\(recipient.handle)" : recipient.displayName),

                    \(asker) (@\(proposer.handle)) has proposed a session to \(conference.event.title) \
                    and named you as a co-speaker:

                    \(title)

                    You will be listed as a speaker only if you accept. Read the proposal and answer here:
                    \(link)
                    """,
                signaturePath: ConferencePaths.conference(conference.id),
                on: sql
            )
        }
    }

    private struct Recipient: Decodable {
        let email: String
        let handle: String
        let displayName: String
    }

    /// The asked person accepts or declines. Only they can answer, once: the proposer is refused, anyone else
    /// (a co-speaker who declined too) is told the proposal is not there, and an accepted invitation stays so.
    package func answer(_ proposal: Int, of id: Int, accept: Bool, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        let header = try await Proposals(services: services).header(proposal, of: id)
        guard header.speakers.contains(person.id) else { throw AppError.notFound }
        guard header.proposer != person.id else {
            throw AppError.forbidden("Only the people you asked can answer for themselves.")
        }
        guard header.invited.contains(person.id) else {
            throw AppError.conflict("You have already answered this invitation.")
        }
        guard header.status == .submitted || header.status == .accepted else {
            throw AppError.conflict("This proposal is \(header.status.rawValue); the invitation is closed.")
        }
        let status: SpeakerStatus = accept ? .accepted : .declined
        try await services.store.sql.raw(
            """
            UPDATE proposal_speakers SET status = \(bind: status.rawValue)
            WHERE proposal_id = \(bind: proposal) AND person_id = \(bind: person.id)
              AND status = \(bind: SpeakerStatus.invited.rawValue)
            """
        ).run()
    }
}
