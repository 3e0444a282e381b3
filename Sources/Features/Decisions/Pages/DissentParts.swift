import Foundation
import FreshgroundWeb

/// Dissent statements under a decision's results, and the form that attaches one.
enum DissentParts {
    /// The section for the decision page's model: read the statements, then draw them.
    static func section(_ context: AppContext, _ model: DecisionPageModel, services: AppServices) async throws -> HTML {
        guard model.status == .closed else { return .empty }
        return section(
            context,
            decision: model.decision,
            statements: try await Dissents(services: services).statements(of: model.decision.id),
            canDissent: Dissents.canDissent(model.decision, model.standing, now: model.now),
            now: model.now
        )
    }

    /// The statements on a closed decision, for everyone who may see it; the links to attach, co-sign or withdraw
    /// for those who could vote on it.
    static func section(
        _ context: AppContext,
        decision: Decision,
        statements: [DissentStatement],
        canDissent: Bool,
        now: Date
    ) -> HTML {
        guard decision.status(at: now) == .closed else { return .empty }
        let viewer = context.person?.id
        let items = statements.map { statement -> HTML in
            let cosigners: HTML =
                statement.cosigners.isEmpty
                ? "<p class=\"meta\">No co-signers yet.</p>"
                : "<p class=\"meta\">Co-signed by \(statement.cosigners.map(\.shownName).joined(separator: ", ")).</p>"
            let signed = statement.cosigners.contains { $0.personID == viewer }
            let action: HTML =
                if statement.author.personID == viewer {
                    "<p><a href=\"\(BodyPaths.withdraw(statement.id))\">Withdraw my statement</a></p>"
                } else if canDissent && !signed {
                    FormParts.button(context, BodyPaths.cosign(statement.id), "Co-sign this statement")
                } else {
                    .empty
                }
            return """
                <article class="dissent" id="dissent-\(statement.id)">
                <h3>Dissent by \(statement.author.shownName)</h3>
                \(DecisionPages.paragraphs(statement.body))
                \(cosigners)\(action)</article>
                """
        }.joined()
        let list: HTML = statements.isEmpty ? "<p class=\"empty\">No dissent statements.</p>" : items
        let attach: HTML = .when(canDissent) {
            "<p><a href=\"\(BodyPaths.dissent(decision.id))\">Attach a dissent statement</a></p>"
        }
        return """
            <section aria-labelledby="dissent-title"><h2 id="dissent-title">Dissent</h2>
            <p>Those who could vote may put their dissent on the record, signed with their names.</p>
            \(list)\(attach)</section>
            """
    }

    /// The form to attach a statement.
    static func form(_ context: AppContext, decision: Decision, fields: FieldSet) -> HTML {
        Layout.page(
            title: "Dissent from “\(decision.title)”",
            context: context,
            main: """
                <h1>Dissent from “\(decision.title)”</h1>
                <p>Your statement is published under the decision's results with your name, for everyone who can \
                see the decision; others who could vote may co-sign it. You can withdraw it later.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: BodyPaths.dissent(decision.id), novalidate: true))
                \(fields.textarea("statement", label: "Your statement", rows: 8, hint: "Plain text."))
                <button type="submit">Publish my dissent</button>
                </form>
                <p><a href="\(DecisionPaths.decision(decision.id))">Back to “\(decision.title)”</a></p>
                """
        )
    }
}
