import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// One campaign in a group's yearly plan, as a viewer may see it.
struct PlanItem: Sendable, Decodable, Equatable {
    let id: Int
    let campaignId: Int
    let title: String
    let startsOn: String
    let endsOn: String
    let hoursNeeded: Int
    /// Hours pledged to the campaign in all, by everyone who pledged; never who.
    let hoursPledged: Int
    let priority: Bool

    var firstDay: Int { IsoDay.parse(startsOn) ?? 0 }
    var lastDay: Int { IsoDay.parse(endsOn) ?? 0 }
}

/// A group's plan for one year, read for one viewer: only the campaigns they may see, with their totals.
struct PlanView: Sendable {
    let group: Group
    let standing: Standing
    let year: Int
    let priorityCap: Int?
    let prioritiesDecision: Int?
    let items: [PlanItem]
    /// The groups taking part in each item's campaign, by item id.
    let groupIDs: [Int: Set<Int>]
    /// Those groups as the viewer is shown them ("a private group" for those they may not see), by group id.
    let groupRefs: [Int: GroupRef]

    var manages: Bool { GroupRules.canManage(standing) }

    var warnings: [PlanCheck.Warning] {
        PlanCheck.warnings(
            items.map {
                PlanCheck.Item(
                    id: $0.id,
                    groups: groupIDs[$0.id] ?? [],
                    firstDay: $0.firstDay,
                    lastDay: $0.lastDay,
                    hoursNeeded: $0.hoursNeeded,
                    hoursPledged: $0.hoursPledged
                )
            }
        )
    }

    var firstDay: Int { CivilTime.days(year: year, month: 1, day: 1) }
    var lastDay: Int { CivilTime.days(year: year, month: 12, day: 31) }

    func item(_ id: Int) -> PlanItem? { items.first { $0.id == id } }

    /// A warning in words.
    func sentence(_ warning: PlanCheck.Warning) -> String {
        switch warning {
        case .shortOfHours(let id, let needed, let pledged):
            return "“\(item(id)?.title ?? "")” needs \(needed) hours; \(pledged) are pledged."
        case .planShortOfHours(let needed, let pledged):
            return "The plan needs \(needed) hours in all; \(pledged) are pledged."
        case .overlap(let first, let second, let weeks, let shared):
            let names = Set(shared.compactMap { groupRefs[$0]?.name }).sorted()
            let span = "\(Self.dayLabel(weeks.lowerBound * 7 - 3)) to \(Self.dayLabel(weeks.upperBound * 7 + 3))"
            return """
                “\(item(first)?.title ?? "")” and “\(item(second)?.title ?? "")” fall on the same weeks (\(span)) \
                for \(names.isEmpty ? "the same groups" : names.joined(separator: ", ")).
                """
        }
    }

    /// "1 Mar 2027" for a day number.
    static func dayLabel(_ day: Int) -> String {
        let date = CivilTime.date(fromDays: day)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }
}
