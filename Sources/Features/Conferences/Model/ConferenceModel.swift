import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// How a conference runs its call for proposals and its schedule. A conference without a settings row has
/// the defaults: the call closed, open review, the schedule unpublished.
package struct ConferenceSettings: Sendable, Codable, Equatable {
    package var cfpOpen: Bool
    package var cfpClosesAt: Date?
    /// While true, reviewers never see who proposed a session (name, handle, group, co-speakers) until it is
    /// accepted or rejected.
    package var blindReview: Bool
    package var cfpText: String
    package var schedulePublished: Bool

    package static let defaults = ConferenceSettings(
        cfpOpen: false,
        cfpClosesAt: nil,
        blindReview: false,
        cfpText: "",
        schedulePublished: false
    )

    /// Whether the call takes proposals at `now`.
    package func acceptsProposals(at now: Date) -> Bool {
        cfpOpen && (cfpClosesAt.map { now < $0 } ?? true)
    }
}

/// A track or a room: a name within the conference.
package struct NamedItem: Sendable, Codable, Equatable {
    package let id: Int
    package let name: String
}

/// A person as conference pages name them.
package struct PersonRef: Sendable, Codable, Equatable {
    package let handle: String
    package let name: String
}

/// What the viewer may do at a conference.
package struct ConferenceRoles: Sendable, Codable, Equatable {
    /// Organizes a group hosting the conference: runs the call, decides, builds the schedule.
    package let isOrganizer: Bool
    /// Sits on the program committee: reviews proposals.
    package let isCommittee: Bool

    package var seesProposals: Bool { isOrganizer || isCommittee }
}

/// A conference: its event, settings, tracks, rooms and committee, and the viewer's roles.
package struct ConferenceView: Sendable, Encodable {
    package let event: EventSummary
    package let settings: ConferenceSettings
    package let acceptingProposals: Bool
    package let tracks: [NamedItem]
    package let rooms: [NamedItem]
    package let committee: [PersonRef]
    package let roles: ConferenceRoles

    package var id: Int { event.id }
    package var zone: String { event.timeZone }

    enum CodingKeys: String, CodingKey {
        case event, settings, acceptingProposals, tracks, rooms, committee, roles
    }

    /// The event as the conference API describes it; the event's own API has the rest.
    struct EventPart: Encodable {
        let id: Int
        let title: String
        let startsAt: Date
        let endsAt: Date
        let timeZone: String
        let city: String?
        let address: String
        let isOnline: Bool
        let isPublic: Bool
        let status: String
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let part = EventPart(
            id: event.id,
            title: event.title,
            startsAt: event.startsAt,
            endsAt: event.endsAt,
            timeZone: event.timeZone,
            city: event.city,
            address: event.address,
            isOnline: event.isOnline,
            isPublic: event.isPublic,
            status: event.status.rawValue
        )
        try c.encode(part, forKey: .event)
        try c.encode(settings, forKey: .settings)
        try c.encode(acceptingProposals, forKey: .acceptingProposals)
        try c.encode(tracks, forKey: .tracks)
        try c.encode(rooms, forKey: .rooms)
        try c.encode(committee, forKey: .committee)
        try c.encode(roles, forKey: .roles)
    }
}

extension PersonRef {
    /// A person from the handle and name columns of a left join of `people`; nil when the account is gone, and
    /// the handle for a person without a name.
    static func joined(handle: String?, name: String?) -> PersonRef? {
        guard let handle else { return nil }
        let name = name ?? ""
        return PersonRef(handle: handle, name: name.isEmpty ? handle : name)
    }
}

extension GroupRef {
    /// A group from the slug and name columns of a left join of `groups`; nil when the join found none.
    static func joined(slug: String?, name: String?) -> GroupRef? {
        slug.map { GroupRef(slug: $0, name: name ?? "") }
    }
}

