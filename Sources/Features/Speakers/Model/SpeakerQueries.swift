import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What the roster search asks for; every part optional.
package struct SpeakerFilter: Sendable, Equatable {
    /// A topic, matched ignoring case.
    package var topic: String = ""
    /// A home city's slug.
    package var city: String = ""
    /// Available on some day between `from` and `until` (an availability window overlapping the range).
    package var from: LocalDay?
    package var until: LocalDay?

    package init(topic: String = "", city: String = "", from: LocalDay? = nil, until: LocalDay? = nil) {
        self.topic = topic
        self.city = city
        self.from = from
        self.until = until
    }

    /// Reads the search form (or the API's query); a malformed date is refused, not ignored.
    package init(form: FormData) throws {
        var errors: [String: String] = [:]
        topic = String(form["topic"].prefix(60))
        city = String(form["city"].prefix(100))
        if !form["from"].isEmpty { from = RosterRules.day(form["from"], "from", &errors) }
        if !form["until"].isEmpty { until = RosterRules.day(form["until"], "until", &errors) }
        if let from, let until, until < from { errors["until"] = "The end of the range comes before its start." }
        guard errors.isEmpty else { throw AppError.validation(errors) }
    }

    package var isEmpty: Bool { topic.isEmpty && city.isEmpty && from == nil && until == nil }
}

