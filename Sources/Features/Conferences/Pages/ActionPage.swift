import Decisions
import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Everything one action proposal's page shows, read with the viewer's rights.
struct ActionPageModel {
    let conference: ConferenceView
    let action: ActionProposalView
    let plenary: ActionPlenary
    /// For an adopted action.
    let tracker: ActionTracker?
    /// The viewer is a registered participant (votes in the plenary, proposes amendments).
    let participant: Bool
    /// The participants whose votes the viewer holds.
    let held: [ProxyView]
    /// The viewer may post tracker updates (an organizer of the conference or of a responsible group).
    let canUpdate: Bool
    /// The groups the conference's organizers may name as responsible.
    let groups: NamedChoices

    var id: Int { conference.id }
    var isOrganizer: Bool { conference.roles.isOrganizer }
}

/// One action proposal: its text as amended with the history of amendments, the plenary's votes (in vote until
/// …, then adopted or not with the rule that decided), the forms of each step, and the tracker once adopted.
enum ActionPage {
    static func page(_ context: AppContext, _ model: ActionPageModel, fields: FieldSet = FieldSet()) -> HTML {
        let action = model.action
        let amended = model.plenary.amendments.contains { $0.state.adopted }
        let original: HTML = .when(amended) {
            """
            <details><summary>The text as first proposed</summary><div class="post-body">\(HTML(raw: action.textHTML))\
            </div></details>
            """
        }
        return Layout.page(
            title: action.title,
            context: context,
            main: """
                \(ConferenceParts.header(model.conference, action.title))
                <p class="meta">Proposed by \(action.author.map { "\($0.name) (@\($0.handle))" } ?? "someone") · \
                \(PlenaryParts.stateLine(model.plenary.vote, adoptedWord: "Adopted"))</p>
                \(fields.summary)
                <h2>\(amended ? "The text, as amended" : "The text")</h2>
                <div class="post-body">\(HTML(raw: Markdown.html(model.plenary.text)))</div>
                \(original)
                \(PlenaryParts.voteSection(context, model, fields: fields))
                \(PlenaryParts.amendments(context, model, fields: fields))
                \(TrackerParts.section(context, model, fields: fields))
                <p><a href="\(ConferencePaths.actions(model.id))">All action proposals</a></p>
                """
        )
    }
}

/// The plenary's parts of an action's page.
enum PlenaryParts {
    /// "in plenary vote until …", "Adopted: …" or "Not adopted: …".
    static func stateLine(_ state: PlenaryState, adoptedWord: String) -> HTML {
        switch state {
        case .none: return "Not yet put to the plenary's vote"
        case .gone: return "The vote on it is no longer on the site"
        case .voting(_, _, _, let closes, let zone):
            return """
                <strong>In plenary vote</strong> until \
                <time datetime="\(ZonedTime.iso(closes))">\(ZonedTime.display(closes, zone: zone))</time>
                """
        case .decided(_, let adopted, let explanation):
            return "<strong>\(adopted ? adoptedWord : "Not \(adoptedWord.lowercased())")</strong>: \(explanation)"
        }
    }

    static func voteSection(_ context: AppContext, _ model: ActionPageModel, fields: FieldSet) -> HTML {
        let plenary = model.plenary
        switch plenary.vote {
        case .none:
            guard model.isOrganizer else {
                return "<p>Participants may propose amendments until the organizers put the proposal to the vote.</p>"
            }
            guard !plenary.amendmentVoting else {
                return
                    "<p>An amendment is being voted on: the proposal can be put to the vote once its result is in.</p>"
            }
            return """
                <section aria-labelledby="plenary-title"><h2 id="plenary-title">Put it to the plenary's vote</h2>
                <p>Every participant registered when the vote opens votes on the text as it stands now, amendments \
                adopted so far included. Amendments can no longer be proposed after this.</p>
                \(FormParts.postForm(context, to: ConferencePaths.plenaryVote(model.id, model.action.id), novalidate: true))
                \(fields.select("kind", label: "Kind of vote", options: [("motion", "A motion: yes, no or abstain"), ("consent", "A consent proposal: it passes unless someone blocks")]))
                \(voteFields(fields, prefix: ""))
                <button type="submit">Open the plenary vote</button></form></section>
                """
        case .voting(let decision, let kind, _, _, _):
            return """
                <section aria-labelledby="plenary-title"><h2 id="plenary-title">The plenary vote</h2>
                <p><a href="\(DecisionPaths.decision(decision))">\(model.participant ? "Cast your vote" : "The vote")</a> \
                (the registered participants vote).</p>
                \(proxyForms(context, model, decision: decision, kind: kind))</section>
                """
        case .decided(let decision, _, _):
            return "<p><a href=\"\(DecisionPaths.decision(decision))\">The vote and its count</a></p>"
        case .gone: return .empty
        }
    }

