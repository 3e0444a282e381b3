import FreshgroundCore
import FreshgroundWeb
import Groups

/// The form that puts a question to a group's vote: the question, its kind and choices, the rules stated before
/// anyone votes, and when voting runs.
enum DecisionFormPage {
    /// The form's starting values: a secret motion, simple majority of yes and no, reasons optional.
    static var defaults: FieldSet {
        let input = DecisionInput()
        var values = FormData()
        for (key, value) in [
            ("kind", input.kind), ("seats", input.seats), ("minChoices", input.minChoices),
            ("maxChoices", input.maxChoices), ("scoreMax", input.scoreMax), ("dots", input.dots),
            ("rankedRule", input.rankedRule), ("majority", input.majority), ("base", input.base),
            ("quorumVoters", input.quorumVoters), ("quorumPercent", input.quorumPercent), ("reasons", input.reasons),
            ("zone", input.zone), ("secret", "on"),
        ] {
            values.set(key, value)
        }
        return FieldSet(values: values)
    }

    static func page(_ context: AppContext, group: Group, fields: FieldSet) -> HTML {
        let kinds: [(String, String)] = [
            ("motion", "Motion: yes, no or abstain"), ("consent", "Consent proposal: passes unless someone blocks"),
            ("approval", "Choose one or several"), ("score", "Score each choice"), ("dots", "Dot vote"),
            ("ranked", "Ranked choice (IRV or STV)"), ("schulze", "Ranking (Schulze)"),
            ("meeting-time", "Meeting time poll"), ("election", "Election: yes/no/abstain per candidate"),
        ]
        let rankedRules: [(String, String)] = [
            ("scottish-stv", "Scottish STV"), ("meek", "Meek STV"), ("irv", "Instant runoff (one winner)"),
        ]
        let majorities: [(String, String)] = [
            ("simple", "Simple: more than half"), ("absolute", "Absolute: more than half of all entitled"),
            ("two-thirds", "Two-thirds: at least two-thirds"),
            ("three-quarters", "Three-quarters: at least three-quarters"),
        ]
        let bases: [(String, String)] = [
            ("yes-no", "of the yes and no votes"), ("cast", "of the votes cast, abstentions included"),
            ("valid", "of the valid votes"), ("entitled", "of all who may vote"),
        ]
        let reasons = ReasonRule.allCases.map { ($0.rawValue, $0.label) }
        return Layout.page(
            title: "Put a question to the vote in \(group.name)",
            context: context,
            main: """
                <h1>Put a question to the vote in \(group.name)</h1>
                <p>Every active member of \(group.name) at this moment may vote. The rules below are shown to them \
                and cannot be changed once voting is set up.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: DecisionPaths.new(group.slug), novalidate: true))
                \(fields.text("title", label: "The question", required: true, hint: "Up to \(DecisionInput.titleMax) characters."))
                \(fields.textarea("body", label: "Proposal and background", rows: 8, hint: "Plain text."))
                \(fields.select("kind", label: "Kind of decision", options: kinds.map { (value: $0.0, label: $0.1) }))
                \(fields.textarea("options", label: "Choices, one per line", rows: 6, hint: "Candidates, options or meeting times. Not used for a motion or a consent proposal."))
                <fieldset><legend>Counting</legend>
                \(fields.text("seats", label: "Winners or seats to fill", type: "number", hint: "For ranked choice, elections and choose-several."))
                \(fields.text("minChoices", label: "Choose at least", type: "number", hint: "For choose one or several."))
                \(fields.text("maxChoices", label: "Choose at most", type: "number"))
                \(fields.text("scoreMax", label: "Highest score", type: "number"))
                \(fields.text("dots", label: "Dots per voter", type: "number"))
                \(fields.select("rankedRule", label: "Counting rule for ranked choice", options: rankedRules.map { (value: $0.0, label: $0.1) }))
                </fieldset>
                <fieldset><legend>Majority and quorum</legend>
                \(fields.select("majority", label: "Majority needed (motions and elections)", options: majorities.map { (value: $0.0, label: $0.1) }))
                \(fields.select("base", label: "Counted", options: bases.map { (value: $0.0, label: $0.1) }))
                \(fields.text("quorumVoters", label: "Quorum: at least this many voters", type: "number", hint: "0 for none."))
                \(fields.text("quorumPercent", label: "Quorum: at least this percent of those who may vote", type: "number", hint: "0 for none."))
                </fieldset>
                <fieldset><legend>Who votes</legend>
                \(fields.select("electorate", label: "Voters", options: [(value: "members", label: "The members of \(group.name), one vote each"), (value: "groups", label: "Groups, each one voice or more, cast by their organizers")]))
                \(fields.textarea("units", label: "Voting groups, one per line", rows: 5, hint: "For groups: each group's name, with “= 2” after it for more than one voice. Their organizers cast the vote, and each group's members see its position and reason."))
                </fieldset>
                <fieldset><legend>Ballot</legend>
                \(fields.checkbox("secret", label: "Secret ballot (results only after the close)", checked: true))
                \(fields.checkbox("resultsHidden", label: "For an open vote: hide the results until the close", checked: false))
                \(fields.select("reasons", label: "Reasons", options: reasons.map { (value: $0.0, label: $0.1) }))
                \(fields.checkbox("remind", label: "Remind those who have not voted a day before voting closes", checked: true))
                \(fields.checkbox("publicResults", label: "Publish the question and its result to everyone once voting closes (public groups only; never who voted what)", checked: false))
                </fieldset>
                <fieldset><legend>When</legend>
                \(fields.text("zone", label: "Time zone", hint: "Such as Europe/Berlin or UTC."))
                \(fields.text("opensAt", label: "Voting opens", type: "datetime-local", hint: "Leave empty to open now."))
                \(fields.text("closesAt", label: "Voting closes", type: "datetime-local", required: true))
                </fieldset>
                <input type="hidden" name="_submitted" value="1">
                <button type="submit">Put it to the vote</button>
                </form>
                <p><a href="\(DecisionPaths.group(group.slug))">Back to the decisions of \(group.name)</a></p>
                """
        )
    }
}
