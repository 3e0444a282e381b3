import FreshgroundCore
import FreshgroundWeb

/// The plan as a picture drawn on the server: one bar per campaign across the year's months, hatched when it is
/// short of pledged hours, darker when it is a priority, and a band over the weeks where two campaigns fall on
/// the same groups. Presentation attributes only (the pages' security policy refuses inline styles); the table
/// after it holds the same facts for screen readers.
enum PlanTimeline {
    static let labelWidth = 190
    static let dayWidth = 2
    static let rowHeight = 26
    static let top = 24

    static func svg(_ plan: PlanView) -> HTML {
        let days = plan.lastDay - plan.firstDay + 1
        let width = labelWidth + days * dayWidth + 10
        let height = top + max(plan.items.count, 1) * rowHeight + 8
        let warnings = plan.warnings
        let short = Set(
            warnings.compactMap { warning -> Int? in
                if case .shortOfHours(let item, _, _) = warning { return item }
                return nil
            }
        )
        let bands = warnings.compactMap { warning -> HTML? in
            guard case .overlap(_, _, let weeks, _) = warning else { return nil }
            let first = max(weeks.lowerBound * 7 - 3, plan.firstDay)
            let last = min(weeks.upperBound * 7 + 3, plan.lastDay)
            guard first <= last else { return nil }
            return """
                <rect x="\(x(first, plan))" y="\(top - 4)" width="\((last - first + 1) * dayWidth)" \
                height="\(height - top)" fill="#d9534f" fill-opacity="0.18"/>
                """
        }
        let months = (1...12).map { month -> HTML in
            let day = CivilTime.days(year: plan.year, month: month, day: 1)
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return """
                <line x1="\(x(day, plan))" y1="\(top - 6)" x2="\(x(day, plan))" y2="\(height)" stroke="currentColor" \
                stroke-opacity="0.2"/><text x="\(x(day, plan) + 3)" y="14" font-size="11" fill="currentColor">\(names[month - 1])</text>
                """
        }
        let bars = plan.items.enumerated().map { index, item -> HTML in
            let y = top + index * rowHeight
            let first = max(item.firstDay, plan.firstDay)
            let last = min(item.lastDay, plan.lastDay)
            let fill = short.contains(item.id) ? "url(#short)" : (item.priority ? "#1f5f99" : "#5b8fc7")
            let label = item.title.count > 26 ? String(item.title.prefix(25)) + "…" : item.title
            return """
                <g><title>\(item.title): \(item.startsOn) to \(item.endsOn), needs \(item.hoursNeeded) hours, \
                \(item.hoursPledged) pledged</title>
                <text x="4" y="\(y + 15)" font-size="12" fill="currentColor">\(label)</text>
                <rect x="\(x(first, plan))" y="\(y + 3)" width="\(max(last - first + 1, 1) * dayWidth)" height="\(rowHeight - 8)" \
                fill="\(fill)" stroke="#1f5f99"/></g>
                """
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" \
            aria-labelledby="plan-svg-title plan-svg-desc" class="plan-timeline">
            <title id="plan-svg-title">Timeline of the \(String(plan.year)) plan</title>
            <desc id="plan-svg-desc">\(plan.items.count) campaign\(plan.items.count == 1 ? "" : "s") across the year; \
            hatched bars are short of pledged hours, shaded weeks have two campaigns for the same groups. The table \
            below gives the same facts.</desc>
            <defs><pattern id="short" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f3d9a4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b7791f" stroke-width="3"/>\
            </pattern></defs>
            \(bands.joined())\(months.joined())\(bars.joined())
            </svg>
            """
    }

    private static func x(_ day: Int, _ plan: PlanView) -> Int { labelWidth + (day - plan.firstDay) * dayWidth }
}