/// Reads of the roster, and its one privacy rule: who may read a speaker's contact.
package struct SpeakerQueries: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    /// The contact is for the person who added the speaker, the speaker, and the organizers and editors of the
    /// group it was added for, of groups recommending the speaker, of groups planning a tour for them, and of
    /// groups that accepted to host a stop of such a tour.
    package func canSeeContact(_ id: Int, viewer: CurrentPerson?) async throws -> Bool {
        guard let viewer else { return false }
        let acted = GroupAccess.groupIDs(actedForBy: viewer, roles: Role.publishing)
        let row = try await sql.raw(
            """
            SELECT s.id FROM speakers s WHERE s.id = \(bind: id) AND (s.added_by = \(bind: viewer.id)
              OR s.person_id = \(bind: viewer.id)
              OR EXISTS (SELECT 1 FROM (\(acted)) m WHERE m.group_id = s.added_for_group_id
                  OR m.group_id IN (SELECT r.group_id FROM speaker_recommendations r WHERE r.speaker_id = s.id)
                  OR m.group_id IN (SELECT t.group_id FROM tours t WHERE t.speaker_id = s.id)
                  OR m.group_id IN (SELECT h.group_id FROM tour_stop_hosts h JOIN tour_stops st ON st.id = h.stop_id
                    JOIN tours t ON t.id = st.tour_id WHERE t.speaker_id = s.id AND h.status = 'accepted')))
            """
        ).first()
        return row != nil
    }

    /// Who may change the entry: whoever added it, the speaker, and the organizers and editors of its group.
    package func canEdit(_ id: Int, viewer: CurrentPerson?) async throws -> Bool {
        guard let viewer else { return false }
        let row = try await sql.raw(
            """
            SELECT s.id FROM speakers s WHERE s.id = \(bind: id) AND (s.added_by = \(bind: viewer.id)
              OR s.person_id = \(bind: viewer.id)
              OR \(GroupAccess.actsFor("s.added_for_group_id", viewer, roles: Role.publishing)))
            """
        ).first()
        return row != nil
    }

    /// The roster is public; the contact only for viewers `canSeeContact` allows.
    package func speaker(_ id: Int, viewer: CurrentPerson?) async throws -> Speaker {
        guard
            let row = try await sql.raw(
                """
                SELECT s.id, s.name, s.bio, s.bio_html, s.contact, p.handle, c.id AS city_id, c.slug AS city_slug,
                  c.name AS city_name, g.slug AS group_slug, g.name AS group_name
                FROM speakers s JOIN cities c ON c.id = s.home_city_id LEFT JOIN people p ON p.id = s.person_id
                LEFT JOIN groups g ON g.id = s.added_for_group_id AND \(GroupAccess.visible("g", to: viewer))
                WHERE s.id = \(bind: id)
                """
            ).first()
        else { throw AppError.notFound }
        let groupSlug = try row.decode(column: "group_slug", as: String?.self)
        var speaker = Speaker(
            id: id,
            name: try row.decode(column: "name", as: String.self),
            handle: try row.decode(column: "handle", as: String?.self),
            bio: try row.decode(column: "bio", as: String.self),
            bioHTML: try row.decode(column: "bio_html", as: String.self),
            city: try Self.city(row),
            topics: try await topics(of: [id])[id] ?? [],
            talks: [],
            availability: [],
            recommendedBy: [],
            addedFor: try groupSlug.map {
                GroupRef(slug: $0, name: try row.decode(column: "group_name", as: String.self))
            },
            contact: nil,
            canEdit: try await canEdit(id, viewer: viewer)
        )
        if try await canSeeContact(id, viewer: viewer) {
            speaker.contact = try row.decode(column: "contact", as: String.self)
        }
        speaker.talks = try await talks(of: id)
        speaker.availability = try await sql.raw(
            """
            SELECT id, starts_on, ends_on FROM speaker_availability WHERE speaker_id = \(bind: id)
            ORDER BY starts_on, id
            """
        ).all().map {
            SpeakerWindow(
                id: try $0.decode(column: "id", as: Int.self),
                startsOn: try $0.decode(column: "starts_on", as: String.self),
                endsOn: try $0.decode(column: "ends_on", as: String.self)
            )
        }
        speaker.recommendedBy = try await sql.raw(
            """
            SELECT g.slug, g.name, r.note FROM speaker_recommendations r JOIN groups g ON g.id = r.group_id
            WHERE r.speaker_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY g.name
            """
        ).all().map {
            SpeakerRecommendation(
                group: GroupRef(
                    slug: try $0.decode(column: "slug", as: String.self),
                    name: try $0.decode(column: "name", as: String.self)
                ),
                note: try $0.decode(column: "note", as: String.self)
            )
        }
        return speaker
    }

    package func talks(of id: Int) async throws -> [SpeakerTalk] {
        try await sql.raw(
            "SELECT id, title, abstract, minutes FROM speaker_talks WHERE speaker_id = \(bind: id) ORDER BY id"
        ).all().map {
            SpeakerTalk(
                id: try $0.decode(column: "id", as: Int.self),
                title: try $0.decode(column: "title", as: String.self),
                abstract: try $0.decode(column: "abstract", as: String.self),
                minutes: try $0.decode(column: "minutes", as: Int.self)
            )
        }
    }

    /// The roster, by name, narrowed by topic, home city and available dates.
    package func search(_ filter: SpeakerFilter, page: PageRequest) async throws -> Page<SpeakerCard> {
        var conditions: [SQLQueryString] = []
        let topic = filter.topic.trimmingCharacters(in: .whitespaces).lowercased()
        if !topic.isEmpty {
            conditions.append(
                "EXISTS (SELECT 1 FROM speaker_topics t WHERE t.speaker_id = s.id AND t.topic_key = \(bind: topic))"
            )
        }
        if !filter.city.isEmpty { conditions.append("c.slug = \(bind: filter.city.lowercased())") }
        if filter.from != nil || filter.until != nil {
            var overlap: SQLQueryString = "SELECT 1 FROM speaker_availability a WHERE a.speaker_id = s.id"
            if let until = filter.until { overlap = "\(overlap) AND a.starts_on <= \(bind: until.description)" }
            if let from = filter.from { overlap = "\(overlap) AND a.ends_on >= \(bind: from.description)" }
            conditions.append("EXISTS (\(overlap))")
        }
        var whereClause: SQLQueryString = ""
        for (index, condition) in conditions.enumerated() {
            whereClause = "\(whereClause)\(unsafeRaw: index == 0 ? " WHERE " : " AND ")\(condition)"
        }
        let rows = try await sql.raw(
            """
            SELECT s.id, s.name, p.handle, c.id AS city_id, c.slug AS city_slug, c.name AS city_name,
              (SELECT COUNT(*) FROM speaker_recommendations r WHERE r.speaker_id = s.id) AS recommendations
            FROM speakers s JOIN cities c ON c.id = s.home_city_id LEFT JOIN people p ON p.id = s.person_id\(whereClause)
            ORDER BY s.name_key, s.id LIMIT \(unsafeRaw: String(page.probeLimit)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        let topics = try await topics(of: ids)
        let cards = try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return SpeakerCard(
                id: id,
                name: try row.decode(column: "name", as: String.self),
                handle: try row.decode(column: "handle", as: String?.self),
                city: try Self.city(row),
                topics: topics[id] ?? [],
                recommendations: try row.decode(column: "recommendations", as: Int.self)
            )
        }
        return Page(probed: cards, request: page)
    }

    /// Every city, by name, for the forms' pickers.
    package func cities() async throws -> [RosterCity] {
        try await sql.raw("SELECT id, slug, name FROM cities ORDER BY name, id").all().map {
            RosterCity(
                id: try $0.decode(column: "id", as: Int.self),
                slug: try $0.decode(column: "slug", as: String.self),
                name: try $0.decode(column: "name", as: String.self)
            )
        }
    }

    private func topics(of ids: [Int]) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select().columns("speaker_id", "topic").from("speaker_topics")
            .where("speaker_id", .in, ids).orderBy("id").all()
        var result: [Int: [String]] = [:]
        for row in rows {
            result[try row.decode(column: "speaker_id", as: Int.self), default: []].append(
                try row.decode(column: "topic", as: String.self)
            )
        }
        return result
    }

    private static func city(_ row: any SQLRow) throws -> RosterCity {
        RosterCity(
            id: try row.decode(column: "city_id", as: Int.self),
            slug: try row.decode(column: "city_slug", as: String.self),
            name: try row.decode(column: "city_name", as: String.self)
        )
    }
}

extension SpeakerQueries {
    /// The groups a person may act for on the roster and tours (organizer or editor, active), by name.
    package func groupsActedFor(by person: CurrentPerson?) async throws -> [GroupRef] {
        try await GroupAccess(sql).groups(actingFor: person, roles: Role.publishing)
    }
}
