import FreshgroundCore
import FreshgroundWeb
import Groups

/// A group taking part in a planned campaign as the caller may see it, as the `PlanGroup` schema: a group they may
/// not see is "a private group", without its slug.
struct PlanGroupBody: Encodable, Sendable {
    @Nullable var slug: String?
    let name: String

    init(_ group: GroupRef) {
        slug = group.slug.isEmpty ? nil : group.slug
        name = group.name
    }
}

/// A campaign in the plan, as the `PlanItem` schema.
struct PlanItemBody: Encodable, Sendable {
    let id: Int
    let campaign: Int
    let title: String
    let startsOn: String
    let endsOn: String
    let hoursNeeded: Int
    /// Hours pledged to the campaign in all; never who pledged them.
    let hoursPledged: Int
    let priority: Bool
    let groups: [PlanGroupBody]

    init(_ item: PlanItem, in plan: PlanView) {
        id = item.id
        campaign = item.campaignId
        title = item.title
        startsOn = item.startsOn
        endsOn = item.endsOn
        hoursNeeded = item.hoursNeeded
        hoursPledged = item.hoursPledged
        priority = item.priority
        // As the page's table: the groups taking part, by name.
        groups = (plan.groupIDs[item.id] ?? []).compactMap { plan.groupRefs[$0] }.sorted { $0.name < $1.name }
            .map(PlanGroupBody.init)
    }
}

/// One of the plan's warnings, as one of the `PlanWarning` schemas (by `kind`), with the page's sentence; fields
/// another kind has are left out.
struct PlanWarningBody: Encodable, Sendable {
    let kind: String
    let message: String
    var item: Int?
    var needed: Int?
    var pledged: Int?
    var items: [Int]?
    var from: String?
    var until: String?
    var groups: [PlanGroupBody]?

    init(_ warning: PlanCheck.Warning, in plan: PlanView) {
        message = plan.sentence(warning)
        switch warning {
        case .shortOfHours(let item, let needed, let pledged):
            kind = "shortOfHours"
            (self.item, self.needed, self.pledged) = (item, needed, pledged)
        case .planShortOfHours(let needed, let pledged):
            kind = "planShortOfHours"
            (self.needed, self.pledged) = (needed, pledged)
        case .overlap(let first, let second, let weeks, let shared):
            kind = "overlap"
            items = [first, second]
            // Monday of the first shared week to Sunday of the last, as the sentence says.
            from = IsoDay.format(weeks.lowerBound * 7 - 3)
            until = IsoDay.format(weeks.upperBound * 7 + 3)
            // Named as the sentence names them: each group the caller may see, and "a private group" once.
            let refs = shared.compactMap { plan.groupRefs[$0] }
            let named = refs.filter { !$0.slug.isEmpty }.sorted { $0.name < $1.name }
            let hidden = refs.first { $0.slug.isEmpty }
            groups = (named + (hidden.map { [$0] } ?? [])).map(PlanGroupBody.init)
        }
    }
}

/// A group's plan for a year as the caller may see it, as the `Plan` schema.
struct PlanBody: Encodable, Sendable {
    let group: GroupRef
    let year: Int
    /// The caller organizes the group: may change the plan.
    let canManage: Bool
    @Nullable var priorityCap: Int?
    @Nullable var prioritiesDecision: Int?
    let hoursNeeded: Int
    let hoursPledged: Int
    let items: [PlanItemBody]
    let warnings: [PlanWarningBody]

    /// `decision`: the priorities' vote when the caller may see it.
    init(_ plan: PlanView, decision: Int?) {
        group = GroupRef(slug: plan.group.slug, name: plan.group.name)
        year = plan.year
        canManage = plan.manages
        priorityCap = plan.priorityCap
        prioritiesDecision = decision
        hoursNeeded = plan.items.reduce(0) { $0 + $1.hoursNeeded }
        hoursPledged = plan.items.reduce(0) { $0 + $1.hoursPledged }
        items = plan.items.map { PlanItemBody($0, in: plan) }
        warnings = plan.warnings.map { PlanWarningBody($0, in: plan) }
    }
}

/// A campaign to add to the plan, with its span and the hours it needs.
struct PlanItemInputBody: Decodable, Sendable {
    var campaign: Int?
    var startsOn: String?
    var endsOn: String?
    var hoursNeeded: Int?
}

/// How many campaigns may be priorities; null for no limit.
struct PlanCapInputBody: Decodable, Sendable {
    var cap: Int?
}

/// The caller's own pledge, as the `CampaignHoursPledge` schema.
struct HoursPledgeBody: Encodable, Sendable {
    let hours: Int
    let group: GroupRef
}

/// The caller's hours for a campaign, as the `CampaignHours` schema: the campaign's total, their own pledge and
/// the groups they may pledge through. Never anyone else's pledge.
struct HoursBody: Encodable, Sendable {
    let total: Int
    @Nullable var pledge: HoursPledgeBody?
    let groups: [GroupRef]
}

/// The caller's pledge: hours in all, through one of their groups taking part.
struct HoursInputBody: Decodable, Sendable {
    var hours: Int?
    var group: String?
}
