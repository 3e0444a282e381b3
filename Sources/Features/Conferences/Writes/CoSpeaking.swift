import Foundation
import FreshgroundStore
import FreshgroundWeb
import Notifications
import SQLKit

/// Co-speakers' consent: a person named on a proposal is asked (by mail when they have an address) and is
/// listed only once they accept. A declined invitation stays declined; only a new proposal asks again.
package struct CoSpeaking: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    /// Tells each newly asked co-speaker, in the proposal's transaction: a notification of kind `invitation`, mailed
    /// to those who want it so (the mail's subject names nothing; its body gives the proposal's title, who asks, and
    /// the link to answer).
    func invite(
        _ people: [Int],
        to proposal: Int,
        titled title: String,
        at conference: ConferenceView,
        by proposer: CurrentPerson,
        on sql: any SQLDatabase
    ) async throws {
        let asker = PersonRef.joined(handle: proposer.handle, name: proposer.displayName).map(\.name) ?? ""
        try await Notifications.notify(
            people,
            Notice(
                kind: .invitation,
                title: "\(asker) (@\(proposer.handle)) asks you to co-speak at \(conference.event.title)",
                body: "\(title)\n\nYou will be listed as a speaker only if you accept.",
                path: ConferencePaths.proposal(conference.id, proposal)
            ),
            except: proposer.id,
            services: services,
            on: sql
        )
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
