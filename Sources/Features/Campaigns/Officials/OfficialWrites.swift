import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// What the organizers of a group record about an official it endorsed: the official, the pledges (a new version
/// per answer, every one kept), the criteria (a new version per publication) and votes entered by hand, each
/// linked to a pledge's topic and the group's position.
struct OfficialWrites: Sendable {
    let services: AppServices

    private var sql: any SQLDatabase { services.store.sql }
    private var queries: OfficialQueries { OfficialQueries(services: services) }

    static let stances = ["for", "against", "none"]
    static let positions = ["support", "oppose", "none"]
    static let options = ["yes", "no", "abstain", "absent"]
    static let rules = ["disagree", "leave-out"]

    /// Records an official for the group and returns its id.
    func create(slug: String, form: FormData, by person: CurrentPerson) async throws -> Int {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard GroupRules.canManage(standing) else {
            throw AppError.forbidden("Only the organizers of \(group.name) can record its officials.")
        }
        var errors: [String: String] = [:]
        let name = FieldRules.line(form["name"], "name", "Give the official's name.", max: 200, &errors)
        let office = FieldRules.line(form["office"], "office", "Give the office they hold.", max: 200, &errors)
        let jurisdiction = FieldRules.line(
            form["jurisdiction"],
            "jurisdiction",
            "Give where they hold it.",
            max: 200,
            &errors
        )
        let first = IsoDay.parse(form["termStartsOn"])
        let last = IsoDay.parse(form["termEndsOn"])
        if first == nil { errors["termStartsOn"] = "Give the term's first day as YYYY-MM-DD." }
        if last == nil { errors["termEndsOn"] = "Give the term's last day as YYYY-MM-DD." }
        if let first, let last, last < first { errors["termEndsOn"] = "The term ends on or after its first day." }
        let popolo = FieldRules.line(form["popoloId"], "popoloId", nil, max: 200, &errors)
        let ocd = FieldRules.line(form["ocdId"], "ocdId", nil, max: 200, &errors)
        let email = Self.contactEmail(form, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let id = try await sql.insert(into: "officials")
            .columns(
                "group_id",
                "name",
                "office",
                "jurisdiction",
                "term_starts_on",
                "term_ends_on",
                "popolo_id",
                "ocd_id",
                "contact_email",
                "created_by",
                "created_at"
            )
            .values(
                SQLBind(group.id),
                SQLBind(name),
                SQLBind(office),
                SQLBind(jurisdiction),
                SQLBind(form["termStartsOn"]),
                SQLBind(form["termEndsOn"]),
                SQLBind(popolo.isEmpty ? nil : popolo),
                SQLBind(ocd.isEmpty ? nil : ocd),
                SQLBind(email),
                SQLBind(person.id),
                SQLBind(services.clock())
            )
            .returning("id").value("id", as: Int.self)
        guard let id else { throw AppError.notFound }
        return id
    }

    /// The contact email typed in `contactEmail`, nil when empty.
    static func contactEmail(_ form: FormData, _ errors: inout [String: String]) -> String? {
        let email = FieldRules.line(form["contactEmail"], "contactEmail", nil, max: 254, &errors).lowercased()
        if !email.isEmpty && errors["contactEmail"] == nil && !FieldRules.looksLikeEmail(email) {
            errors["contactEmail"] = "Give a full email address, or leave it empty."
        }
        return email.isEmpty ? nil : email
    }

    /// Sets (or, empty, removes) the address reviews are mailed to.
    func setContact(_ id: Int, form: FormData, by person: CurrentPerson) async throws {
        _ = try await queries.requireManager(id, person)
        var errors: [String: String] = [:]
        let email = Self.contactEmail(form, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        try await sql.update("officials").set("contact_email", to: email).where("id", .equal, id).run()
    }

    /// Records the official's answer on a topic as the topic's next version.
    func addPledge(_ id: Int, form: FormData, by person: CurrentPerson) async throws {
        _ = try await queries.requireManager(id, person)
        var errors: [String: String] = [:]
        let topic = FieldRules.line(
            form["topic"],
            "topic",
            "Name the topic (such as “Rent control”).",
            max: 120,
            &errors
        )
        let question = FieldRules.text(form.raw("question"), "question", max: 2_000, &errors)
        let answer = FieldRules.text(form.raw("answer"), "answer", max: 5_000, &errors)
        if question.trimmingWhitespace().isEmpty && errors["question"] == nil {
            errors["question"] = "Give the question the official answered."
        }
        if answer.trimmingWhitespace().isEmpty && errors["answer"] == nil {
            errors["answer"] = "Give the official's answer as they gave it."
        }
        let stance = form["stance"]
        if !Self.stances.contains(stance) { errors["stance"] = "Choose for, against or neither." }
        if IsoDay.parse(form["answeredOn"]) == nil {
            errors["answeredOn"] = "Give the day of the answer as YYYY-MM-DD."
        }
        let source = FieldRules.url(form["sourceURL"], "sourceURL", &errors)
        if source.isEmpty && errors["sourceURL"] == nil {
            errors["sourceURL"] = "Give the address where the answer was published."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let now = services.clock()
        let answeredOn = form["answeredOn"]
        do {
            try await services.store.transaction { sql in
                let latest = try await sql.raw(
                    """
                    SELECT MAX(version) AS latest FROM official_pledges
                    WHERE official_id = \(bind: id) AND topic = \(bind: topic)
                    """
                ).row(Latest.self)
                try await sql.insert(into: "official_pledges")
                    .columns(
                        "official_id",
                        "topic",
                        "version",
                        "question",
                        "answer",
                        "stance",
                        "answered_on",
                        "source_url",
                        "recorded_by",
                        "created_at"
                    )
                    .values(
                        SQLBind(id),
                        SQLBind(topic),
                        SQLBind((latest?.latest ?? 0) + 1),
                        SQLBind(question),
                        SQLBind(answer),
                        SQLBind(stance),
                        SQLBind(answeredOn),
                        SQLBind(source),
                        SQLBind(person.id),
                        SQLBind(now)
                    )
                    .run()
            }
        } catch  where error.isConstraintFailure {
            throw AppError.validation(["topic": "Someone recorded an answer on this topic just now; send it again."])
        }
    }

    /// Publishes the next version of the criteria, dated today (UTC): votes on later days are scored under it.
    func publishCriteria(_ id: Int, form: FormData, by person: CurrentPerson) async throws {
        _ = try await queries.requireManager(id, person)
        var errors: [String: String] = [:]
        let (absences, abstentions) = (form["absences"], form["abstentions"])
        if !Self.rules.contains(absences) { errors["absences"] = "Choose how absences count." }
        if !Self.rules.contains(abstentions) { errors["abstentions"] = "Choose how abstentions count." }
        let text = FieldRules.text(form.raw("criteriaText"), "criteriaText", max: 5_000, &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let now = services.clock()
        do {
            try await services.store.transaction { sql in
                let latest = try await sql.raw(
                    "SELECT MAX(version) AS latest FROM official_criteria WHERE official_id = \(bind: id)"
                ).row(Latest.self)
                try await sql.insert(into: "official_criteria")
                    .columns(
                        "official_id",
                        "version",
                        "absences",
                        "abstentions",
                        "text",
                        "published_on",
                        "published_at",
                        "published_by"
                    )
                    .values(
                        SQLBind(id),
                        SQLBind((latest?.latest ?? 0) + 1),
                        SQLBind(absences),
                        SQLBind(abstentions),
                        SQLBind(text),
                        SQLBind(OfficialQueries.day(now)),
                        SQLBind(now),
                        SQLBind(person.id)
                    )
                    .run()
            }
        } catch  where error.isConstraintFailure {
            throw AppError.validation(["criteriaText": "Criteria were published just now; send yours again."])
        }
    }

    /// Records a vote by hand.
    func addVote(_ id: Int, form: FormData, by person: CurrentPerson) async throws {
        let record = try await queries.requireManager(id, person)
        var errors: [String: String] = [:]
        let motion = FieldRules.line(form["motion"], "motion", "Give the motion voted on.", max: 500, &errors)
        if IsoDay.parse(form["votedOn"]) == nil { errors["votedOn"] = "Give the day of the vote as YYYY-MM-DD." }
        if !Self.options.contains(form["option"]) { errors["option"] = "Choose how the official voted." }
        let link = Self.link(record, topic: form["voteTopic"], position: form["position"], &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let vote = VoteImport.Event(
            key: "",
            motion: motion,
            day: form["votedOn"],
            option: form["option"],
            tally: "",
            result: ""
        )
        try await Self.insert(
            vote,
            source: "hand",
            official: id,
            topic: link.topic,
            position: link.position,
            by: person,
            at: services.clock(),
            on: sql
        )
    }

    /// Stores one vote of the official: `vote.key` is the event's identifier in its source, empty for a vote
    /// entered by hand.
    static func insert(
        _ vote: VoteImport.Event,
        source: String,
        official: Int,
        topic: String?,
        position: String,
        by person: CurrentPerson,
        at now: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: "official_votes")
            .columns(
                "official_id",
                "source",
                "source_key",
                "motion",
                "voted_on",
                "option",
                "tally",
                "result",
                "pledge_topic",
                "position",
                "recorded_by",
                "created_at"
            )
            .values(
                SQLBind(official),
                SQLBind(source),
                SQLBind(vote.key.isEmpty ? nil : vote.key),
                SQLBind(vote.motion),
                SQLBind(vote.day),
                SQLBind(vote.option),
                SQLBind(vote.tally),
                SQLBind(vote.result),
                SQLBind(topic),
                SQLBind(position),
                SQLBind(person.id),
                SQLBind(now)
            )
            .run()
    }

    /// Links a recorded vote to a pledge's topic (or none) and sets the group's position on it.
    func linkVote(_ id: Int, vote: Int, form: FormData, by person: CurrentPerson) async throws {
        let record = try await queries.requireManager(id, person)
        var errors: [String: String] = [:]
        let link = Self.link(record, topic: form["voteTopic"], position: form["position"], &errors)
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let changed = try await sql.update("official_votes").set("pledge_topic", to: link.topic)
            .set("position", to: link.position).where("id", .equal, vote).where("official_id", .equal, id)
            .returning("id").all()
        guard !changed.isEmpty else { throw AppError.notFound }
    }

    /// A pledge topic of the official's (empty for none) and one of the positions.
    static func link(
        _ record: OfficialRecord,
        topic: String,
        position: String,
        _ errors: inout [String: String]
    ) -> (topic: String?, position: String) {
        if !topic.isEmpty && !record.pledges.contains(where: { $0.topic == topic }) {
            errors["voteTopic"] = "“\(topic)” is none of the official's pledges."
        }
        if !positions.contains(position) {
            errors["position"] = "Choose the group's position: support, oppose or none."
        }
        return (topic.isEmpty ? nil : topic, position)
    }

    private struct Latest: Decodable { let latest: Int? }
}
