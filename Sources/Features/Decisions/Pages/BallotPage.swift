import FreshgroundCore
import FreshgroundWeb

/// The ballot form of each kind of decision. Every choice has a label, groups of choices are fieldsets with a
/// legend, and a refused ballot comes back with every mark as it was sent.
enum BallotPage {
    static func form(_ context: AppContext, _ model: DecisionPageModel, fields: FieldSet) -> HTML {
        let rules = model.rules
        let reason: HTML =
            switch model.decision.reasons {
            case .none: .empty
            case .optional: fields.textarea("reason", label: "Your reason (optional)", rows: 3, hint: reasonHint(model))
            case .required: fields.textarea("reason", label: "Your reason (required)", rows: 3, hint: reasonHint(model))
            }
        let error: HTML = .when(fields.errors["ballot"] != nil) {
            "<p class=\"field-error\" id=\"ballot-error\">\(fields.errors["ballot"] ?? "")</p>"
        }
        return """
            <section aria-labelledby="ballot-title">
            <h2 id="ballot-title">Your vote</h2>
            \(fields.summary)
            \(FormParts.postForm(context, to: DecisionPaths.vote(model.decision.id), novalidate: true))
            \(whose(model, fields: fields))
            <fieldset\(fields.errors["ballot"] != nil ? " aria-describedby=\"ballot-error\"" : "")>
            <legend>\(legend(rules))</legend>
            \(error)
            \(choices(rules, fields: fields))
            </fieldset>
            \(reason)
            <p class="hint">\(model.decision.secret ? "Your vote is secret and final: once cast, nobody (not even you) can link it to you or change it." : "This is an open vote: the other voters see your name with your vote and reason. Your vote is final.")</p>
            <button type="submit">Cast my vote</button>
            </form>
            </section>
            """
    }

    /// For a delegate: whose vote this is (their own, or one of the groups they cast the vote of).
    private static func whose(_ model: DecisionPageModel, fields: FieldSet) -> HTML {
        let seats = model.standing.openSeats
        guard !seats.isEmpty else { return .empty }
        var choices = seats.map { seat in
            (value: seat.slug, label: "\(seat.name) (\(seat.voices) voice\(seat.voices == 1 ? "" : "s"))")
        }
        if model.standing.entitled && !model.standing.voted {
            choices.insert((value: "self", label: "My own vote"), at: 0)
        }
        guard choices.count > 1 else {
            return """
                <p>You cast the vote of <strong>\(seats[0].name)</strong> as its delegate \
                (\(seats[0].voices) voice\(seats[0].voices == 1 ? "" : "s")); its members see it with your reason.</p>
                <input type="hidden" name="unit" value="\(seats[0].slug)">
                """
        }
        return fields.select("unit", label: "Whose vote you cast", options: choices)
    }

    private static func reasonHint(_ model: DecisionPageModel) -> String {
        model.decision.secret
            ? "Published with the ballots after the close, without your name." : "Published with your name and vote."
    }

    static func legend(_ rules: DecisionSpec) -> String {
        switch rules.kind {
        case .consent: "Your position on the proposal"
        case .motion: "Your vote on the motion"
        case .approval:
            rules.maxChoices == 1
                ? "Choose one"
                : "Choose \(rules.minChoices == 0 ? "up to" : "from \(rules.minChoices) to") \(rules.maxChoices)"
        case .score: "Give each choice a score from 0 to \(rules.scoreMax)"
        case .dots: "Spread up to \(rules.dots) dots among the choices"
        case .ranked, .schulze:
            "Number the choices in your order of preference (1 for your first); leave out any you would not rank"
        case .meetingTime: "Can you come at each time?"
        case .election: "Yes, no or abstain for each candidate"
        }
    }

    private static func choices(_ rules: DecisionSpec, fields: FieldSet) -> HTML {
        let values = fields.values
        switch rules.kind {
        case .consent:
            return radios("position", BallotForm.consentNames.map { ($0.1, $0.2) }, current: values["position"])
        case .motion:
            return radios("position", BallotForm.motionNames.map { ($0.1, $0.2) }, current: values["position"])
        case .approval:
            return rules.options.indices.map { index -> HTML in
                let name = BallotForm.field(index)
                return """
                    <div class="field checkbox"><input id="\(name)" name="\(name)" type="checkbox" value="on"\(
                        values.checked(name) ? " checked" : "")><label for="\(name)">\(rules.options[index])</label></div>
                    """
            }.joined()
        case .score, .ranked, .schulze:
            let top = rules.kind == .score ? rules.scoreMax : rules.options.count
            let first: (String, String) = rules.kind == .score ? ("0", "0") : ("", "—")
            let numbers = [first] + (1...max(1, top)).map { (String($0), String($0)) }
            return rules.options.indices.map { index -> HTML in
                let name = BallotForm.field(index)
                let items = numbers.map { number -> HTML in
                    "<option value=\"\(number.0)\"\(values[name] == number.0 ? " selected" : "")>\(number.1)</option>"
                }
                return """
                    <div class="field"><label for="\(name)">\(rules.options[index])</label>
                    <select id="\(name)" name="\(name)">\(items)</select></div>
                    """
            }.joined()
        case .dots:
            return rules.options.indices.map { index -> HTML in
                let name = BallotForm.field(index)
                return """
                    <div class="field"><label for="\(name)">\(rules.options[index])</label>
                    <input id="\(name)" name="\(name)" type="number" min="0" max="\(rules.dots)" inputmode="numeric" \
                    value="\(values[name])"></div>
                    """
            }.joined()
        case .meetingTime, .election:
            let names = rules.kind == .meetingTime ? BallotForm.meetingNames : BallotForm.electionNames
            return rules.options.indices.map { index -> HTML in
                let name = BallotForm.field(index)
                return """
                    <fieldset class="choice"><legend>\(rules.options[index])</legend>\(
                        radios(name, names.map { ($0.1, $0.2) }, current: values[name]))</fieldset>
                    """
            }.joined()
        }
    }

    private static func radios(_ name: String, _ choices: [(String, String)], current: String) -> HTML {
        choices.map { choice -> HTML in
            let id = "\(name)-\(choice.0)"
            return """
                <div class="field checkbox"><input id="\(id)" name="\(name)" type="radio" value="\(choice.0)"\(
                    current == choice.0 ? " checked" : "")><label for="\(id)">\(choice.1)</label></div>
                """
        }.joined()
    }
}
