import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Starting an inquiry, with the day it closes, and closing it early.
struct InquiryWrites: Sendable {
    let services: AppServices
    var inquiries: Inquiries { Inquiries(services: services) }

    /// The longest an inquiry may run.
    static let maximumDays = 366

    /// What the start form proposes as the last day: four weeks from today.
    func defaultClosingDay() -> String {
        CivilTime(epochSeconds: Int(services.clock().timeIntervalSince1970 + Inquiries.defaultDays * 86_400)).isoDate
    }

    /// Starts an inquiry for the group with `slug`, taking answers to the end of the day `closesOn` (UTC); returns
    /// its id. Refused (forbidden) for someone who speaks for no group taking part.
    func start(
        _ campaign: Int,
        group slug: String,
        method: String,
        title typed: String,
        topics typedTopics: String,
        closesOn: String,
        by person: CurrentPerson
    ) async throws -> Int {
        _ = try await CampaignQueries(services: services).campaign(campaign, viewer: person)
        let groups = try await inquiries.startingGroups(campaign, for: person)
        guard !groups.isEmpty else {
            throw AppError.forbidden("Only the organizers and editors of a group taking part start an inquiry.")
        }
        var errors: [String: String] = [:]
        let group = groups.first { $0.slug == slug.lowercased() }
        if group == nil { errors["group"] = "Choose a group taking part that you organize or edit for." }
        let kind = InquiryMethod(rawValue: method)
        if kind == nil { errors["method"] = "Choose a method." }
        let title = FieldRules.text(typed, "title", max: 200, &errors).trimmingWhitespace()
        if title.isEmpty, errors["title"] == nil { errors["title"] = "Give the inquiry a title." }
        let lines = Inquiries.lines(typedTopics)
        if kind == .trend || (kind == .interview && !lines.isEmpty) {
            if lines.isEmpty || lines.count > InquiryMethod.maximumTopics || lines.contains(where: { $0.count > 200 }) {
                errors["topics"] =
                    "Give 1 to \(InquiryMethod.maximumTopics) \(kind == .trend ? "topics" : "questions"), one a line, "
                    + "each under 200 characters."
            }
        }
        let closesAt = closing(closesOn, &errors)
        guard errors.isEmpty, let group, let kind, let closesAt else { throw AppError.validation(errors) }
        guard
            let groupID = try await services.store.sql.select().column("id").from("groups")
                .where("slug", .equal, group.slug).value("id", as: Int.self)
        else { throw AppError.notFound }
        let id = try await services.store.sql.raw(
            """
            INSERT INTO inquiries (campaign_id, group_id, method, title, topics, created_by, created_at, closes_at)
            VALUES (\(bind: campaign), \(bind: groupID), \(bind: kind.rawValue), \(bind: title), \
            \(bind: kind.topics(typed: lines).joined(separator: "\n")), \(bind: person.id), \(bind: services.clock()), \
            \(bind: closesAt))
            RETURNING id
            """
        ).value("id", as: Int.self)
        guard let id else { throw AppError.notFound }
        return id
    }

    /// The end of the day `text` (YYYY-MM-DD, UTC), refused when malformed, past or more than a year ahead.
    private func closing(_ text: String, _ errors: inout [String: String]) -> Date? {
        let now = Int(services.clock().timeIntervalSince1970)
        guard let day = CivilTime(parsing: text.trimmingWhitespace()), text.trimmingWhitespace().count == 10 else {
            errors["closesOn"] = "Give the last day answers are taken, as YYYY-MM-DD."
            return nil
        }
        let end = (CivilTime.days(year: day.year, month: day.month, day: day.day) + 1) * 86_400
        if end <= now {
            errors["closesOn"] = "The last day is in the past: choose today or a later day."
            return nil
        }
        if end > now + Self.maximumDays * 86_400 {
            errors["closesOn"] = "An inquiry runs at most a year: choose an earlier last day."
            return nil
        }
        return Date(timeIntervalSince1970: Double(end))
    }

    /// Closes the inquiry now, by an organizer of the group running it; results are shown from then on.
    func close(_ id: Int, by person: CurrentPerson) async throws {
        let (inquiry, _) = try await inquiries.inquiry(id, viewer: person)
        guard try await inquiries.actsForRunningGroup(inquiry, person, roles: Role.organizing) else {
            throw AppError.forbidden("Only the organizers of \(inquiry.groupName) close this inquiry.")
        }
        let now = services.clock()
        guard !inquiry.isClosed(at: now) else {
            throw AppError.validation([FieldSet.formMessage: "This inquiry is already closed."])
        }
        try await services.store.sql.update("inquiries").set("closes_at", to: now)
            .where("id", .equal, id).where("closes_at", .greaterThan, now).run()
    }
}
