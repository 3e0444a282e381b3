import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Library

/// The draft "report from below" of a closed inquiry: a draft piece in the journal of the group that ran it, written
/// from the counts as they are shown (a hidden count stays "fewer than 5") with the method, the period and how many
/// took part, and nothing else: no name, no answer of anyone. It is the drafter's to rewrite; nothing is public until
/// the journal publishes it.
struct InquiryReport: Sendable {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }

    /// Drafts the report for the organizers and editors of the group that ran the inquiry, after the close; returns
    /// the draft's id.
    func draft(_ id: Int, by person: CurrentPerson) async throws -> Int {
        let (inquiry, campaign) = try await inquiries.inquiry(id, viewer: person)
        guard try await inquiries.actsForRunningGroup(inquiry, person, roles: Role.publishing) else {
            throw AppError.forbidden("Only the organizers and editors of \(inquiry.groupName) draft its report.")
        }
        let results = try await inquiries.results(inquiry)
        guard results.closed else {
            throw AppError.validation([
                FieldSet.formMessage: "The report is drafted once the inquiry has closed and its results are shown."
            ])
        }
        var input = PublicationInput()
        input.kind = PublicationKind.report.rawValue
        input.journal = inquiry.groupSlug
        input.title = String("What we found: \(inquiry.title)".prefix(200))
        input.summary = "A workers’ inquiry by \(inquiry.groupName), \(inquiry.startDay) to \(inquiry.closingDay)."
        input.byline = inquiry.groupName
        input.pseudonym = true
        input.placeKind = "workplace"
        input.hidePlace = true
        input.happening = Self.text(inquiry, campaign: campaign.isPublic ? campaign.title : nil, results)
        return try await PublicationWrites(services: services).save(input, id: nil, by: person)
    }

    /// The report's text in Markdown, from what the results page shows.
    static func text(_ inquiry: Inquiries.Inquiry, campaign: String?, _ results: Inquiries.Results) -> String {
        let hidden = "fewer than \(SmallCells.threshold)"
        let who = inquiry.kind.recordsConversations ? "conversations were recorded" : "people took part"
        let count =
            results.takenPart < SmallCells.threshold ? "Fewer than \(SmallCells.threshold)" : String(results.takenPart)
        let within = campaign.map { " in the campaign “\($0)”" } ?? ""
        var text = """
            \(inquiry.groupName) ran the workers’ inquiry “\(inquiry.title)”\(within) from \(inquiry.startDay) to \
            \(inquiry.closingDay). Method: \(inquiry.kind.label). \(count) \
            \(who). Answers were given without names; a count under \(SmallCells.threshold) is shown as “\(hidden)”.
            """
        guard let tables = results.tables else {
            return text + "\n\nToo few answered for any count to be shown."
        }
        for (question, table) in zip(inquiry.questions, tables) {
            let lines = zip(question.choices, table.cells).map { choice, cell in
                "- \(choice): \(cell.map(String.init) ?? hidden)"
            }
            text += "\n\n**\(question.prompt)**\n\n" + lines.joined(separator: "\n")
        }
        return text
    }
}
