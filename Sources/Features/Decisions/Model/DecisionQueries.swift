import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// How many may vote and how many have.
package struct Turnout: Sendable, Decodable {
    package let entitled: Int
    package let voted: Int
}

/// An open vote as the electorate reads it.
package struct NamedVote: Sendable, Decodable {
    package let handle: String
    package let displayName: String
    package let marks: String
    package let reason: String

    package var shownName: String { displayName.isEmpty ? "@\(handle)" : "\(displayName) (@\(handle))" }
}

/// A voting unit of a decision as one of its members sees it.
package struct UnitSeat: Sendable, Decodable, Equatable {
    package let id: Int
    package let slug: String
    package let name: String
    package let voices: Int
    package let voted: Bool
    /// The viewer organizes the group, so casts its vote.
    package let delegate: Bool
}

/// A voting unit's position in an open vote.
package struct UnitVote: Sendable, Decodable {
    package let groupID: Int
    package let slug: String
    package let name: String
    package let marks: String
    package let voices: Int
    package let reason: String
    package let delegateName: String
    package let delegateHandle: String
}

/// A decision in a list, with whether the viewer may still vote on it.
package struct DecisionSummary: Sendable, RowReadable {
    package let id: Int
    package let title: String
    package let kind: DecisionKind
    package let secret: Bool
    package let zone: String
    package let opensAt: Date
    package let closesAt: Date
    package let closedAt: Date?
    package let groupSlug: String
    package let groupName: String
    /// True when the viewer is in the electorate and has not voted.
    package let awaitsViewer: Bool

    /// Reads the columns of `DecisionQueries.summaryColumns`.
    package init(row: any SQLRow) throws {
        id = try row.integer("id")
        title = try row.text("title")
        kind = try row.value("kind", as: DecisionKind.self)
        secret = try row.bool("secret")
        zone = try row.text("zone")
        opensAt = try row.date("opens_at")
        closesAt = try row.date("closes_at")
        closedAt = try row.optional("closed_at", as: Date.self)
        groupSlug = try row.text("group_slug")
        groupName = try row.text("group_name")
        awaitsViewer = try row.bool("awaits_viewer")
    }

    package func status(at now: Date) -> DecisionStatus {
        if let closedAt, closedAt <= now { return .closed }
        if closesAt <= now { return .closed }
        return opensAt <= now ? .open : .scheduled
    }
}

