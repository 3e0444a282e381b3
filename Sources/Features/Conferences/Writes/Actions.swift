import Events
import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// A proposal for joint action made at a conference, with the groups that support it. `decisionID` stays
/// empty until the decisions work attaches the outcome of a vote (see `CreateConferences`).
package struct ActionProposalView: Sendable, Encodable {
    package let id: Int
    package let title: String
    package let text: String
    package let textHTML: String
    package let author: PersonRef?
    package var supporters: [GroupRef]
    package let decisionID: Int?
    package let createdAt: Date
}

package struct ActionInput: Decodable, Sendable {
    package var title: String?
    package var text: String?
    /// A group's slug, to add or withdraw its support.
    package var group: String?

    package init() {}
}

/// Action proposals: participants propose joint action, organizers add their groups' support, and the list
/// is public with the conference.
package struct Actions: Sendable {
    let services: AppServices

    package init(services: AppServices) { self.services = services }

    private var sql: any SQLDatabase { services.store.sql }

    package func submit(to id: Int, title: String?, text: String?, by person: CurrentPerson) async throws -> Int {
        let conference = try await ConferenceAccess.load(id, viewer: person, services: services)
        guard conference.event.status == .scheduled else {
            throw AppError.conflict("This conference was cancelled.")
        }
        var errors: [String: String] = [:]
        let title = FieldRules.line(title, "title", "Name the action in up to 200 characters.", max: 200, &errors)
        let text = FieldRules.text(text, "text", max: 20_000, &errors).replacingOccurrences(of: "\r\n", with: "\n")
        if text.trimmingWhitespace().isEmpty && errors["text"] == nil {
            errors["text"] = "Say what the groups would do together, and why."
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return try await sql.insertReturningID(
            into: "action_proposals",
            [
                "event_id": id, "person_id": person.id, "title": title, "text": text, "text_html": Markdown.html(text),
                "created_at": services.clock(),
            ]
        )
    }

    /// An organizer of `slug` adds (or, with `on` false, withdraws) the group's support.
    package func support(
        _ action: Int,
        of id: Int,
        group slug: String,
        on: Bool,
        by person: CurrentPerson
    )
        async throws
    {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        try await requireOpen(action, of: id)
        guard !slug.trimmingWhitespace().isEmpty else {
            throw AppError.validation(["group": "Choose the group that supports the action."])
        }
        guard let group = try await ConferenceAccess.actedGroup(slug: slug, person, organizerOnly: true, sql) else {
            throw AppError.validation(["group": "Only an organizer of a group can add or withdraw its support."])
        }
        if on {
            do {
                try await sql.insert(into: "action_supports").columns("action_id", "group_id", "added_by", "created_at")
                    .values(SQLBind(action), SQLBind(group), SQLBind(person.id), SQLBind(services.clock())).run()
            } catch  where error.isConstraintFailure {}
        } else {
            try await sql.raw(
                "DELETE FROM action_supports WHERE action_id = \(bind: action) AND group_id = \(bind: group)"
            ).run()
        }
    }

    /// The author withdraws the proposal; it leaves the published list.
    package func withdraw(_ action: Int, of id: Int, by person: CurrentPerson) async throws {
        _ = try await ConferenceAccess.load(id, viewer: person, services: services)
        try await requireOpen(action, of: id)
        let changed = try await sql.raw(
            """
            UPDATE action_proposals SET withdrawn_at = \(bind: services.clock())
            WHERE id = \(bind: action) AND person_id = \(bind: person.id) RETURNING id
            """
        ).all()
        guard !changed.isEmpty else {
            throw AppError.forbidden("Only the person who proposed the action can withdraw it.")
        }
    }

    private func requireOpen(_ action: Int, of id: Int) async throws {
        guard
            try await sql.raw(
                """
                SELECT id FROM action_proposals WHERE id = \(bind: action) AND event_id = \(bind: id)
                AND withdrawn_at IS NULL
                """
            ).first() != nil
        else { throw AppError.notFound }
    }

    /// The conference's action proposals, oldest first, each with its supporting groups (one query).
    package func list(_ id: Int) async throws -> [ActionProposalView] {
        let rows = try await sql.raw(
            """
            SELECT x.id, x.title, x.text, x.text_html, x.decision_id, x.created_at, a.handle AS a_handle,
              a.display_name AS a_name, g.slug AS g_slug, g.name AS g_name
            FROM action_proposals x LEFT JOIN people a ON a.id = x.person_id
            LEFT JOIN action_supports s ON s.action_id = x.id LEFT JOIN groups g ON g.id = s.group_id
              AND \(GroupAccess.visible("g", to: nil))
            WHERE x.event_id = \(bind: id) AND x.withdrawn_at IS NULL ORDER BY x.id, g.name
            LIMIT 5000
            """
        ).rows(ActionRow.self)
        var actions: [ActionProposalView] = []
        for row in rows {
            if actions.last?.id != row.id { actions.append(row.view) }
            if let group = GroupRef.joined(slug: row.gSlug, name: row.gName) {
                actions[actions.count - 1].supporters.append(group)
            }
        }
        return actions
    }

    /// One row of `list`: an action proposal with one supporting group (none when it has no support).
    private struct ActionRow: Decodable {
        let id: Int
        let title: String
        let text: String
        let textHtml: String
        let decisionId: Int?
        let createdAt: Date
        let aHandle: String?
        let aName: String?
        let gSlug: String?
        let gName: String?

        /// The proposal without its supporters.
        var view: ActionProposalView {
            ActionProposalView(
                id: id,
                title: title,
                text: text,
                textHTML: textHtml,
                author: PersonRef.joined(handle: aHandle, name: aName),
                supporters: [],
                decisionID: decisionId,
                createdAt: createdAt
            )
        }
    }
}
