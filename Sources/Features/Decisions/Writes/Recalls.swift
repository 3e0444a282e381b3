import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Notifications
import SQLKit

/// Recalling a holder of a seat: any active member starts a petition with a reason; other members co-sign it (and
/// may take their name back while it gathers names). Once the co-signers reach `BodyRules.signaturesNeeded`, a
/// secret recall vote opens on behalf of the group: a motion that passes with two-thirds of the votes cast. If it
/// passes, the term ends at its close (read by `BodyQueries.seats`).
package struct Recalls: Sendable {
    static let reasonMax = 5_000
    /// How long the recall vote runs.
    static let voteLength: TimeInterval = 7 * 86_400
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    package init(services: AppServices) { self.services = services }

    /// Starts a petition to recall the holder with `holder` (a handle) from `body`; returns its id.
    package func start(
        _ body: Body,
        in group: Group,
        standing: Standing,
        holder: String,
        reason rawReason: String,
        by person: CurrentPerson
    ) async throws -> Int {
        guard BodyRules.canPetition(standing) else {
            throw AppError.forbidden("Only active members of \(group.name) can start a recall.")
        }
        var errors: [String: String] = [:]
        let reason = FieldRules.text(rawReason, "reason", max: Self.reasonMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        if reason.isEmpty, errors["reason"] == nil { errors["reason"] = "Say why the holder should be recalled." }
        let now = services.clock()
        let seat = try await BodyQueries(services: services).seats(of: body).0
            .first { $0.handle == holder && $0.holds(at: now) }
        if seat == nil { errors["holder"] = "Choose someone who holds a seat on \(body.name) now." }
        guard errors.isEmpty, let seat else { throw AppError.validation(errors) }
        let pending = try await sql.raw(
            """
            SELECT r.id FROM recalls r WHERE r.election_id = \(bind: seat.electionID) \
            AND r.holder_id = \(bind: seat.personID) AND (r.decision_id IS NULL OR EXISTS (SELECT 1 FROM decisions d \
            WHERE d.id = r.decision_id AND d.closed_at IS NULL AND d.closes_at > \(bind: now)))
            """
        ).first()
        guard pending == nil else {
            throw AppError.validation(["holder": "A recall of \(seat.shownName) is already under way."])
        }
        return try await sql.insertReturningID(
            into: "recalls",
            [
                "body_id": body.id, "election_id": seat.electionID, "holder_id": seat.personID,
                "started_by": person.id, "reason": reason, "started_at": now,
            ]
        )
    }

    /// Adds `person`'s name to the petition; opens the recall vote when the names reach the number needed and
    /// returns its id then.
    package func sign(
        _ recall: RecallSummary,
        in group: Group,
        standing: Standing,
        by person: CurrentPerson
    )
        async throws -> Int?
    {
        try check(recall, group: group, standing: standing)
        guard person.id != recall.holderID else {
            throw AppError.validation([FieldSet.formMessage: "You cannot co-sign the recall of your own seat."])
        }
        guard person.handle != recall.starterHandle else {
            throw AppError.validation([FieldSet.formMessage: "You started this recall; others co-sign it."])
        }
        let signed = try await sql.select().column("person_id").from("recall_signatures")
            .where("recall_id", .equal, recall.id).where("person_id", .equal, person.id).first()
        if signed == nil {
            try await sql.insert(into: "recall_signatures").columns("recall_id", "person_id", "signed_at")
                .values(SQLBind(recall.id), SQLBind(person.id), SQLBind(services.clock()))
                .ignoringConflicts(with: ["recall_id", "person_id"]).run()
        }
        let signatures = try await sql.count({ $0.where("recall_id", .equal, recall.id) }, from: "recall_signatures")
        guard try await signatures >= BodyQueries(services: services).signaturesNeeded(in: group) else { return nil }
        return try await openVote(recall, in: group, by: person)
    }

    /// Takes `person`'s name off a petition that is still gathering names.
    package func withdraw(
        _ recall: RecallSummary,
        in group: Group,
        standing: Standing,
        by person: CurrentPerson
    )
        async throws
    {
        try check(recall, group: group, standing: standing)
        try await sql.delete(from: "recall_signatures").where("recall_id", .equal, recall.id)
            .where("person_id", .equal, person.id).run()
    }

    private func check(_ recall: RecallSummary, group: Group, standing: Standing) throws {
        guard BodyRules.canPetition(standing) else {
            throw AppError.forbidden("Only active members of \(group.name) can co-sign a recall.")
        }
        guard recall.decisionID == nil else {
            throw AppError.validation([FieldSet.formMessage: "The recall vote has opened: the petition is closed."])
        }
    }

    /// Opens the recall vote once (a second signer arriving at the same moment finds it claimed) and tells the
    /// holder and the organizers.
    private func openVote(_ recall: RecallSummary, in group: Group, by person: CurrentPerson) async throws -> Int? {
        let now = services.clock()
        let claimed = try await sql.raw(
            "UPDATE recalls SET opened_at = \(bind: now) WHERE id = \(bind: recall.id) AND opened_at IS NULL RETURNING id"
        ).first()
        guard claimed != nil else { return nil }
        guard
            let body = try await sql.select().columns(Body.columns).from("bodies").where("id", .equal, recall.bodyID)
                .row(Body.self)
        else { throw AppError.notFound }
        var input = DecisionInput()
        input.title = "Recall \(recall.holderShown) from \(body.name)"
        input.body =
            "A recall petition started by \(recall.starterShown) gathered enough co-signers. Its reason:\n\n"
            + "\(recall.reason)\n\nThe recall passes with at least two-thirds of the votes cast (abstentions "
            + "count as votes cast). If it passes, the term ends when this vote closes."
        input.kind = DecisionKind.motion.rawValue
        input.majority = MajorityKind.twoThirds.rawValue
        input.base = MajorityBase.cast.rawValue
        input.secret = true
        input.zone = "UTC"
        input.closesAt = Self.utcInput(now.addingTimeInterval(Self.voteLength))
        let id: Int
        do {
            id = try await DecisionWrites(services: services).open(
                in: group,
                input: input,
                electorate: .members,
                origin: DecisionOrigin(path: BodyPaths.recall(recall.id), label: "Recall petition"),
                by: person
            )
        } catch {
            try await sql.update("recalls").set("opened_at", to: SQLLiteral.null).where("id", .equal, recall.id).run()
            throw error
        }
        try await services.store.transaction { sql in
            try await sql.update("recalls").set("decision_id", to: id).where("id", .equal, recall.id).run()
            let organizers = try await GroupAccess(sql).organizerIDs(of: group.id)
            try await Notifications.notify(
                [recall.holderID] + organizers,
                Notice(
                    kind: .vote,
                    title: "\(group.name): a vote on recalling \(recall.holderShown) from \(body.name) is open",
                    path: DecisionPaths.decision(id)
                ),
                services: services,
                on: sql
            )
        }
        services.deliverMailSoon()
        return id
    }

    /// `date` as the decision form's local time in UTC.
    static func utcInput(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute))"
    }
}