/// The one place that answers who may see and run a conference.
enum ConferenceAccess {
    /// The conference if the viewer may see its event and the event is a conference; otherwise not found.
    static func load(_ id: Int, viewer: CurrentPerson?, services: AppServices) async throws -> ConferenceView {
        let event = try await EventAccess.visibleEvent(id, viewer: viewer, services: services)
        guard event.kind == .conference else { throw AppError.notFound }
        let sql = services.store.sql
        let settings = try await self.settings(id, sql)
        let parts = try await sql.raw(
            """
            SELECT 'track' AS part, id, name, NULL AS p_handle FROM conference_tracks WHERE event_id = \(bind: id)
            UNION ALL SELECT 'room' AS part, id, name, NULL AS p_handle FROM conference_rooms WHERE event_id = \(bind: id)
            UNION ALL SELECT 'committee' AS part, c.id, p.display_name AS name, p.handle AS p_handle
              FROM committee_members c JOIN people p ON p.id = c.person_id WHERE c.event_id = \(bind: id)
            ORDER BY part, name, id
            """
        ).rows(PartRow.self)
        var tracks: [NamedItem] = []
        var rooms: [NamedItem] = []
        var committee: [PersonRef] = []
        for row in parts {
            switch row.part {
            case .track: tracks.append(NamedItem(id: row.id, name: row.name ?? ""))
            case .room: rooms.append(NamedItem(id: row.id, name: row.name ?? ""))
            case .committee:
                if let person = PersonRef.joined(handle: row.pHandle, name: row.name) { committee.append(person) }
            }
        }
        return ConferenceView(
            event: event,
            settings: settings,
            acceptingProposals: settings.acceptsProposals(at: services.clock()),
            tracks: tracks,
            rooms: rooms,
            committee: committee,
            roles: try await roles(id, viewer, sql)
        )
    }

    /// One row of `load`'s parts: a track, a room or a committee member (`p_handle` set only for them).
    private struct PartRow: Decodable {
        enum Part: String, Decodable { case track, room, committee }

        let part: Part
        let id: Int
        let name: String?
        let pHandle: String?
    }

    static func settings(_ id: Int, _ sql: any SQLDatabase) async throws -> ConferenceSettings {
        try await sql.raw(
            """
            SELECT cfp_open, cfp_closes_at, blind_review, cfp_text, schedule_published
            FROM conference_settings WHERE event_id = \(bind: id)
            """
        ).row(ConferenceSettings.self) ?? .defaults
    }

    static func roles(_ id: Int, _ person: CurrentPerson?, _ sql: any SQLDatabase) async throws -> ConferenceRoles {
        guard let person else { return ConferenceRoles(isOrganizer: false, isCommittee: false) }
        let committee =
            try await sql.raw(
                "SELECT 1 AS one FROM committee_members WHERE event_id = \(bind: id) AND person_id = \(bind: person.id)"
            ).first() != nil
        return ConferenceRoles(
            isOrganizer: try await EventAccess.isOrganizer(event: id, person, sql),
            isCommittee: committee
        )
    }

    /// The conference, for one of its organizers only.
    static func requireOrganizer(
        _ id: Int,
        _ person: CurrentPerson,
        services: AppServices
    ) async throws
        -> ConferenceView
    {
        let conference = try await load(id, viewer: person, services: services)
        guard conference.roles.isOrganizer else {
            throw AppError.forbidden("Only organizers of the conference's host groups can do that.")
        }
        return conference
    }

    /// The people an organizer may name to the committee, by name: those they may see among the members of the
    /// conference's host groups (`PersonChoices`); nobody for anyone else.
    static func committeeChoices(
        _ id: Int,
        _ person: CurrentPerson?,
        _ sql: any SQLDatabase
    ) async throws
        -> NamedChoices
    {
        try await PersonChoices.seen(by: person, in: EventAccess.hostGroupIDs(event: id), sql: sql)
    }

    /// The person with this handle (an `@` in front is fine); a validation message under `field` otherwise.
    static func person(handle: String, field: String, _ sql: any SQLDatabase) async throws -> Int {
        var handle = handle.trimmingWhitespace().lowercased()
        if handle.hasPrefix("@") { handle.removeFirst() }
        guard !handle.isEmpty else { throw AppError.validation([field: "Give the person's handle."]) }
        guard
            handle.count <= 64,
            let id = try await sql.raw("SELECT id FROM people WHERE handle = \(bind: handle)").value("id", as: Int.self)
        else { throw AppError.validation([field: "There is nobody with the handle \(handle)."]) }
        return id
    }

    /// The group with this slug if the person organizes or edits it (may act for it); nil otherwise.
    static func actedGroup(
        slug: String,
        _ person: CurrentPerson,
        organizerOnly: Bool,
        _ sql: any SQLDatabase
    )
        async throws -> Int?
    {
        try await GroupAccess(sql).group(
            slug: slug,
            actingFor: person,
            roles: organizerOnly ? Role.organizing : Role.publishing
        )
    }

    /// Groups the person may act for, by name (organizer or editor; organizer only when asked).
    static func actedGroups(
        _ person: CurrentPerson?,
        organizerOnly: Bool,
        _ sql: any SQLDatabase
    ) async throws
        -> [GroupRef]
    {
        try await GroupAccess(sql).groups(actingFor: person, roles: organizerOnly ? Role.organizing : Role.publishing)
    }
}
