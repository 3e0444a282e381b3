/// The methods an inquiry is built from; each gives its questions, every one answered by choosing (a number is
/// stored only as its band, so an unusual figure cannot point at its author). Free text is never collected.
enum InquiryMethod: String, CaseIterable, Sendable {
    case trend
    case diary

    var label: String {
        switch self {
        case .trend: "Trend survey: better, the same or worse, per topic"
        case .diary: "Diary: hours worked this week and the pace of work"
        }
    }

    static let trendChoices = ["Better", "The same", "Worse"]
    static let hourBands = ["Under 20", "20 to 34", "35 to 44", "45 to 54", "55 or more"]
    static let maximumTopics = 12

    /// The questions, in order, for the topics given (a trend survey asks one question per topic).
    func questions(topics: [String]) -> [InquiryQuestion] {
        switch self {
        case .trend:
            topics.map { InquiryQuestion(prompt: "\($0): compared with a year ago", choices: Self.trendChoices) }
        case .diary:
            [
                InquiryQuestion(prompt: "Hours worked this week", choices: Self.hourBands, number: true),
                InquiryQuestion(
                    prompt: "The pace of work this week, from 1 (easy) to 5 (relentless)",
                    choices: ["1", "2", "3", "4", "5"]
                ),
            ]
        }
    }

    /// The band a number of hours falls in, or nil outside 0…168.
    static func band(hours: Int) -> Int? {
        switch hours {
        case 0..<20: 0
        case 20..<35: 1
        case 35..<45: 2
        case 45..<55: 3
        case 55...168: 4
        default: nil
        }
    }
}

struct InquiryQuestion: Sendable {
    let prompt: String
    let choices: [String]
    var number = false
}
