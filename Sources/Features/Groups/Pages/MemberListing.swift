import Foundation
import FreshgroundWeb

/// How the members page is searched and sorted (`?q=…&sort=name|role|joined`). Roles and join dates are the
/// organizers' to see, so only they may sort by them; others get the list by name.
struct MemberListing: Sendable, Equatable {
    enum Sort: String, CaseIterable, Sendable {
        case name, role, joined

        var label: String {
            switch self {
            case .name: "Name"
            case .role: "Role"
            case .joined: "Join date, newest first"
            }
        }
    }

    var query: String
    var sort: Sort

    init(query: String = "", sort: Sort = .name) {
        self.query = query
        self.sort = sort
    }

    /// From the page's address; an unknown sort is the default, as a search form's leftover should be.
    init(_ parameters: [String: String], manage: Bool) {
        query = (parameters["q"] ?? "").trimmingWhitespace()
        let asked = Sort(rawValue: parameters["sort"] ?? "") ?? .name
        sort = manage ? asked : .name
    }

    /// The rows that match the search, in the chosen order (name, then handle, breaks ties).
    func arrange(_ rows: [MemberRow]) -> [MemberRow] {
        let needle = query.lowercased()
        let matching =
            needle.isEmpty
            ? rows
            : rows.filter { $0.displayName.lowercased().contains(needle) || $0.handle.lowercased().contains(needle) }
        func name(_ row: MemberRow) -> String { (row.displayName.isEmpty ? row.handle : row.displayName).lowercased() }
        func byName(_ a: MemberRow, _ b: MemberRow) -> Bool { (name(a), a.handle) < (name(b), b.handle) }
        switch sort {
        case .name:
            return matching.sorted(by: byName)
        case .role:
            let rank: [Role: Int] = [.organizer: 0, .editor: 1, .member: 2]
            return matching.sorted { (rank[$0.role] ?? 3, name($0)) < (rank[$1.role] ?? 3, name($1)) }
        case .joined:
            return matching.sorted { $0.joinedAt != $1.joinedAt ? $0.joinedAt > $1.joinedAt : byName($0, $1) }
        }
    }

    /// The search and sort form, which keeps what was asked.
    func form(action: String, manage: Bool) -> HTML {
        let sorts = (manage ? Sort.allCases : [.name]).map { option -> HTML in
            "<option value=\"\(option.rawValue)\"\(option == sort ? " selected" : "")>\(option.label)</option>"
        }
        return """
            <form class="member-search" action="\(action)" method="get" role="search">\
            <label for="q">Find a person</label> <input id="q" name="q" type="search" value="\(query)"> \
            \(HTML.when(manage) { "<label for=\"sort\">Sort by</label> <select id=\"sort\" name=\"sort\">\(sorts)</select> " })\
            <button type="submit">Show</button></form>
            """
    }
}
