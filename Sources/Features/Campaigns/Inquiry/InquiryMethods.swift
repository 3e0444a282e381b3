/// The methods an inquiry is built from; each gives its questions, every one answered by choosing (a number is
/// stored only as its band, so an unusual figure cannot point at its author). Free text is never collected.
enum InquiryMethod: String, CaseIterable, Sendable {
    case trend
    case diary
    case interview

    var label: String {
        switch self {
        case .trend: "Trend survey: better, the same or worse, per topic"
        case .diary: "Diary: hours worked this week and the pace of work"
        case .interview: "Interview guide: open questions one to one, recorded as themes"
        }
    }

    /// What the topics field holds for this method.
    var topicsHint: String {
        switch self {
        case .trend: "the topics, each asked as better, the same or worse"
        case .diary: "nothing"
        case .interview: "the guide’s open questions (the standard guide when left empty)"
        }
    }

    /// Whether one person records several answers (an interviewer, one record per conversation) instead of answering
    /// once for themselves.
    var recordsConversations: Bool { self == .interview }

    static let trendChoices = ["Better", "The same", "Worse"]
    static let hourBands = ["Under 20", "20 to 34", "35 to 44", "45 to 54", "55 or more"]
    /// The themes an interviewer codes each answer with after the conversation; never free text.
    static let themes = ["Pay", "Hours", "Safety", "Management", "Workload", "Other"]
    static let strengths = ["Mildly", "Strongly", "Very strongly"]
    static let maximumTopics = 12
    /// The guide used when the starter writes no questions of their own.
    static let standardGuide = [
        "What is a normal day at work (or school) like for you?",
        "What has changed there in the last year?",
        "What bothers you most, and who else does it bother?",
        "What would you change first, if you could?",
        "What have you and the people around you already tried?",
    ]

    /// The questions, in order, for the topics given (a trend survey asks one question per topic; an interview
    /// record asks the theme and its strength for each question of the guide).
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
        case .interview:
            topics.flatMap {
                [
                    InquiryQuestion(prompt: "“\($0)”: what the answer was mostly about", choices: Self.themes),
                    InquiryQuestion(prompt: "“\($0)”: how strongly it was felt", choices: Self.strengths),
                ]
            }
        }
    }

    /// The topics stored for what was typed: the lines typed, or for an interview with none the standard guide.
    func topics(typed lines: [String]) -> [String] {
        switch self {
        case .trend: lines
        case .diary: []
        case .interview: lines.isEmpty ? Self.standardGuide : lines
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
