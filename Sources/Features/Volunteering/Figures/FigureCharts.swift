import FreshgroundCore
import FreshgroundWeb

/// The charts of a `FigureReport`. Every count of people under `Disclosure.threshold` is written "<5" and left
/// undrawn (a bar's height or a cell's shade would give it away), and so is any share worked out from one.
enum FigureCharts {
    /// Cohort retention as a heat map: cohorts × months since joining, each cell the share (and number) of the
    /// cohort active that month.
    static func retentionMap(_ report: FigureReport) -> Chart {
        let width = report.months.count
        let rows = report.cohorts.map { row in
            (0..<width).map { offset -> (Double?, String) in
                guard offset < row.active.count else { return (nil, "") }
                let n = row.active[offset]
                guard row.size >= Disclosure.threshold, n >= Disclosure.threshold else {
                    return (nil, FigureReport.shown(n))
                }
                let share = Double(n) / Double(row.size)
                return (share, "\(n) (\(percent(share)))")
            }
        }
        return Chart(
            title: "Who is still active, by the month they joined",
            summary: """
                Each row is the people who joined in one month; each cell how many of them were active (came to \
                something or did something) that many months later. Rows that fade quickly are people drifting away.
                """,
            kind: .heatMap,
            rowLabels: report.cohorts.map {
                "\(Cohorts.label(ofMonth: $0.month)) (\(FigureReport.shown($0.size)) joined)"
            },
            columnLabels: (0..<width).map(String.init),
            values: rows.map { $0.map(\.0) },
            cellText: rows.map { $0.map(\.1) },
            columnTitle: "Months since joining",
            id: "chart-retention-map"
        )
    }

    /// The same retention as curves, one per cohort of at least the threshold, as a percentage still active.
    static func retentionCurves(_ report: FigureReport) -> Chart {
        let cohorts = report.cohorts.filter { $0.size >= Disclosure.threshold }
        let width = report.months.count
        let rows = cohorts.map { row in
            (0..<width).map { offset -> (Double?, String) in
                guard offset < row.active.count else { return (nil, "") }
                let n = row.active[offset]
                guard n >= Disclosure.threshold else { return (nil, FigureReport.shown(n)) }
                let share = Double(n) / Double(row.size)
                return (share * 100, percent(share))
            }
        }
        return Chart(
            title: "Retention curves",
            summary: """
                The share of each month's joiners still active that many months later (cohorts of five or more \
                people; points from fewer than five people are left out).
                """,
            kind: .lines,
            rowLabels: cohorts.map { Cohorts.label(ofMonth: $0.month) },
            columnLabels: (0..<width).map(String.init),
            values: rows.map { $0.map(\.0) },
            cellText: rows.map { $0.map(\.1) },
            unit: "% still active",
            columnTitle: "Months since joining",
            id: "chart-retention-curves",
            maximum: 100
        )
    }

    /// Joins and leavers in each of the last 12 months.
    static func turnover(_ report: FigureReport) -> Chart {
        let series = [report.turnover.map(\.joins), report.turnover.map(\.leavers)]
        return Chart(
            title: "Joined and left, month by month",
            summary: """
                People who joined each month, and people who left, dated at their last activity (a person has \
                left after \(report.lapseDays) days with no activity).
                """,
            kind: .bars,
            rowLabels: ["Joined", "Left"],
            columnLabels: report.turnover.map { Cohorts.label(ofMonth: $0.month) },
            values: series.map { $0.map(drawn) },
            cellText: series.map { $0.map(FigureReport.shown) },
            unit: "people",
            id: "chart-turnover"
        )
    }

    /// Kaplan–Meier: the share still active after so many days.
    static func tenure(_ report: FigureReport) -> Chart {
        let points = report.tenureAt.map { point -> (Double?, String) in
            point.atRisk >= Disclosure.threshold
                ? (point.survival, percent(point.survival)) : (nil, "not shown: fewer than 5 people stayed so long")
        }
        return Chart(
            title: "How long people stay",
            summary: """
                The estimated share of people still active after so many days with the group (Kaplan–Meier: \
                people still active count for as long as they have been around).
                """,
            kind: .steps,
            rowLabels: ["Still active"],
            columnLabels: FigureReport.tenureDays.map { "\($0) days" },
            values: [points.map(\.0)],
            cellText: [points.map(\.1)],
            columnTitle: "Days since joining",
            id: "chart-tenure"
        )
    }

    /// How many stand on each rung of the ladder or higher.
    static func funnel(_ report: FigureReport) -> Chart {
        Chart(
            title: "The ladder: how far people have come",
            summary: "How many people have reached each step, or a higher one, of the group's ladder.",
            kind: .bars,
            rowLabels: ["People"],
            columnLabels: Ladder.Rung.allCases.map(\.label),
            values: [report.funnel.map(drawn)],
            cellText: [report.funnel.map(FigureReport.shown)],
            unit: "people",
            id: "chart-ladder"
        )
    }

    /// Moves between rungs over the last year.
    static func transitions(_ report: FigureReport) -> Chart {
        let moves = report.transitions
        return Chart(
            title: "Moves on the ladder over the last year",
            summary: "How many people moved from one step to another between a year ago and now.",
            kind: .bars,
            rowLabels: ["People"],
            columnLabels: moves.map { "\($0.from.label) → \($0.to.label)" },
            values: [moves.map { drawn($0.count) }],
            cellText: [moves.map { FigureReport.shown($0.count) }],
            unit: "people",
            id: "chart-ladder-moves"
        )
    }

    /// This week's load against the pledge, in bands.
    static func load(_ report: FigureReport) -> Chart {
        Chart(
            title: "Load against pledge this week",
            summary: """
                How many people have taken on nothing, some, all or more than the hours a week they pledged, counting \
                their work in all their groups. Counts only: nobody's load is shown.
                """,
            kind: .bars,
            rowLabels: ["People"],
            columnLabels: LoadBucket.allCases.map(\.label),
            values: [report.load.map(drawn)],
            cellText: [report.load.map(FigureReport.shown)],
            unit: "people",
            id: "chart-load"
        )
    }

    /// The share of the last year's hours logged by the busiest tenth of those who logged any.
    static func concentration(_ report: FigureReport) -> Chart {
        let share = report.shownTopShare
        let text = share.map(percent) ?? "not shown: fewer than 5 people logged hours"
        let rest = share.map { percent(1 - $0) } ?? text
        return Chart(
            title: "Share of hours done by the busiest tenth",
            summary: """
                Of the hours logged in the last year, the share logged by the top 10% of the people who logged any. \
                A large share means the work rests on a few people.
                """,
            kind: .bars,
            rowLabels: ["Share of hours"],
            columnLabels: ["Top 10%", "Everyone else"],
            values: [[share.map { $0 * 100 }, share.map { (1 - $0) * 100 }]],
            cellText: [[text, rest]],
            unit: "% of hours",
            id: "chart-concentration",
            maximum: 100
        )
    }

    /// A count's height on a chart: none when it is not shown.
    static func drawn(_ n: Int) -> Double? { n < Disclosure.threshold ? nil : Double(n) }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
