import Foundation
import FreshgroundCore
import FreshgroundWeb

/// What the form (or the API) gives to open a decision: the question, its kind and rules, and when voting runs.
/// Field names are the form's; a refusal names them, so the form comes back with each message by its field.
package struct DecisionInput: Sendable, Decodable {
    package var title = ""
    package var body = ""
    package var kind = DecisionKind.motion.rawValue
    /// The choices, one per line (candidates, options, meeting times).
    package var options = ""
    package var seats = "1"
    package var minChoices = "1"
    package var maxChoices = "1"
    package var scoreMax = "5"
    package var dots = "10"
    package var rankedRule = RankedRule.scottishSTV.rawValue
    package var majority = MajorityKind.simple.rawValue
    package var base = MajorityBase.yesNo.rawValue
    package var quorumVoters = "0"
    package var quorumPercent = "0"
    package var secret = true
    package var resultsHidden = false
    /// Publish the question and its result to everyone once voting closes (public groups only).
    package var publicResults = false
    /// Remind those who have not voted a day before the close.
    package var remind = true
    package var reasons = ReasonRule.optional.rawValue
    package var zone = "UTC"
    /// `members` (the group's members vote) or `groups` (the groups listed in `units` vote, each as one unit).
    package var electorate = ElectorateKind.members.rawValue
    /// For `groups`: one group per line, by name, with "= N" for more than one voice.
    package var units = ""
    /// Local time in `zone`, `YYYY-MM-DDTHH:MM`; empty opens voting at once.
    package var opensAt = ""
    package var closesAt = ""

    package init() {}

    package init(form: FormData) {
        title = form["title"]
        body = form.raw("body")
        kind = form["kind"]
        options = form.raw("options")
        seats = form["seats"]
        minChoices = form["minChoices"]
        maxChoices = form["maxChoices"]
        scoreMax = form["scoreMax"]
        dots = form["dots"]
        rankedRule = form["rankedRule"]
        majority = form["majority"]
        base = form["base"]
        quorumVoters = form["quorumVoters"]
        quorumPercent = form["quorumPercent"]
        secret = form.checked("secret")
        resultsHidden = form.checked("resultsHidden")
        publicResults = form.checked("publicResults")
        remind = form.checked("remind")
        reasons = form["reasons"]
        zone = form["zone"]
        electorate = form["electorate"].isEmpty ? ElectorateKind.members.rawValue : form["electorate"]
        units = form.raw("units")
        opensAt = form["opensAt"]
        closesAt = form["closesAt"]
    }

    static let titleMax = 150
    static let bodyMax = 20_000
    static let optionMax = 200
    static let optionsMax = 100
    /// Voting runs for at least this long, so that nobody is left out by a vote that opens and closes at once.
    static let shortestVote: TimeInterval = 15 * 60
    static let longestVote: TimeInterval = 366 * 86_400

    /// The checked decision, or `AppError.validation` naming every field at fault.
    func validated(now: Date) throws -> ValidDecision {
        var errors: [String: String] = [:]
        let title = FieldRules.line(self.title, "title", "Say what is to be decided.", max: Self.titleMax, &errors)
        let body = FieldRules.text(self.body, "body", max: Self.bodyMax, &errors)
            .replacingOccurrences(of: "\r\n", with: "\n").trimmingWhitespace()
        let kind = DecisionKind(rawValue: self.kind)
        if kind == nil { errors["kind"] = "Choose a kind of decision." }
        let options = self.options.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        if options.count > Self.optionsMax {
            errors["options"] = "Give at most \(Self.optionsMax) choices."
        } else if let long = options.first(where: { $0.count > Self.optionMax }) {
            errors["options"] = "Keep each choice under \(Self.optionMax) characters (“\(long.prefix(40))…” is longer)."
        } else if Set(options.map { $0.lowercased() }).count < options.count {
            errors["options"] = "Two choices have the same name; make each one different."
        }
        let defaults = DecisionInput()
        let given: [String: String] = [
            "seats": defaults.seats, "minChoices": defaults.minChoices, "maxChoices": defaults.maxChoices,
            "scoreMax": defaults.scoreMax, "dots": defaults.dots, "quorumVoters": defaults.quorumVoters,
            "quorumPercent": defaults.quorumPercent,
        ]
        /// A number field; left empty, its default.
        func number(_ text: String, _ field: String, _ range: ClosedRange<Int>) -> Int {
            let text = text.trimmingWhitespace().isEmpty ? given[field] ?? "" : text.trimmingWhitespace()
            guard let value = Int(text), range.contains(value) else {
                errors[field] = "Give a whole number from \(range.lowerBound) to \(range.upperBound)."
                return range.lowerBound
            }
            return value
        }
        let rankedRule = RankedRule(rawValue: self.rankedRule.isEmpty ? defaults.rankedRule : self.rankedRule)
        if rankedRule == nil { errors["rankedRule"] = "Choose a counting rule." }
        let majorityKind = MajorityKind(rawValue: majority.isEmpty ? defaults.majority : majority)
        if majorityKind == nil { errors["majority"] = "Choose a majority." }
        let majorityBase = MajorityBase(rawValue: base.isEmpty ? defaults.base : base)
        if majorityBase == nil { errors["base"] = "Choose what the majority is of." }
        let reasons = ReasonRule(rawValue: self.reasons.isEmpty ? defaults.reasons : self.reasons)
        if reasons == nil { errors["reasons"] = "Choose whether voters give reasons." }
        var spec = DecisionSpec(
            kind: kind ?? .motion,
            options: options,
            seats: number(seats, "seats", 1...100),
            minChoices: number(minChoices, "minChoices", 0...100),
            maxChoices: number(maxChoices, "maxChoices", 1...100),
            scoreMax: number(scoreMax, "scoreMax", 1...100),
            dots: number(dots, "dots", 1...1_000),
            rankedRule: rankedRule ?? .scottishSTV,
            majority: MajorityRule(kind: majorityKind ?? .simple, base: majorityBase ?? .yesNo),
            quorum: QuorumRule(
                minimumVoters: number(quorumVoters, "quorumVoters", 0...1_000_000),
                percentOfEntitled: number(quorumPercent, "quorumPercent", 0...100)
            )
        )
        if kind == .consent || kind == .motion { spec.options = [] }
        if kind != nil, errors.isEmpty { errors.merge(spec.validate()) { first, _ in first } }
        let zone = self.zone.isEmpty ? "UTC" : self.zone
        if !ZonedTime.isKnownZone(zone) { errors["zone"] = "Give a time zone such as Europe/Berlin or UTC." }
        let opens = time(opensAt, "opensAt", zone: zone, &errors) ?? now
        let closes = time(closesAt, "closesAt", zone: zone, &errors)
        if closesAt.isEmpty { errors["closesAt"] = "Say when voting closes." }
        if let closes, errors["closesAt"] == nil {
            if closes.timeIntervalSince(max(opens, now)) < Self.shortestVote {
                errors["closesAt"] = "Voting must stay open at least 15 minutes after it opens."
            } else if closes.timeIntervalSince(opens) > Self.longestVote {
                errors["closesAt"] = "Voting can stay open a year at most."
            }
        }
        guard errors.isEmpty, let kind, let reasons, let closes else { throw AppError.validation(errors) }
        return ValidDecision(
            title: title,
            body: body,
            kind: kind,
            spec: spec,
            secret: secret,
            resultsHidden: secret || resultsHidden,
            publicResults: publicResults,
            remind: remind,
            reasons: reasons,
            zone: zone,
            opensAt: max(opens, now),
            closesAt: closes
        )
    }

    private func time(_ text: String, _ field: String, zone: String, _ errors: inout [String: String]) -> Date? {
        guard !text.isEmpty else { return nil }
        guard let date = ZonedTime.parse(text, zone: zone) else {
            errors[field] = "Give a date and time as YYYY-MM-DDTHH:MM."
            return nil
        }
        return date
    }
}

/// A decision that passed every check, ready to store.
struct ValidDecision: Sendable {
    let title: String
    let body: String
    let kind: DecisionKind
    let spec: DecisionSpec
    let secret: Bool
    let resultsHidden: Bool
    let publicResults: Bool
    let remind: Bool
    let reasons: ReasonRule
    let zone: String
    let opensAt: Date
    let closesAt: Date
}
