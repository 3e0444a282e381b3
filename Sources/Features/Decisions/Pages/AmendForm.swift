import FreshgroundCore
import FreshgroundWeb

/// A decision's question and rules as the form's values, to put an amended version to the vote again (after a
/// block, say): everything as it was, the title marked as amended, and the times left for the organizer to set.
enum AmendForm {
    static func fields(_ decision: Decision, units: [UnitVote]) throws -> FieldSet {
        let rules = try decision.rules
        var values = FormData()
        let pairs: [(String, String)] = [
            ("title", decision.title.hasSuffix("(amended)") ? decision.title : "\(decision.title) (amended)"),
            ("body", decision.body), ("kind", rules.kind.rawValue), ("options", rules.options.joined(separator: "\n")),
            ("seats", String(rules.seats)), ("minChoices", String(rules.minChoices)),
            ("maxChoices", String(rules.maxChoices)), ("scoreMax", String(rules.scoreMax)),
            ("dots", String(rules.dots)),
            ("rankedRule", rules.rankedRule.rawValue), ("majority", rules.majority.kind.rawValue),
            ("base", rules.majority.base.rawValue), ("quorumVoters", String(rules.quorum.minimumVoters)),
            ("quorumPercent", String(rules.quorum.percentOfEntitled)), ("reasons", decision.reasons.rawValue),
            ("zone", decision.zone), ("electorate", decision.electorate == .groups ? "groups" : "members"),
            ("units", units.map { $0.voices == 1 ? $0.name : "\($0.name) = \($0.voices)" }.joined(separator: "\n")),
            ("_submitted", "1"),
        ]
        for (key, value) in pairs { values.set(key, value) }
        if decision.secret { values.set("secret", "on") }
        if decision.resultsHidden && !decision.secret { values.set("resultsHidden", "on") }
        if decision.publicResults { values.set("publicResults", "on") }
        if decision.remind { values.set("remind", "on") }
        return FieldSet(values: values)
    }
}
