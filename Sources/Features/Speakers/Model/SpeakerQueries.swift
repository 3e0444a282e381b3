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
        let entry = try row.decode(EntryRow.self)
        let editable = try await canEdit(id, viewer: viewer)
        // Which account a speaker is (a pseudonymous member behind a public name) is shown only to those who may
        // edit the entry, the person among them: whoever adds a speaker can name any account without its consent.
        var speaker = Speaker(
            id: id,
            name: entry.name,
            handle: editable ? entry.handle : nil,
            bio: entry.bio,
            bioHTML: entry.bioHtml,
            city: try Self.city(row),
            topics: try await topics(of: [id])[id] ?? [],
            talks: [],
            availability: [],
            recommendedBy: [],
            addedFor: entry.addedFor,
            contact: nil,
            canEdit: editable
        )
        if try await canSeeContact(id, viewer: viewer) { speaker.contact = entry.contact }
        speaker.talks = try await talks(of: id)
        speaker.availability = try await sql.raw(
            """
            SELECT id, starts_on, ends_on FROM speaker_availability WHERE speaker_id = \(bind: id)
            ORDER BY starts_on, id
            """
        ).rows(SpeakerWindow.self)
        speaker.recommendedBy = try await sql.raw(
            """
            SELECT g.slug, g.name, r.note FROM speaker_recommendations r JOIN groups g ON g.id = r.group_id
            WHERE r.speaker_id = \(bind: id) AND \(GroupAccess.visible("g", to: viewer)) ORDER BY g.name
            """
        ).rows(RecommendationRow.self).map(\.recommendation)
        return speaker
    }

    package func talks(of id: Int) async throws -> [SpeakerTalk] {
        try await sql.raw(
            "SELECT id, title, abstract, minutes FROM speaker_talks WHERE speaker_id = \(bind: id) ORDER BY id"
        ).rows(SpeakerTalk.self)
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
            SELECT s.id, s.name, c.id AS city_id, c.slug AS city_slug, c.name AS city_name,
              (SELECT COUNT(*) FROM speaker_recommendations r WHERE r.speaker_id = s.id) AS recommendations
            FROM speakers s JOIN cities c ON c.id = s.home_city_id\(whereClause)
            ORDER BY s.name_key, s.id LIMIT \(unsafeRaw: String(page.probeLimit)) OFFSET \(unsafeRaw: String(page.offset))
            """
        ).all()
        let found = try rows.map { (card: try $0.decode(CardRow.self), city: try Self.city($0)) }
        let topics = try await topics(of: found.map(\.card.id))
        let cards = found.map { card, city in
            SpeakerCard(
                id: card.id,
                name: card.name,
                // The public roster never says which account a speaker is (see `speaker(_:viewer:)`).
                handle: nil,
                city: city,
                topics: topics[card.id] ?? [],
                recommendations: card.recommendations
            )
        }
        return Page(probed: cards, request: page)
    }

    /// Every city, by name, for the forms' pickers.
    package func cities() async throws -> [RosterCity] {
        try await sql.raw("SELECT id, slug, name FROM cities ORDER BY name, id").rows(RosterCity.self)
    }

    private func topics(of ids: [Int]) async throws -> [Int: [String]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select().columns("speaker_id", "topic").from("speaker_topics")
            .where("speaker_id", .in, ids).orderBy("id").rows(TopicRow.self)
        var result: [Int: [String]] = [:]
        for row in rows { result[row.speakerId, default: []].append(row.topic) }
        return result
    }

    /// A city from the columns `city_id`, `city_slug` and `city_name` (a speaker's home, a tour stop's city).
    static func city(_ row: any SQLRow) throws -> RosterCity {
        try row.decode(RosterCity.self, prefix: "city_")
    }

    /// A speaker's entry as `speaker(_:viewer:)` selects it; its home city is read by `city(_:)`.
    private struct EntryRow: Decodable {
        let name: String
        let handle: String?
        let bio: String
        let bioHtml: String
        let contact: String
        let groupSlug: String?
        let groupName: String?

        /// The group the entry was added for, when the viewer may see it.
        var addedFor: GroupRef? { groupSlug.map { GroupRef(slug: $0, name: groupName ?? "") } }
    }

    /// A roster card as `search(_:page:)` selects it; its home city is read by `city(_:)`.
    private struct CardRow: Decodable {
        let id: Int
        let name: String
        let recommendations: Int
    }

    private struct RecommendationRow: Decodable {
        let slug: String
        let name: String
        let note: String

        var recommendation: SpeakerRecommendation {
            SpeakerRecommendation(group: GroupRef(slug: slug, name: name), note: note)
        }
    }

    private struct TopicRow: Decodable {
        let speakerId: Int
        let topic: String
    }
}

extension SpeakerQueries {
    /// The groups a person may act for on the roster and tours (organizer or editor, active), by name.
    package func groupsActedFor(by person: CurrentPerson?) async throws -> [GroupRef] {
        try await GroupAccess(sql).groups(actingFor: person, roles: Role.publishing)
    }
}
