import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit

/// Where a co-speaker stands: asked by the proposer, then accepted or declined. Only accepted co-speakers are
/// listed to anyone but the proposer and the person asked.
package enum SpeakerStatus: String, Sendable, Codable {
    case invited, accepted, declined
}

/// A co-speaker of a proposal, with their answer.
package struct CoSpeaker: Sendable, Encodable, Equatable {
    package let handle: String
    package let name: String
    package let status: SpeakerStatus

    package var person: PersonRef { PersonRef(handle: handle, name: name) }
}

/// An invitation to co-speak that waits for the person's answer.
package struct CoSpeakerInvitation: Sendable, Equatable {
    package let conferenceID: Int
    package let conference: String
    package let proposalID: Int
    package let title: String
    package let proposer: PersonRef?
}

extension ProposalQueries {
    /// The invitations to co-speak waiting for the person's answer, in one conference or all, on proposals
    /// still under review or accepted.
    package func invitations(
        for person: CurrentPerson,
        in conference: Int? = nil
    ) async throws
        -> [CoSpeakerInvitation]
    {
        var only: SQLQueryString = ""
        if let conference { only = "AND p.event_id = \(bind: conference)" }
        return try await services.store.sql.raw(
            """
            SELECT p.id, p.event_id, p.title, e.title AS e_title, o.handle AS o_handle, o.display_name AS o_name
            FROM proposal_speakers s JOIN proposals p ON p.id = s.proposal_id JOIN events e ON e.id = p.event_id
            LEFT JOIN people o ON o.id = p.person_id
            WHERE s.person_id = \(bind: person.id) AND s.status = \(bind: SpeakerStatus.invited.rawValue)
              AND p.status IN ('submitted', 'accepted') \(only)
            ORDER BY p.id LIMIT 200
            """
        ).rows(InvitationRow.self).map {
            CoSpeakerInvitation(
                conferenceID: $0.eventId,
                conference: $0.eTitle,
                proposalID: $0.id,
                title: $0.title,
                proposer: PersonRef.joined(handle: $0.oHandle, name: $0.oName)
            )
        }
    }

    private struct InvitationRow: Decodable {
        let id: Int
        let eventId: Int
        let title: String
        let eTitle: String
        let oHandle: String?
        let oName: String?
    }

    /// The co-speakers (everyone but the proposer) of each proposal with their answers, in the order named.
    func coSpeakers(_ ids: [Int]) async throws -> [Int: [CoSpeaker]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await services.store.sql.raw(
            """
            SELECT s.proposal_id, s.status, a.handle AS a_handle, a.display_name AS a_name FROM proposal_speakers s
            JOIN people a ON a.id = s.person_id WHERE s.proposal_id IN (\(binds: ids)) AND s.position > 0
            ORDER BY s.proposal_id, s.position
            """
        ).rows(SpeakerRow.self)
        var found: [Int: [CoSpeaker]] = [:]
        for row in rows {
            guard let person = PersonRef.joined(handle: row.aHandle, name: row.aName) else { continue }
            found[row.proposalId, default: []].append(
                CoSpeaker(handle: person.handle, name: person.name, status: row.status)
            )
        }
        return found
    }

    private struct SpeakerRow: Decodable {
        let proposalId: Int
        let status: SpeakerStatus
        let aHandle: String?
        let aName: String?
    }

    /// The co-speakers the viewer may see: all of them for the proposer; for anyone else the accepted ones, and
    /// the viewer's own invitation. A name is public only once its person accepts.
    static func visible(_ speakers: [CoSpeaker], proposer: PersonRef?, to viewer: CurrentPerson) -> [CoSpeaker] {
        guard proposer?.handle != viewer.handle else { return speakers }
        return speakers.filter { $0.status == .accepted || ($0.handle == viewer.handle && $0.status == .invited) }
    }
}
