import FreshgroundCore

/// All the figures of one group or coalition, worked out from `FigureInputs` by the pure functions of
/// `FreshgroundCore`. Counts of people are kept as numbers here; what may be shown of each is decided by
/// `Disclosure` when the page or the API writes it (`FigureReport.shown`).
struct FigureReport: Sendable {
    /// The cohorts of the last 12 months (months nobody joined in left out), each followed to this month.
    let cohorts: [Cohorts.Row]
    /// The months of the cohort figures and the joins and leavers, oldest first: the last 12 with this one.
    let months: ClosedRange<Int>
    let turnover: [Turnover.Month]
    /// People who joined, and people who left (lapsed, dated at their last activity), in the last 365 days.
    let joinedThisYear: Int
    let leftThisYear: Int
    let tenure: [Tenure.Step]
    /// The share still active after each of `Self.tenureDays` days, and how many were still around then.
    let tenureAt: [(days: Int, survival: Double, atRisk: Int)]
    let medianTenure: Int?
    /// How many stand on each rung or higher, in `Ladder.Rung.allCases` order.
    let funnel: [Int]
    /// Moves between rungs from a year ago to now, among those who had joined by then.
    let transitions: [Ladder.Transition]
    /// How many people fall in each of `LoadBucket.allCases`.
    let load: [Int]
    /// People who logged hours in the last 365 days, and the share of those hours logged by the top tenth of them.
    let hoursPeople: Int
    let topShare: Double?
    let rolesPastTerm: Int
    let people: Int
    /// People with any activity at all.
    let active: Int
    let lapseDays: Int
    let today: Int

    static let tenureDays = [30, 90, 180, 365, 730]

    /// A count as it may be shown: "<5" under the threshold.
    static func shown(_ n: Int) -> String { Disclosure.cell(n) }

    /// A count as the API gives it: nil under the threshold.
    static func exposed(_ n: Int) -> Int? { n < Disclosure.threshold ? nil : n }

    /// Whether there is anything to show: at least `Disclosure.threshold` people and some activity.
    var hasData: Bool { people >= Disclosure.threshold && active > 0 }

    /// Leavers for each joiner over the last 365 days; nil when either count is under the threshold (a ratio of
    /// small counts would give them away) or nobody joined.
    var revolvingDoor: Double? {
        guard joinedThisYear >= Disclosure.threshold, leftThisYear >= Disclosure.threshold else { return nil }
        return Double(leftThisYear) / Double(joinedThisYear)
    }

    /// The share of hours by the top tenth, only when at least `Disclosure.threshold` people logged hours.
    var shownTopShare: Double? { hoursPeople >= Disclosure.threshold ? topShare : nil }

    init(_ inputs: FigureInputs) {
        let today = inputs.today
        let lapse = inputs.lapseDays
        let members = inputs.people.map(\.member)
        let current = Cohorts.month(ofDay: today)
        months = (current - 11)...current
        self.today = today
        active = inputs.people.filter { !$0.activeDays.isEmpty }.count
        lapseDays = lapse
        people = inputs.people.count
        cohorts = Cohorts.retention(members, from: months.lowerBound, through: months.upperBound)
        turnover = Turnover.monthly(members, months: months, today: today, lapseDays: lapse)
        let year = (today - 364)...today
        joinedThisYear = members.filter { year.contains($0.joinedDay) }.count
        leftThisYear =
            members.filter { member in
                Turnover.leaverDay(
                    joinedDay: member.joinedDay,
                    lastActiveDay: member.lastActiveDay,
                    today: today,
                    lapseDays: lapse
                ).map(year.contains) ?? false
            }.count
        let spells = members.map { member -> Tenure.Spell in
            let left = Turnover.leaverDay(
                joinedDay: member.joinedDay,
                lastActiveDay: member.lastActiveDay,
                today: today,
                lapseDays: lapse
            )
            return Tenure.Spell(days: max(0, (left ?? today) - member.joinedDay), ended: left != nil)
        }
        tenure = Tenure.kaplanMeier(spells)
        medianTenure = Tenure.median(tenure)
        let steps = tenure
        tenureAt = Self.tenureDays.map { days in
            (days, steps.last { $0.day <= days }?.survival ?? 1, spells.filter { $0.days >= days }.count)
        }
        let now = Dictionary(
            uniqueKeysWithValues: inputs.people.map { ($0.id, Self.rung($0, by: today, inputs.steps)) }
        )
        funnel = Ladder.funnel(Array(now.values))
        let cutoff = today - 365
        var before: [Int: Ladder.Rung] = [:]
        for person in inputs.people where person.joinedDay <= cutoff {
            before[person.id] = Self.rung(person, by: cutoff, inputs.steps)
        }
        transitions = Ladder.transitions(from: before, to: now)
        var load = Array(repeating: 0, count: LoadBucket.allCases.count)
        for person in inputs.people { load[LoadBucket(hours: person.loadHours, pledge: person.pledge).rawValue] += 1 }
        self.load = load
        let hours = inputs.people.map(\.hoursLastYear).filter { $0 > 0 }
        hoursPeople = hours.count
        topShare = Concentration.topShare(hours)
        rolesPastTerm = inputs.rolesPastTerm
    }

    /// The rung a person stood on at the end of `day`. Organizing is read as it is now (when it began is not kept).
    static func rung(_ person: FigurePerson, by day: Int, _ steps: Ladder.Steps) -> Ladder.Rung {
        let record = Ladder.Record(
            attended: person.attendedDays.filter { $0 <= day }.count,
            volunteered: person.doneDays.filter { $0 <= day }.count,
            heldRole: person.roleDays.contains { $0 <= day },
            organized: person.organizer
        )
        return Ladder.stage(record, steps: steps)
    }
}

/// This week's load against the pledge, in bands for the histogram.
enum LoadBucket: Int, CaseIterable, Sendable {
    case noPledge, nothing, underHalf, upToPledge, over, farOver

    init(hours: Double, pledge: Double) {
        guard pledge > 0 else {
            self = .noPledge
            return
        }
        let ratio = hours / pledge
        switch ratio {
        case ...0: self = .nothing
        case ...0.5: self = .underHalf
        case ...1: self = .upToPledge
        case ...1.5: self = .over
        default: self = .farOver
        }
    }

    var label: String {
        switch self {
        case .noPledge: "No pledge"
        case .nothing: "Nothing this week"
        case .underHalf: "Up to half"
        case .upToPledge: "Half to all"
        case .over: "Over, up to 1½×"
        case .farOver: "Over 1½×"
        }
    }

    /// The name the API gives the band.
    var key: String {
        switch self {
        case .noPledge: "noPledge"
        case .nothing: "nothing"
        case .underHalf: "upToHalf"
        case .upToPledge: "upToPledge"
        case .over: "over"
        case .farOver: "farOver"
        }
    }
}
