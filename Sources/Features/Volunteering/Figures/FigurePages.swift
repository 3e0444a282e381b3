import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// What the figures page shows: the group, the filter asked for, and the figures, or why they are withheld.
struct FigureView: Sendable {
    let group: Group
    let filter: FigureFilter
    /// Groups besides this one whose figures are counted in (a coalition's or center's sharing groups).
    let sharing: Int
    /// nil when the filtered answer was refused by the differencing guard.
    let report: FigureReport?
}

/// The figures page: server-drawn charts, each with its title, description and table, and no script.
enum FigurePages {
    static let refusal = """
        These figures are not shown: they would differ from figures you have already seen by fewer than 5 people, \
        so setting one against the other could single someone out. Try a broader filter, or none.
        """

    static func page(_ context: AppContext, _ view: FigureView) -> HTML {
        let title = "\(view.group.name): volunteering figures"
        let body: HTML
        if let report = view.report {
            body = report.hasData ? figures(view, report) : empty(view)
        } else {
            body = "<p class=\"notice\" role=\"status\">\(refusal)</p>"
        }
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Counts for the group as a whole, for its organizers. “Active” means came to something or did \
                something; saying “going” is not enough. Any count under 5 is written “&lt;5”, and figures that \
                could single someone out are not shown.</p>
                \(HTML.when(view.sharing > 0) { "<p>Including \(view.sharing) \(view.sharing == 1 ? "group" : "groups") sharing their figures with \(view.group.name).</p>" })
                \(filterForm(view))
                \(body)
                """
        )
    }

    private static func filterForm(_ view: FigureView) -> HTML {
        let path = VolunteerPaths.figures(view.group.slug)
        return """
            <form method="get" action="\(path)" class="filter">
            <fieldset><legend>Narrow the figures</legend>
            <label for="joined">Joined in year</label>
            <input id="joined" name="joined" inputmode="numeric" pattern="[0-9]{4}" value="\(view.filter.joined.map(String.init) ?? "")">
            <label for="skill">With the skill</label>
            <input id="skill" name="skill" value="\(view.filter.skill ?? "")">
            <button type="submit">Show</button> \
            \(HTML.when(!view.filter.isEmpty) { "<a href=\"\(path)\">All people</a>" })
            </fieldset></form>
            """
    }

    private static func empty(_ view: FigureView) -> HTML {
        view.filter.isEmpty
            ? """
            <p class="empty">No figures yet: they appear once at least five people have joined and someone has come \
            to something or logged some work.</p>
            """
            : "<p class=\"empty\">Too few people match this filter to show any figures.</p>"
    }

    private static func figures(_ view: FigureView, _ report: FigureReport) -> HTML {
        let door: HTML =
            report.revolvingDoor.map { ratio in
                """
                <p><strong>Revolving door: \(String(format: "%.2f", ratio))</strong> — in the last 12 months \
                \(FigureReport.shown(report.leftThisYear)) people left for \(FigureReport.shown(report.joinedThisYear)) \
                who joined. Near 1 or above, the group loses people as fast as it gains them.</p>
                """
            }
                ?? """
                <p><strong>Revolving door: not shown</strong> — in the last 12 months \
                \(FigureReport.shown(report.leftThisYear)) people left and \(FigureReport.shown(report.joinedThisYear)) \
                joined; the ratio needs at least 5 of each.</p>
                """
        let median: HTML = report.medianTenure.map { "<p>Half the people have left by day \($0).</p>" } ?? ""
        let cohorts: HTML =
            report.cohorts.isEmpty
            ? "<p class=\"empty\">Nobody joined in the last 12 months.</p>"
            : "\(FigureCharts.retentionMap(report).figure)\(FigureCharts.retentionCurves(report).figure)"
        let moves: HTML =
            report.transitions.isEmpty
            ? "<p class=\"empty\">Nobody moved between steps over the last year.</p>"
            : FigureCharts.transitions(report).figure
        let roles = report.rolesPastTerm
        return """
            <section aria-labelledby="retention"><h2 id="retention">Retention</h2>\(cohorts)</section>
            <section aria-labelledby="turnover"><h2 id="turnover">Joining and leaving</h2>\(door)\
            \(FigureCharts.turnover(report).figure)</section>
            <section aria-labelledby="tenure"><h2 id="tenure">Tenure</h2>\(median)\(FigureCharts.tenure(report).figure)</section>
            <section aria-labelledby="ladder"><h2 id="ladder">The ladder</h2>\(FigureCharts.funnel(report).figure)\(moves)</section>
            <section aria-labelledby="load"><h2 id="load">Load and who does the work</h2>\
            \(FigureCharts.load(report).figure)\(FigureCharts.concentration(report).figure)</section>
            <section aria-labelledby="roles"><h2 id="roles">Rotation</h2>\
            <p>Roles held past their term: <strong>\(FigureReport.shown(roles))</strong>. \
            <a href="\(VolunteerPaths.rotation(view.group.slug))">The rotation board</a></p></section>
            """
    }
}

/// An optional narrowing of the figures to the people who joined in one year or have one skill.
struct FigureFilter: Sendable, Equatable {
    var joined: Int?
    var skill: String?

    var isEmpty: Bool { joined == nil && skill == nil }

    /// Reads `joined` (a year, 1970 to 2999) and `skill` from the query; something else is a validation error.
    init(joined: String?, skill: String?) throws {
        let year = joined?.trimmingWhitespace() ?? ""
        if year.isEmpty {
            self.joined = nil
        } else if year.count == 4, let value = Int(year), (1970...2999).contains(value) {
            self.joined = value
        } else {
            throw AppError.validation(["joined": "Give a year such as 2026."])
        }
        let skills = VolunteerSkills.list(skill ?? "")
        guard skills.count <= 1 else { throw AppError.validation(["skill": "Give one skill."]) }
        self.skill = skills.first
    }
}
