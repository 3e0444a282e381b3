import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// The roster's writes. A speaker is added for a group by one of its organizers or editors; the entry is then
/// kept by that person, the group's organizers and editors, and the speaker. Any group's organizers and editors
/// may recommend a speaker.
package struct Speakers: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: SpeakerQueries { SpeakerQueries(services: services) }

    package func add(_ input: SpeakerInput, by person: CurrentPerson) async throws -> Int {
        var errors: [String: String] = [:]
        let group = try await actingFor(
            input.group,
            person,
            refusal: { "Only organizers and editors of \($0) add speakers for it." },
            &errors
        )
        if input.group.trimmingCharacters(in: .whitespaces).isEmpty {
            errors["group"] = "Give the group you add the speaker for (its address)."
        }
        let values = try await validate(input, &errors)
        guard errors.isEmpty, let values else { throw AppError.validation(errors) }
        let now = services.clock()
        return try await services.store.transaction { sql in
            let id = try await sql.insertReturningID(
                into: "speakers",
                values.columns.merging(
                    ["added_by": person.id, "added_for_group_id": group, "created_at": now],
                    uniquingKeysWith: { a, _ in a }
                )
            )
            try await Self.replaceTopics(id, values.topics, sql)
            return id
        }
    }

    package func update(_ id: Int, _ input: SpeakerInput, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        var errors: [String: String] = [:]
        let values = try await validate(input, &errors)
        guard errors.isEmpty, let values else { throw AppError.validation(errors) }
        try await services.store.transaction { sql in
            var query = sql.update("speakers").where("id", .equal, id)
            for (column, value) in values.columns { query = query.set(column, to: value) }
            try await query.run()
            try await Self.replaceTopics(id, values.topics, sql)
        }
    }

    package func addTalk(
        _ id: Int,
        title: String,
        abstract: String,
        minutes: String,
        by person: CurrentPerson
    )
        async throws
    {
        try await requireEditor(id, person)
        var errors: [String: String] = [:]
        let title = RosterRules.line(title, "title", "Give the talk a title of 1 to 200 characters.", max: 200, &errors)
        let abstract = RosterRules.text(abstract, "abstract", max: 5_000, &errors)
        let length = Int(minutes.trimmingCharacters(in: .whitespaces))
        if length == nil || !(5...480).contains(length!) {
            errors["minutes"] = "Give the length in minutes, from 5 to 480."
        }
        guard errors.isEmpty, let length else { throw AppError.validation(errors) }
        _ = try await sql.insertReturningID(
            into: "speaker_talks",
            ["speaker_id": id, "title": title, "abstract": abstract, "minutes": length]
        )
    }

    package func removeTalk(_ talk: Int, of id: Int, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        try await sql.delete(from: "speaker_talks").where("id", .equal, talk).where("speaker_id", .equal, id).run()
    }

    /// Adds dates the speaker can do, inclusive; at most a year long.
    package func addAvailability(_ id: Int, from: String, until: String, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        var errors: [String: String] = [:]
        let first = RosterRules.day(from, "from", &errors)
        let last = RosterRules.day(until, "until", &errors)
        if let first, let last {
            if last < first {
                errors["until"] = "The last day comes before the first."
            } else if last.number - first.number > 366 {
                errors["until"] = "Give at most a year at a time."
            }
        }
        guard errors.isEmpty, let first, let last else { throw AppError.validation(errors) }
        _ = try await sql.insertReturningID(
            into: "speaker_availability",
            ["speaker_id": id, "starts_on": first.description, "ends_on": last.description]
        )
    }

    package func removeAvailability(_ window: Int, of id: Int, by person: CurrentPerson) async throws {
        try await requireEditor(id, person)
        try await sql.delete(from: "speaker_availability").where("id", .equal, window)
            .where("speaker_id", .equal, id).run()
    }

    package func recommend(_ id: Int, group slug: String, note: String, by person: CurrentPerson) async throws {
        guard try await sql.select().column("id").from("speakers").where("id", .equal, id).first() != nil else {
            throw AppError.notFound
        }
        var errors: [String: String] = [:]
        let note = RosterRules.text(note, "note", max: 1_000, &errors)
        if slug.trimmingCharacters(in: .whitespaces).isEmpty { errors["group"] = "Give the group that recommends." }
        let group = try await actingFor(
            slug,
            person,
            refusal: { "Only organizers and editors of \($0) recommend for it." },
            &errors
        )
        guard errors.isEmpty, let group else { throw AppError.validation(errors) }
        do {
            _ = try await sql.insertReturningID(
                into: "speaker_recommendations",
                [
                    "speaker_id": id, "group_id": group, "recommended_by": person.id, "note": note,
                    "created_at": services.clock(),
                ]
            )
        } catch  where error.isConstraintFailure {
            throw AppError.conflict("The group already recommends this speaker.")
        }
    }

    package func withdrawRecommendation(_ id: Int, group slug: String, by person: CurrentPerson) async throws {
        var errors: [String: String] = [:]
        let group = try await actingFor(
            slug,
            person,
            refusal: { "Only organizers and editors of \($0) withdraw its recommendations." },
            &errors
        )
        guard errors.isEmpty, let group else { throw AppError.forbidden(errors["group"] ?? "Not allowed.") }
        try await sql.delete(from: "speaker_recommendations").where("speaker_id", .equal, id)
            .where("group_id", .equal, group).run()
    }

    /// The group named by `slug` when the person organizes or edits it; otherwise a message in `errors["group"]`.
    func actingFor(
        _ slug: String,
        _ person: CurrentPerson,
        refusal: (String) -> String,
        _ errors: inout [String: String]
    ) async throws -> Int? {
        let slug = slug.trimmingCharacters(in: .whitespaces)
        guard !slug.isEmpty else { return nil }
        do {
            let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
            guard standing.canPost else {
                errors["group"] = refusal(group.name)
                return nil
            }
            return group.id
        } catch AppError.notFound {
            errors["group"] = "There is no group at /groups/\(slug)."
            return nil
        }
    }

    private struct Values: Sendable {
        let columns: [String: any Encodable & Sendable]
        let topics: [String]
    }

    private func validate(_ input: SpeakerInput, _ errors: inout [String: String]) async throws -> Values? {
        let name = RosterRules.line(
            input.name,
            "name",
            "Give the speaker's name, 1 to 120 characters.",
            max: 120,
            &errors
        )
        let contact = RosterRules.text(input.contact, "contact", max: 500, &errors)
        let bio = RosterRules.text(input.bio, "bio", max: 2_000, &errors)
        let topics = RosterRules.topics(input.topics, &errors)
        var personID: Int?
        let handle = input.handle.trimmingCharacters(in: .whitespaces).lowercased()
        if !handle.isEmpty {
            personID = try await sql.select().column("id").from("people").where("handle", .equal, handle)
                .value("id", as: Int.self)
            if personID == nil { errors["handle"] = "No one on the site has the handle \(handle)." }
        }
        let slug = input.city.trimmingCharacters(in: .whitespaces).lowercased()
        let city =
            slug.isEmpty
            ? nil
            : try await sql.select().column("id").from("cities").where("slug", .equal, slug).value("id", as: Int.self)
        if city == nil { errors["city"] = "Choose the speaker's home city from the list." }
        guard errors.isEmpty, let city else { return nil }
        return Values(
            columns: [
                "name": name, "name_key": name.lowercased(), "person_id": personID, "contact": contact, "bio": bio,
                "bio_html": Markdown.html(bio), "home_city_id": city, "updated_at": services.clock(),
            ],
            topics: topics
        )
    }

    private static func replaceTopics(_ id: Int, _ topics: [String], _ sql: any SQLDatabase) async throws {
        try await sql.delete(from: "speaker_topics").where("speaker_id", .equal, id).run()
        try await sql.insertRows(
            into: "speaker_topics",
            columns: ["speaker_id", "topic", "topic_key"],
            rows: topics.map { [id, $0, $0.lowercased()] }
        )
    }

    private func requireEditor(_ id: Int, _ person: CurrentPerson) async throws {
        guard try await sql.select().column("id").from("speakers").where("id", .equal, id).first() != nil else {
            throw AppError.notFound
        }
        guard try await queries.canEdit(id, viewer: person) else {
            throw AppError.forbidden(
                "Only whoever added the speaker, their group's organizers and the speaker change it."
            )
        }
    }
}