    /// The closing time (and secrecy) of a plenary vote; `prefix` tells an amendment's form from the proposal's.
    static func voteFields(_ fields: FieldSet, prefix: String) -> HTML {
        """
        \(fields.text("\(prefix)closesAt", label: "Voting closes (local time of the conference)", type: "datetime-local", required: true))
        \(fields.checkbox("\(prefix)secret", label: "Secret ballot (otherwise each participant's vote is on the record)", checked: false))
        """
    }

    /// A form per participant whose vote the viewer holds, to cast it in decision `decision`.
    static func proxyForms(_ context: AppContext, _ model: ActionPageModel, decision: Int, kind: DecisionKind) -> HTML {
        guard !model.held.isEmpty else { return .empty }
        let choices: [(String, String)] =
            kind == .consent
            ? BallotForm.consentNames.map { ($0.1, $0.2) } : BallotForm.motionNames.map { ($0.1, $0.2) }
        let forms = model.held.map { giver -> HTML in
            let base = "proxy-\(decision)-\(giver.handle)"
            let radios = choices.map { choice -> HTML in
                """
                <div class="field checkbox"><input id="\(base)-\(choice.0)" name="position" type="radio" \
                value="\(choice.0)"><label for="\(base)-\(choice.0)">\(choice.1)</label></div>
                """
            }.joined()
            return """
                \(FormParts.postForm(context, to: ConferencePaths.proxyBallot(model.id, decision)))\
                <input type="hidden" name="for" value="\(giver.handle)">
                <fieldset><legend>The vote of \(giver.person.name) (@\(giver.handle)), whose proxy you hold</legend>\(radios)</fieldset>
                <div class="field"><label for="\(base)-reason">Reason (optional)</label>\
                <textarea id="\(base)-reason" name="reason" rows="2"></textarea></div>
                <button type="submit">Cast \(giver.person.name)'s vote</button></form>
                """
        }.joined()
        return """
            <h3>Votes you hold</h3><p>You cast these besides your own. If the person has voted already, their own \
            vote counts and yours for them is refused; once you have cast it, they cannot vote.</p>\(forms)
            """
    }

    static func amendments(_ context: AppContext, _ model: ActionPageModel, fields: FieldSet) -> HTML {
        let plenary = model.plenary
        let items = plenary.amendments.map { item -> HTML in
            let amendment = item.amendment
            let put: HTML = .when(model.isOrganizer && plenary.amendable && amendment.decisionId == nil) {
                let prefix = "amendment-\(amendment.id)-"
                return """
                    \(FormParts.postForm(context, to: ConferencePaths.amendmentVote(model.id, model.action.id, amendment.id), novalidate: true))
                    \(voteFields(fields, prefix: prefix))<button type="submit">Put this amendment to the vote</button></form>
                    """
            }
            let proxies: HTML =
                if case .voting(let decision, let kind, _, _, _) = item.state {
                    "<p><a href=\"\(DecisionPaths.decision(decision))\">The vote on this amendment</a></p>\(proxyForms(context, model, decision: decision, kind: kind))"
                } else { .empty }
            return """
                <li id="amendment-\(amendment.id)"><p class="meta">\(amendment.mode.label) · proposed by \
                \(amendment.author.map { "\($0.name) (@\($0.handle))" } ?? "someone") · \
                \(amendment.decisionId == nil ? "not put to the vote" : stateLine(item.state, adoptedWord: "Adopted"))</p>
                <div class="post-body">\(HTML(raw: Markdown.html(amendment.text)))</div>\(put)\(proxies)</li>
                """
        }
        let propose: HTML = .when(plenary.amendable && (model.participant || model.isOrganizer)) {
            """
            <h3>Propose an amendment</h3>
            \(FormParts.postForm(context, to: ConferencePaths.amendments(model.id, model.action.id), novalidate: true))
            \(fields.select("amendmentMode", label: "What the amendment does", options: AmendmentMode.allCases.map { ($0.rawValue, $0.label) }))
            \(fields.textarea("amendmentText", label: "The amendment's text", rows: 5, hint: "Markdown."))
            <button type="submit">Propose the amendment</button></form>
            """
        }
        return """
            <section aria-labelledby="amendments-title"><h2 id="amendments-title">Amendments</h2>
            <p>Each amendment is put to the plenary's vote before the proposal; an adopted amendment changes the text \
            above, in the order they were proposed.</p>
            \(items.isEmpty ? "<p class=\"empty\">No amendment has been proposed.</p>" : "<ol class=\"amendments\">\(items)</ol>" as HTML)
            \(propose)</section>
            """
    }
}
