import FreshgroundCore
import FreshgroundWeb
import Groups

/// A group's figures as the `VolunteerFigures` schema. Every count of people under `Disclosure.threshold` (5) is
/// `null`, and so is every share or ratio worked out from such a count; `suppressedBelow` says so.
struct FigureBody: Encodable, Sendable {
    /// One cohort: its join month (`YYYY-MM`), its size, and how many were active in each month after joining.
    struct Cohort: Encodable, Sendable {
        let month: String
        @Nullable var size: Int?
        let active: [Int?]
    }

    /// Joins and leavers in one month.
    struct Month: Encodable, Sendable {
        let month: String
        @Nullable var joined: Int?
        @Nullable var left: Int?
    }

    /// The share still active after `days` days; null when fewer than 5 people had been around that long.
    struct TenurePoint: Encodable, Sendable {
        let days: Int
        @Nullable var survival: Double?
    }

    /// A count under a name (a ladder rung, a move between rungs, a load band).
    struct Count: Encodable, Sendable {
        let key: String
        @Nullable var people: Int?
    }

    let group: GroupRef
    let asOf: String
    let suppressedBelow: Int
    @Nullable var joined: Int?
    @Nullable var skill: String?
    let sharingGroups: Int
    let lapseDays: Int
    @Nullable var people: Int?
    let cohorts: [Cohort]
    let months: [Month]
    @Nullable var joinedLastYear: Int?
    @Nullable var leftLastYear: Int?
    @Nullable var revolvingDoor: Double?
    let tenure: [TenurePoint]
    @Nullable var medianTenureDays: Int?
    let ladder: [Count]
    let ladderMoves: [Count]
    let load: [Count]
    @Nullable var topTenthShare: Double?
    @Nullable var rolesPastTerm: Int?

    init(_ view: FigureView, _ report: FigureReport) {
        let shown = FigureReport.exposed
        group = GroupRef(slug: view.group.slug, name: view.group.name)
        asOf = IsoDay.format(report.today)
        suppressedBelow = Disclosure.threshold
        joined = view.filter.joined
        skill = view.filter.skill
        sharingGroups = view.sharing
        lapseDays = report.lapseDays
        people = shown(report.people)
        cohorts = report.cohorts.map { row in
            let small = row.size < Disclosure.threshold
            return Cohort(
                month: Cohorts.label(ofMonth: row.month),
                size: shown(row.size),
                active: row.active.map { small ? nil : shown($0) }
            )
        }
        months = report.turnover.map {
            Month(month: Cohorts.label(ofMonth: $0.month), joined: shown($0.joins), left: shown($0.leavers))
        }
        joinedLastYear = shown(report.joinedThisYear)
        leftLastYear = shown(report.leftThisYear)
        revolvingDoor = report.revolvingDoor
        tenure = report.tenureAt.map {
            TenurePoint(days: $0.days, survival: $0.atRisk >= Disclosure.threshold ? $0.survival : nil)
        }
        medianTenureDays = report.medianTenure
        ladder = zip(Ladder.Rung.allCases, report.funnel).map { Count(key: $0.rawValue, people: shown($1)) }
        ladderMoves = report.transitions.map {
            Count(key: "\($0.from.rawValue)>\($0.to.rawValue)", people: shown($0.count))
        }
        load = zip(LoadBucket.allCases, report.load).map { Count(key: $0.key, people: shown($1)) }
        topTenthShare = report.shownTopShare
        rolesPastTerm = shown(report.rolesPastTerm)
    }
}
