import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// An inquiry as the `CampaignInquiry` schema: its questions, how many took part, and after the close with at least
/// 5 answers each question's counts with counts under 5 as `null`. Never an individual answer, never a person.
struct InquiryBody: Encodable, Sendable {
    struct Question: Encodable, Sendable {
        let prompt: String
        let choices: [String]
        /// Answered with a whole number of hours (stored only as its band among `choices`).
        let number: Bool
    }

    struct Result: Encodable, Sendable {
        struct Cell: Encodable, Sendable {
            let choice: String
            /// `null` when under 5, or when it could be worked out from the others.
            @Nullable var count: Int?
        }

        let prompt: String
        @Nullable var total: Int?
        let counts: [Cell]
    }

    let id: Int
    let campaign: Int
    let title: String
    let method: String
    let runBy: GroupRef
    let startedAt: Date
    let closesAt: Date
    let closed: Bool
    /// People who answered (for an interview guide, conversations recorded).
    let takenPart: Int
    /// The open questions of an interview guide; empty for the other methods.
    let guide: [String]
    let questions: [Question]
    /// `null` before the close, or with fewer than 5 answers.
    @Nullable var results: [Result]?

    init(_ inquiry: Inquiries.Inquiry, _ results: Inquiries.Results) {
        id = inquiry.id
        campaign = inquiry.campaignId
        title = inquiry.title
        method = inquiry.kind.rawValue
        runBy = inquiry.group
        startedAt = inquiry.createdAt
        closesAt = inquiry.closesAt
        closed = results.closed
        takenPart = results.takenPart
        guide = inquiry.kind == .interview ? inquiry.guide : []
        let questions = inquiry.questions
        self.questions = questions.map { Question(prompt: $0.prompt, choices: $0.choices, number: $0.number) }
        self.results = results.tables.map { tables in
            zip(questions, tables).map { question, table in
                Result(
                    prompt: question.prompt,
                    total: table.total,
                    counts: zip(question.choices, table.cells).map { Result.Cell(choice: $0, count: $1) }
                )
            }
        }
    }
}

/// A campaign's inquiries, as the `CampaignInquiryList` schema.
struct InquiryListBody: Encodable, Sendable {
    let items: [InquiryBody]
}

/// One answer (or one recorded conversation), as the `CampaignInquiryAnswer` schema: per question, in order, the
/// index of the chosen answer, or for a number question the whole number of hours.
struct InquiryAnswerBody: Decodable, Sendable {
    let answers: [Int]
}

/// Starting an inquiry, as the `CampaignInquiryInput` schema: the start form's fields, a field left out being empty.
struct InquiryInputBody: Decodable, Sendable {
    /// The slug of the group taking part that runs it.
    let group: String?
    let method: String?
    let title: String?
    /// A trend survey's topics, or an interview guide's open questions (none: the standard guide).
    let topics: [String]?
    /// The last day answers are taken, YYYY-MM-DD (UTC).
    let closesOn: String?
}

/// The draft report from below, as the `CampaignInquiryReport` schema: its id and the page to rewrite it on.
struct InquiryReportBody: Encodable, Sendable {
    let id: Int
    let edit: String
}
