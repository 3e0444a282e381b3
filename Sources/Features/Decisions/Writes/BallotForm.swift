import FreshgroundCore
import FreshgroundWeb

/// Reads a ballot from the vote form: `position` for a consent proposal or a motion, `option-N` per choice for
/// the others. Anything that is not a choice the form offers is refused with a message by the ballot.
package enum BallotForm {
    package static let consentNames: [(ConsentPosition, String, String)] = [
        (.agree, "agree", "Agree"),
        (.standAside, "stand-aside", "Stand aside (I disagree but will not stop it)"),
        (.abstain, "abstain", "Abstain"),
        (.disagree, "disagree", "Disagree"),
        (.block, "block", "Block (a principled objection: it cannot pass)"),
    ]
    package static let motionNames: [(MotionChoice, String, String)] = [
        (.yes, "yes", "Yes"), (.no, "no", "No"), (.abstain, "abstain", "Abstain"),
    ]
    static let meetingNames: [(Int, String, String)] = [(2, "yes", "Yes"), (1, "maybe", "If need be"), (0, "no", "No")]
    static let electionNames: [(Int, String, String)] = [
        (1, "yes", "Yes"), (-1, "no", "No"), (0, "abstain", "Abstain"),
    ]

    static func field(_ option: Int) -> String { "option-\(option)" }

    /// Whose vote this is: the voter's own (nil), or that of the voting unit named by `unit` (its address), which
    /// the voter must be a delegate of; with no `unit`, a delegate of exactly one unit who has no vote of their own
    /// votes for that unit.
    static func unit(_ standing: DecisionStanding, form: FormData) throws -> UnitSeat? {
        let slug = form["unit"]
        if slug.isEmpty || slug == "self" {
            if standing.entitled || standing.openSeats.isEmpty || slug == "self" { return nil }
            guard standing.openSeats.count == 1 else {
                throw AppError.validation(["unit": "Choose which group you cast the vote of."])
            }
            return standing.openSeats[0]
        }
        guard let seat = standing.units.first(where: { $0.slug == slug }) else {
            throw AppError.validation(["unit": "Choose a group whose vote you cast."])
        }
        return seat
    }

    package static func ballot(_ spec: DecisionSpec, form: FormData) throws -> DecisionBallot {
        func refuse(_ message: String) -> AppError { AppError.validation(["ballot": message]) }
        switch spec.kind {
        case .consent:
            guard let position = consentNames.first(where: { $0.1 == form["position"] }) else {
                throw refuse("Choose your position.")
            }
            return DecisionBallot(marks: [position.0.rawValue])
        case .motion:
            guard let choice = motionNames.first(where: { $0.1 == form["position"] }) else {
                throw refuse("Choose yes, no or abstain.")
            }
            return DecisionBallot(marks: [choice.0.rawValue])
        case .approval:
            return DecisionBallot(marks: spec.options.indices.map { form.checked(field($0)) ? 1 : 0 })
        case .score, .dots, .ranked, .schulze:
            var marks: [Int] = []
            for index in spec.options.indices {
                let text = form[field(index)]
                guard let mark = text.isEmpty ? 0 : Int(text), mark >= 0 else {
                    throw refuse("Give a whole number for “\(spec.options[index])”, or leave it empty.")
                }
                marks.append(mark)
            }
            return DecisionBallot(marks: marks)
        case .meetingTime, .election:
            let names = spec.kind == .meetingTime ? meetingNames : electionNames
            var marks: [Int] = []
            for index in spec.options.indices {
                guard let mark = names.first(where: { $0.1 == form[field(index)] }) else {
                    throw refuse("Answer for every choice (“\(spec.options[index])” has no answer).")
                }
                marks.append(mark.0)
            }
            return DecisionBallot(marks: marks)
        }
    }
}
