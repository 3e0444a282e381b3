import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird
import SQLKit

/// A group's figures page and its API, for the group's organizers only (anyone else is told "not found").
struct FigureRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        router.get(VolunteerPaths.figures) { request, context in
            let view = try await load(request, context)
            return Reply.html(FigurePages.page(context, view))
        }
        router.get("/api/v1/groups/:slug/figures") { request, context in
            let view = try await load(request, context)
            guard let report = view.report else { throw AppError.conflict(FigurePages.refusal) }
            return try Reply.json(FigureBody(view, report))
        }
    }

    /// The figures the viewer may see of the group in the path, narrowed by the query's filter; nil figures when
    /// the differencing guard refuses the answer.
    func load(_ request: Request, _ context: AppContext) async throws -> FigureView {
        let person = try context.requirePerson()
        let slug = try context.parameters.require("slug")
        let (group, standing) = try await GroupQueries(services: services).visibleGroup(slug: slug, viewer: person)
        guard VolunteerRules.canManage(standing) else { throw AppError.notFound }
        let query = request.uri.query ?? ""
        let filter = try FigureFilter(joined: Self.field("joined", in: query), skill: Self.field("skill", in: query))
        let sql = services.store.sql
        let queries = FigureQueries(sql)
        let ids = try await queries.groupIDs(for: group)
        let now = services.clock()
        var inputs = try await queries.inputs(
            groupIDs: ids,
            settings: try await queries.settings(of: group.id),
            today: IsoDay.day(of: now)
        )
        inputs.people = try await FigureAnswers(sql).narrow(inputs.people, by: filter)
        let answer = Set(inputs.people.map(\.id))
        let admitted = try await FigureAnswers(sql).admit(answer, viewer: person.id, group: group.id, at: now)
        return FigureView(
            group: group,
            filter: filter,
            sharing: ids.count - 1,
            report: admitted ? FigureReport(inputs) : nil
        )
    }

    /// The first value of `name` in a query string as a GET form sends it: "+" for a space, then percent escapes.
    static func field(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init) == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        }
        return nil
    }
}

/// The answers (sets of people counted) a viewer has already been shown for a group, kept so that no later
/// answer can be set against one of them to single out fewer than `Disclosure.threshold` people.
struct FigureAnswers: Sendable {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The people who match `filter`: joined in its year (their earliest joining among the groups counted), and
    /// have its skill.
    func narrow(_ people: [FigurePerson], by filter: FigureFilter) async throws -> [FigurePerson] {
        var people = people
        if let year = filter.joined {
            people = people.filter { CivilTime.date(fromDays: $0.joinedDay).year == year }
        }
        if let skill = filter.skill {
            let having = Set(
                try await sql.raw(
                    "SELECT person_id FROM volunteer_skills WHERE skill = \(bind: skill) AND wants = \(bind: false)"
                ).column("person_id", as: Int.self)
            )
            people = people.filter { having.contains($0.id) }
        }
        return people
    }

    /// Whether `answer` may be shown to `viewer`: refused when it differs from one already shown to them for the
    /// group by 1 to 4 people; otherwise recorded (once) and admitted.
    func admit(_ answer: Set<Int>, viewer: Int, group: Int, at: Date) async throws -> Bool {
        let stored = try await sql.raw(
            """
            SELECT people FROM volunteer_figure_answers WHERE viewer_id = \(bind: viewer) \
            AND group_id = \(bind: group) ORDER BY id
            """
        ).column("people", as: String.self)
        var shown = Disclosure.Guard(shown: stored.map(Self.parse))
        let known = shown.shown.contains(answer)
        guard shown.admit(answer) else { return false }
        if !known {
            try await sql.insert(into: "volunteer_figure_answers")
                .columns("viewer_id", "group_id", "people", "at")
                .values(SQLBind(viewer), SQLBind(group), SQLBind(Self.format(answer)), SQLBind(at))
                .run()
        }
        return true
    }

    /// A set of person ids as stored: ascending, comma-separated.
    static func format(_ people: Set<Int>) -> String { people.sorted().map(String.init).joined(separator: ",") }

    static func parse(_ text: String) -> Set<Int> { Set(text.split(separator: ",").compactMap { Int($0) }) }
}