/// Reads of decisions, each checked against `DecisionRules`: a decision the viewer may not see is "not found".
package struct DecisionQueries: Sendable {
    let services: AppServices
    var sql: any SQLDatabase { services.store.sql }

    package init(services: AppServices) { self.services = services }

    /// The decision, its group and where the viewer stands; "not found" unless the viewer may see it.
    package func decision(_ id: Int, viewer: CurrentPerson?) async throws -> (Decision, Group, DecisionStanding) {
        guard
            let decision = try await sql.select().columns(Decision.columns).from("decisions").where("id", .equal, id)
                .row(Decision.self),
            let group = try await GroupQueries(services: services).group(id: decision.groupID)
        else { throw AppError.notFound }
        var standing = Standing.outsider
        if viewer != nil {
            standing =
                (try? await GroupQueries(services: services).visibleGroup(slug: group.slug, viewer: viewer))?.1
                ?? .outsider
        }
        let voted =
            try await viewer.asyncMap { person in
                try await sql.select().column("voted").from("decision_electorate")
                    .where("decision_id", .equal, id).where("person_id", .equal, person.id).value(
                        "voted",
                        as: Bool.self
                    )
            } ?? nil
        let units = decision.electorate == .groups ? try await seats(in: id, viewer: viewer) : []
        var place = DecisionStanding(group: standing, entitled: voted != nil, voted: voted ?? false, units: units)
        if !DecisionRules.canSee(place) {
            guard DecisionRules.isPublished(decision, group: group, now: services.clock()) else {
                throw AppError.notFound
            }
            place.publicReader = true
        }
        return (decision, group, place)
    }

    /// The group at `slug`, whose decisions `viewer` may list and open as an active member; "not found" otherwise.
    package func memberGroup(slug: String, viewer: CurrentPerson) async throws -> (Group, Standing) {
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: viewer)
        guard standing.isActiveMember else { throw AppError.notFound }
        return (group, standing)
    }

    /// The decisions of a group the viewer may see (its members), open ones first, then the newest.
    package func list(of group: Group, viewer: CurrentPerson?, page: PageRequest) async throws -> Page<DecisionSummary>
    {
        let rows = try await sql.raw(
            """
            SELECT \(Self.summaryColumns(viewer)) WHERE d.group_id = \(bind: group.id) \
            AND (\(GroupAccess.actsFor("d.group_id", viewer)) OR \(Self.inElectorate(viewer)))
            ORDER BY d.closes_at DESC, d.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(DecisionSummary.self)
        return Page(probed: rows, request: page)
    }

    /// Decisions across the viewer's groups: those waiting for their vote, then the latest others.
    package func forPerson(_ person: CurrentPerson, page: PageRequest) async throws -> Page<DecisionSummary> {
        let rows = try await sql.raw(
            """
            SELECT \(Self.summaryColumns(person)) WHERE \(Self.listedFor(person))
            ORDER BY d.closes_at DESC, d.id DESC LIMIT \(bind: page.probeLimit) OFFSET \(bind: page.offset)
            """
        ).rows(DecisionSummary.self)
        return Page(probed: rows, request: page)
    }

    /// What a person's home page shows of decisions: those open now in their groups and electorates (waiting for
    /// their vote first, then closing soonest), and those closed since `since`, newest first; at most `limit` each.
    /// One statement: the person's decisions found once, then the two lists, each ordered and cut in its own part.
    /// (Numbering each list with `ROW_NUMBER()` and finding the decisions once per list cost SQLite twice as much.)
    package func current(
        for person: CurrentPerson,
        since: Date,
        limit: Int
    ) async throws -> (open: [DecisionSummary], closed: [DecisionSummary]) {
        let now = services.clock()
        let listed: SQLQueryString = "d.id IN (SELECT id FROM listed)"
        let rows = try await sql.raw(
            """
            WITH listed(id) AS (\(Self.listedIDs(person)))
            SELECT * FROM (SELECT * FROM (SELECT 0 AS part, \(Self.summaryColumns(person)) WHERE \(listed) \
            AND d.opens_at <= \(bind: now) AND d.closes_at > \(bind: now) \
            AND (d.closed_at IS NULL OR d.closed_at > \(bind: now)) \
            ORDER BY awaits_viewer DESC, d.closes_at, d.id LIMIT \(bind: limit)) open_now
            UNION ALL
            SELECT * FROM (SELECT 1 AS part, \(Self.summaryColumns(person)) WHERE \(listed) \
            AND \(Self.ended("d")) <= \(bind: now) AND \(Self.ended("d")) > \(bind: since) \
            ORDER BY \(Self.ended("d")) DESC, d.id DESC LIMIT \(bind: limit)) closed_lately) home
            ORDER BY part, CASE WHEN part = 0 THEN awaits_viewer END DESC, CASE WHEN part = 0 THEN closes_at END, \
            CASE WHEN part = 1 THEN \(Self.ended("home")) END DESC, CASE WHEN part = 0 THEN id END, \
            CASE WHEN part = 1 THEN id END DESC
            """
        ).all()
        var open: [DecisionSummary] = []
        var closed: [DecisionSummary] = []
        for row in rows {
            let summary = try row.decode(DecisionSummary.self)
            if try row.decode(HomePart.self).part == 0 {
                open.append(summary)
            } else {
                closed.append(summary)
            }
        }
        return (open, closed)
    }

    /// How many may vote and how many have; for voting units, their voices.
    package func turnout(of decision: Decision) async throws -> Turnout {
        if decision.electorate == .groups {
            return try await sql.raw(
                """
                SELECT COALESCE(SUM(voices), 0) AS entitled, COALESCE(SUM(CASE WHEN voted THEN voices ELSE 0 END), 0) \
                AS voted FROM decision_units WHERE decision_id = \(bind: decision.id)
                """
            ).row(Turnout.self) ?? Turnout(entitled: 0, voted: 0)
        }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS entitled, COALESCE(SUM(CASE WHEN voted THEN 1 ELSE 0 END), 0) AS voted \
            FROM decision_electorate WHERE decision_id = \(bind: decision.id)
            """
        ).row(Turnout.self) ?? Turnout(entitled: 0, voted: 0)
    }

    /// Every ballot of a decision (secret or named), in the order of the secret ballots' random ids.
    package func ballots(of decision: Decision) async throws -> [DecisionBallot] {
        let query: SQLQueryString =
            if decision.secret {
                "SELECT marks, weight FROM decision_ballots WHERE decision_id = \(bind: decision.id) ORDER BY id"
            } else if decision.electorate == .groups {
                """
                SELECT marks, voices AS weight FROM decision_unit_votes WHERE decision_id = \(bind: decision.id) \
                ORDER BY group_id
                """
            } else {
                "SELECT marks, weight FROM decision_votes WHERE decision_id = \(bind: decision.id) ORDER BY person_id"
            }
        let rows = try await sql.raw(query).rows(MarksRow.self)
        return try rows.map { row in
            guard let ballot = DecisionBallot(encoded: row.marks, weight: row.weight) else {
                throw StoredValueError(column: "marks", value: row.marks)
            }
            return ballot
        }
    }

    /// The ballot board of a closed secret vote: each tracker with its choice and reason.
    package func board(of decision: Decision) async throws -> [StoredBallot] {
        try await sql.raw(
            "SELECT id, marks, weight, reason FROM decision_ballots WHERE decision_id = \(bind: decision.id) ORDER BY id"
        ).rows(StoredBallot.self)
    }

    /// Who voted what in an open vote, by name.
    package func namedVotes(of decision: Decision) async throws -> [NamedVote] {
        try await sql.raw(
            """
            SELECT p.handle, p.display_name, v.marks, v.reason FROM decision_votes v \
            JOIN people p ON p.id = v.person_id WHERE v.decision_id = \(bind: decision.id) \
            ORDER BY p.display_name, p.handle
            """
        ).rows(NamedVote.self)
    }

    /// The voting units of decision `id` the viewer is an active member of, and whether they are a delegate of each.
    func seats(in id: Int, viewer: CurrentPerson?) async throws -> [UnitSeat] {
        try await seats(in: [id], viewer: viewer)[id] ?? []
    }

    /// The voting units of a decision with their voices (their names, for the amend form).
    package func units(of decision: Decision) async throws -> [UnitVote] {
        try await sql.raw(
            """
            SELECT g.id AS group_id, g.slug, g.name, '' AS marks, u.voices, '' AS reason, '' AS delegate_name, \
            '' AS delegate_handle FROM decision_units u JOIN groups g ON g.id = u.group_id \
            WHERE u.decision_id = \(bind: decision.id) ORDER BY g.name, g.id
            """
        ).rows(UnitVote.self)
    }

    /// Each voting unit's position in an open vote, by group name; a private group the viewer may not see is
    /// "a private group" (it may vote in a coalition whose other members are outsiders to it).
    package func unitVotes(of decision: Decision, viewer: CurrentPerson?) async throws -> [UnitVote] {
        try await sql.raw(
            """
            SELECT g.id AS group_id, \(GroupAccess.shownColumns("g", to: viewer)), v.marks, v.voices, v.reason, \
            COALESCE(p.display_name, '') AS delegate_name, COALESCE(p.handle, '') AS delegate_handle \
            FROM decision_unit_votes v JOIN groups g ON g.id = v.group_id LEFT JOIN people p ON p.id = v.delegate_id \
            WHERE v.decision_id = \(bind: decision.id) ORDER BY name, g.id
            """
        ).rows(UnitVote.self)
    }

    private struct MarksRow: Decodable {
        let marks: String
        let weight: Int
    }

    /// The decisions listed for `person` (across their groups, and on their home page), as a condition on `d`.
    private static func listedFor(_ person: CurrentPerson) -> SQLQueryString {
        "d.id IN (\(listedIDs(person)))"
    }

    /// The ids of the decisions `person` may vote on, their groups hold, or their groups vote in as units: one
    /// list gathered from the person's side through indexes. Written as an `OR` of `EXISTS` terms, it read every
    /// decision of the site for each signed-in home page.
    private static func listedIDs(_ person: CurrentPerson) -> SQLQueryString {
        let groups = GroupAccess.groupIDs(actedForBy: person)
        return """
            SELECT e.decision_id FROM decision_electorate e WHERE e.person_id = \(bind: person.id) \
            UNION SELECT l.id FROM decisions l WHERE l.group_id IN (\(groups)) \
            UNION SELECT un.decision_id FROM decision_units un WHERE un.group_id IN (\(groups))
            """
    }

    private static func inElectorate(_ viewer: CurrentPerson?) -> SQLQueryString {
        guard let viewer else { return "1 = 0" }
        return """
            EXISTS (SELECT 1 FROM decision_electorate e WHERE e.decision_id = d.id AND e.person_id = \(bind: viewer.id))
            """
    }

    private static func summaryColumns(_ viewer: CurrentPerson?) -> SQLQueryString {
        """
        d.id, d.title, d.kind, d.secret, d.zone, d.opens_at, d.closes_at, d.closed_at, g.slug AS group_slug, \
        g.name AS group_name, EXISTS (SELECT 1 FROM decision_electorate w WHERE w.decision_id = d.id \
        AND w.person_id = \(bind: viewer?.id ?? 0) AND w.voted = FALSE) OR EXISTS (SELECT 1 FROM decision_units wu \
        WHERE wu.decision_id = d.id AND wu.voted = FALSE \
        AND \(GroupAccess.actsFor("wu.group_id", viewer, roles: Role.organizing))) AS awaits_viewer \
        FROM decisions d JOIN groups g ON g.id = d.group_id
        """
    }

    /// When the decision of table `alias` ended: closed early, or at its closing time.
    private static func ended(_ alias: StaticString) -> SQLQueryString {
        // Plain names, not `\(ident:)`: SQLKit quotes an identifier through a generic string replacement, which
        // cost more on the home page than running this part of the statement.
        let at = { (column: StaticString) in SQLQueryString("\(unsafeRaw: "\(alias).\(column)")") }
        return "CASE WHEN \(at("closed_at")) < \(at("closes_at")) THEN \(at("closed_at")) ELSE \(at("closes_at")) END"
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

/// Which of the home page's two lists a row of `DecisionQueries.current` belongs to: 0 open, 1 lately closed.
private struct HomePart: Decodable {
    let part: Int
}
