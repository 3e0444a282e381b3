import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import SQLKit

package enum ProposalKind: String, Sendable, Codable, CaseIterable {
    case talk, workshop, panel

    package var label: String { rawValue.capitalized }
}

package enum ProposalStatus: String, Sendable, Codable {
    case submitted, accepted, rejected, withdrawn

    /// Accepted or rejected: the committee may now see who proposed it.
    package var isDecided: Bool { self == .accepted || self == .rejected }
}

/// A proposal as typed into the form or sent to the API. Co-speakers are named by handle.
package struct ProposalInput: Decodable, Sendable {
    package var kind: String?
    package var title: String?
    package var abstract: String?
    /// The slug of a group the proposer organizes or edits, to propose for it; empty for oneself.
    package var group: String?
    package var track: Int?
    package var speakers: [String]?

    package init() {}
}

/// The call for proposals and its review: people and groups propose, the committee scores and comments,
/// organizers decide, proposers withdraw.
package struct Proposals: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func submit(to id: Int, _ input: ProposalInput, by person: CurrentPerson) async throws -> Int {
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard conference.acceptingProposals else {
            throw AppError.conflict("The call for proposals of this conference is closed.")
        }
        var errors: [String: String] = [:]
        let kind = ProposalKind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = "Choose a talk, a workshop or a panel." }
        let title = FieldRules.line(
            input.title,
            "title",
            "Give the session a title of 1 to 200 characters.",
            max: 200,
            &errors
        )
        let abstract = FieldRules.text(input.abstract, "abstract", max: 20_000, &errors)
        if abstract.trimmingWhitespace().isEmpty && errors["abstract"] == nil {
            errors["abstract"] = "Describe the session for the committee."
        }
        var groupID: Int?
        let slug = (input.group ?? "").trimmingWhitespace()
        if !slug.isEmpty {
            groupID = try await ConferenceAccess.actedGroup(slug: slug, person, organizerOnly: false, sql)
            if groupID == nil { errors["group"] = "You can only propose for a group you organize or edit." }
        }
        if let track = input.track, !conference.tracks.contains(where: { $0.id == track }) {
            errors["track"] = "Choose one of the conference's tracks."
        }
        var speakers: [Int] = []
        let handles = (input.speakers ?? []).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        if handles.count > 10 { errors["speakers"] = "Name at most 10 co-speakers." }
        for handle in handles.prefix(10) where errors["speakers"] == nil {
            do {
                let speaker = try await ConferenceAccess.person(handle: handle, field: "speakers", sql)
                if speaker != person.id && !speakers.contains(speaker) { speakers.append(speaker) }
            } catch AppError.validation(let problem) {
                errors.merge(problem) { first, _ in first }
            }
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        let abstractText = abstract.replacingOccurrences(of: "\r\n", with: "\n")
        let now = services.clock()
        let (group, invited) = (groupID, speakers)
        let proposal = try await services.store.transaction { sql in
            let proposal = try await sql.insertReturningID(
                into: "proposals",
                [
                    "event_id": id, "person_id": person.id, "group_id": group, "track_id": input.track,
                    "kind": kind.rawValue, "title": title, "abstract": abstractText,
                    "abstract_html": Markdown.html(abstractText), "status": ProposalStatus.submitted.rawValue,
                    "created_at": now,
                ]
            )
            try await sql.insertRows(
                into: "proposal_speakers",
                columns: ["proposal_id", "person_id", "position", "status"],
                rows: [[proposal, person.id, 0, SpeakerStatus.accepted.rawValue] as [any Encodable & Sendable]]
                    + invited.enumerated().map { [proposal, $1, $0 + 1, SpeakerStatus.invited.rawValue] }
            )
            try await CoSpeaking(services: services).invite(
                invited,
                to: proposal,
                titled: title,
                at: conference,
                by: person,
                on: sql
            )
            try await tellReviewers(proposal, titled: title, at: conference, by: person, on: sql)
            return proposal
        }
        services.deliverMailSoon()
        return proposal
    }

    /// A committee member's score (1 to 5) and comment; a second review by the same person replaces the first.
    package func review(
        _ proposal: Int,
        of id: Int,
        score: Int?,
        comment: String,
        by person: CurrentPerson
    ) async throws {
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard conference.roles.isCommittee else {
            throw AppError.forbidden("Only members of the program committee review proposals.")
        }
        let header = try await self.header(proposal, of: id)
        guard !header.speakers.contains(person.id) else {
            throw AppError.forbidden("You cannot review a proposal you speak in.")
        }
        guard header.status == .submitted else {
            throw AppError.conflict("This proposal is \(header.status.rawValue); reviews are closed.")
        }
        var errors: [String: String] = [:]
        if !(1...5).contains(score ?? 0) { errors["score"] = "Give a score from 1 (weak) to 5 (strong)." }
        let comment = FieldRules.text(comment, "comment", max: 5_000, &errors)
        guard errors.isEmpty, let score else { throw AppError.validation(errors) }
        let now = services.clock()
        try await services.store.transaction { sql in
            let updated = try await sql.raw(
                """
                UPDATE proposal_reviews SET score = \(bind: score), comment = \(bind: comment), updated_at = \(bind: now)
                WHERE proposal_id = \(bind: proposal) AND reviewer_id = \(bind: person.id) RETURNING id
                """
            ).all()
            guard updated.isEmpty else { return }
            try await sql.insert(into: "proposal_reviews")
                .columns("proposal_id", "reviewer_id", "score", "comment", "created_at", "updated_at")
                .values(
                    SQLBind(proposal),
                    SQLBind(person.id),
                    SQLBind(score),
                    SQLBind(comment),
                    SQLBind(now),
                    SQLBind(now)
                ).run()
        }
    }

    /// An organizer accepts or rejects a proposal. Rejecting an accepted one takes it off the schedule.
    package func decide(_ proposal: Int, of id: Int, accept: Bool, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.requireOrganizer(id, person, services: services)
        let header = try await self.header(proposal, of: id)
        guard header.status != .withdrawn else {
            throw AppError.conflict("The proposer withdrew this proposal.")
        }
        let status: ProposalStatus = accept ? .accepted : .rejected
        let now = services.clock()
        try await services.store.transaction { sql in
            try await sql.update("proposals").set("status", to: status.rawValue).set("decided_at", to: now)
                .set("decided_by", to: person.id).where("id", .equal, proposal).run()
            if !accept {
                try await sql.raw("DELETE FROM conference_sessions WHERE proposal_id = \(bind: proposal)").run()
            }
        }
    }

    /// The proposer withdraws; a scheduled session leaves the schedule.
    package func withdraw(_ proposal: Int, of id: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        let header = try await self.header(proposal, of: id)
        guard header.speakers.contains(person.id) else { throw AppError.notFound }
        guard header.proposer == person.id else {
            throw AppError.forbidden("Only the person who made the proposal can withdraw it.")
        }
        guard header.status == .submitted || header.status == .accepted else {
            throw AppError.conflict("This proposal is \(header.status.rawValue) and cannot be withdrawn.")
        }
        try await services.store.transaction { sql in
            try await sql.update("proposals").set("status", to: ProposalStatus.withdrawn.rawValue)
                .where("id", .equal, proposal).run()
            try await sql.raw("DELETE FROM conference_sessions WHERE proposal_id = \(bind: proposal)").run()
        }
    }

    struct Header {
        let proposer: Int?
        let status: ProposalStatus
        /// Everyone who speaks or is asked to: the proposer and co-speakers who have not declined.
        let speakers: [Int]
        /// Co-speakers asked who have not answered yet.
        let invited: [Int]
    }

    /// The proposal's proposer, status and speakers, if it belongs to the conference.
    func header(_ proposal: Int, of id: Int) async throws -> Header {
        let rows = try await sql.raw(
            """
            SELECT p.person_id, p.status, s.person_id AS speaker, s.status AS speaker_status FROM proposals p
            LEFT JOIN proposal_speakers s ON s.proposal_id = p.id
            WHERE p.id = \(bind: proposal) AND p.event_id = \(bind: id) ORDER BY s.position
            """
        ).rows(HeaderRow.self)
        guard let first = rows.first else { throw AppError.notFound }
        return Header(
            proposer: first.personId,
            status: first.status,
            speakers: rows.filter { $0.speakerStatus != .declined }.compactMap(\.speaker),
            invited: rows.filter { $0.speakerStatus == .invited }.compactMap(\.speaker)
        )
    }

    /// One row of `header`: the proposal's columns, and one speaker (none when it has no speakers).
    private struct HeaderRow: Decodable {
        let personId: Int?
        let status: ProposalStatus
        let speaker: Int?
        let speakerStatus: SpeakerStatus?
    }
}
