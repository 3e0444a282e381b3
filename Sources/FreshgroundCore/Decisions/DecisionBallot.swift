/// A position on a consent proposal. Only a block stops it; standing aside and disagreeing are recorded.
public enum ConsentPosition: Int, CaseIterable, Codable, Sendable {
    case agree = 1
    case standAside = 2
    case abstain = 0
    case disagree = -1
    case block = -2
}

/// A vote on a motion.
public enum MotionChoice: Int, CaseIterable, Codable, Sendable {
    case yes = 1
    case no = -1
    case abstain = 0
}

/// One ballot: a mark per option (or one mark for consent and motion), and a weight (a voting unit's voices; 1
/// otherwise). A weight of 3 counts as three identical ballots everywhere.
///
/// Marks by kind: consent `marks[0]` is a `ConsentPosition` raw value; motion `marks[0]` a `MotionChoice` raw value;
/// approval per option 0 or 1; score per option 0…scoreMax; dots per option ≥ 0, summing to at most the dots; ranked
/// and Schulze per option its rank 1…n (0 = unranked; the ranks used are 1, 2, 3… without gaps or repeats);
/// meeting time per option 2 yes, 1 if need be, 0 no; election per candidate 1 yes, −1 no, 0 abstain.
/// `DecisionSpec.check` says whether a ballot fits its decision.
public struct DecisionBallot: Equatable, Codable, Sendable {
    public var marks: [Int]
    public var weight: Int

    public init(marks: [Int], weight: Int = 1) {
        self.marks = marks
        self.weight = weight
    }

    /// The marks as stored: whole numbers joined by commas, "1,0,3" (no spaces; no marks is "").
    public var encoded: String {
        marks.map(String.init).joined(separator: ",")
    }

    /// Reads `encoded` strictly: only the exact form `encoded` writes ("1,0,3", "-1"), and a weight of at least 1.
    public init?(encoded: String, weight: Int) {
        guard weight >= 1 else { return nil }
        var marks: [Int] = []
        if !encoded.isEmpty {
            for part in encoded.split(separator: ",", omittingEmptySubsequences: false) {
                guard let mark = Int(part), String(mark) == part else { return nil }
                marks.append(mark)
            }
        }
        self.init(marks: marks, weight: weight)
    }
}
