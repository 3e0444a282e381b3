import Foundation
import FreshgroundCore
import FreshgroundStore
import HummingbirdBcrypt
import SQLKit

/// Writes a believable network into an empty database: people with pseudonyms, circles, centers and
/// coalitions with memberships and pledges, follows, affiliations and posts. The same seed gives the same
/// network. Large sizes are written in batched multi-row inserts with a progress line on standard error.
package struct DemoData: Sendable {
    package static let password = "freshground-demo"

    package struct Size: Sendable, Equatable {
        package let people: Int
        package let circles: Int
        package let centers: Int
        package let coalitions: Int
        package let posts: Int

        package static let small = Size(people: 500, circles: 30, centers: 5, coalitions: 2, posts: 150)

        /// A network sized from its number of people: a group per ten people and a post per person.
        package static func scaled(people: Int) -> Size {
            let groups = max(people / 10, 37)
            return Size(
                people: people,
                circles: groups - groups / 50 - groups / 100,
                centers: max(5, groups / 50),
                coalitions: max(2, groups / 100),
                posts: people
            )
        }

        /// Reads `small`, `large` (100,000 people) or a number of people.
        package init?(parsing text: String) {
            switch text {
            case "small": self = .small
            case "large": self = .scaled(people: 100_000)
            default:
                guard let people = Int(text), people >= 50, people <= 5_000_000 else { return nil }
                self = people <= 500 ? .small : .scaled(people: people)
            }
        }

        init(people: Int, circles: Int, centers: Int, coalitions: Int, posts: Int) {
            self.people = people
            self.circles = circles
            self.centers = centers
            self.coalitions = coalitions
            self.posts = posts
        }
    }

    let sql: any SQLDatabase
    let isSQLite: Bool
    let now: Date
    let passwordCost: Int
    let progress: Bool

    package init(store: Store, now: Date = Date(), passwordCost: Int = 12, progress: Bool = true) {
        self.sql = store.sql
        self.isSQLite = store.isSQLite
        self.now = now
        self.passwordCost = passwordCost
        self.progress = progress
    }

    package enum Failure: Error, CustomStringConvertible {
        case notEmpty

        package var description: String {
            "The database already has people in it; demo data is only written into an empty database."
        }
    }

    /// True when no account exists yet.
    package func databaseIsEmpty() async throws -> Bool {
        try await sql.count({ $0 }, from: "people") == 0
    }

    /// Writes the network; with `library`, also publications, recommendations, debates and the search index
    /// (`LibraryDemo.swift`).
    package func write(_ size: Size, library: Bool = false) async throws {
        guard try await databaseIsEmpty() else { throw Failure.notEmpty }
        var random = SeededRandom(seed: 1917)
        let hash = Bcrypt.hash(Self.password, cost: UInt8(passwordCost))
        let cities = Self.cities(count: max(8, size.circles / 40))

        // People: an admin and demo1…demoN, each with a pseudonym.
        var people: [[any Encodable & Sendable]] = [
            ["admin", "Site admin", hash, true, now.addingTimeInterval(-200 * 86400)]
        ]
        for index in 1...size.people {
            let name = DemoWords.firstParts[index % 20] + " " + DemoWords.secondParts[(index / 20) % 20]
            people.append([
                "demo\(index)", index % 7 == 0 ? "" : name, hash, false,
                now.addingTimeInterval(-Double(index % 180) * 86400),
            ])
        }
        try await batched("people", ["handle", "display_name", "password_hash", "is_admin", "created_at"], people)
        let personIDs = try await ids("people", key: "handle")
        let demoPeople = (1...size.people).map { personIDs["demo\($0)"]! }

        // Groups: centers, coalitions (one per city, in turn), then circles spread over the cities.
        var groups: [GroupSeed] = []
        for index in 0..<size.centers {
            let base = DemoWords.centers[index % DemoWords.centers.count]
            let name =
                index < DemoWords.centers.count ? base.name : "\(base.name) \(index / DemoWords.centers.count + 1)"
            groups.append(
                GroupSeed(
                    name: name,
                    kind: "center",
                    city: cities[index % cities.count],
                    description: base.description,
                    placeKind: "city",
                    placeName: ""
                )
            )
        }
        for index in 0..<size.coalitions {
            let base = DemoWords.coalitions[index % DemoWords.coalitions.count]
            let city =
                index < DemoWords.coalitions.count ? (index == 0 ? "Leeds" : "Glasgow") : cities[index % cities.count]
            let name = index < DemoWords.coalitions.count ? base.name : "\(city) Left Unity \(index)"
            groups.append(
                GroupSeed(
                    name: name,
                    kind: "coalition",
                    city: city,
                    description: base.description,
                    placeKind: "city",
                    placeName: ""
                )
            )
        }
        for index in 0..<size.circles {
            let kind = DemoWords.circleKinds[index % DemoWords.circleKinds.count]
            let city = cities[(index / DemoWords.circleKinds.count) % cities.count]
            let round = index / (DemoWords.circleKinds.count * cities.count)
            let name = "\(city) \(kind.suffix)\(round > 0 ? " \(round + 1)" : "")"
            groups.append(
                GroupSeed(
                    name: name,
                    kind: "circle",
                    city: city,
                    description: "A circle of people in \(city) who meet, read and act together.",
                    placeKind: kind.place,
                    placeName: kind.placeName
                )
            )
        }
        let groupRows: [[any Encodable & Sendable]] = groups.enumerated().map { index, seed in
            let isPrivate = seed.kind == "circle" && index % 9 == 4
            let policy = seed.kind == "center" ? "open" : (index % 3 == 0 ? "approval" : "open")
            return [
                Slug.make(from: seed.name), seed.name, seed.kind, seed.description, seed.placeKind, seed.city,
                seed.city.lowercased(),
                seed.placeName, isPrivate ? "private" : "public", policy, index % 4 == 0,
                DemoWords.basisTemplates[index % 2], 1, now.addingTimeInterval(-Double(300 - index % 300) * 86400),
            ]
        }
        try await batched(
            "groups",
            [
                "slug", "name", "kind", "description", "place_kind", "city", "city_key", "place_name", "visibility",
                "join_policy",
                "members_visible", "basis", "basis_version", "created_at",
            ],
            groupRows
        )
        let slugIDs = try await ids("groups", key: "slug")
        let groupIDs = groups.map { slugIDs[Slug.make(from: $0.name)]! }
        try await batched(
            "basis_versions",
            ["group_id", "version", "text", "created_at"],
            groupIDs.enumerated().map {
                [$1, 1, DemoWords.basisTemplates[$0 % 2], now.addingTimeInterval(-250 * 86400)]
            }
        )

        let centerIDs = Array(groupIDs[0..<size.centers])
        let coalitionIDs = Array(groupIDs[size.centers..<(size.centers + size.coalitions)])
        let circleIDs = Array(groupIDs[(size.centers + size.coalitions)...])

        // Memberships: everyone in one or two circles; some also in a center or coalition. The first two
        // members of each group organize it; in centers the next two edit.
        var members: [Int: [Int]] = [:]
        for (index, person) in demoPeople.enumerated() {
            let first = circleIDs[index % circleIDs.count]
            members[first, default: []].append(person)
            if index % 3 == 0 {
                let second = circleIDs[(index * 7 + 3) % circleIDs.count]
                if second != first { members[second, default: []].append(person) }
            }
            if index % 5 == 0 { members[centerIDs[index % centerIDs.count], default: []].append(person) }
            if index % 11 == 0 { members[coalitionIDs[index % coalitionIDs.count], default: []].append(person) }
        }
        var membershipRows: [[any Encodable & Sendable]] = []
        var authors: [Int: Int] = [:]
        for (group, people) in members {
            for (position, person) in people.enumerated() {
                let isCenter = centerIDs.contains(group)
                let role = position < 2 ? "organizer" : (isCenter && position < 4 ? "editor" : "member")
                let status = position > 2 && position % 17 == 0 ? "pending" : "active"
                let pledge: Double? = random.next(100) < 60 ? Double(1 + random.next(12)) / 2 : nil
                membershipRows.append([
                    group, person, role, status, pledge, now.addingTimeInterval(-Double(position % 90) * 86400),
                ])
                if position == 0 { authors[group] = person }
            }
        }
        try await batched(
            "memberships",
            ["group_id", "person_id", "role", "status", "pledge_hours", "created_at"],
            membershipRows
        )

        // Follows and affiliations: each circle follows one to three centers and asks to be affiliated with one.
        var followRows: [[any Encodable & Sendable]] = []
        var affiliationRows: [[any Encodable & Sendable]] = []
        for (index, circle) in circleIDs.enumerated() {
            let count = 1 + index % 3
            var chosen: Set<Int> = []
            for step in 0..<count { chosen.insert(centerIDs[(index + step * 2) % centerIDs.count]) }
            if index % 4 == 0 { chosen.insert(coalitionIDs[index % coalitionIDs.count]) }
            for target in chosen.sorted() {
                followRows.append([circle, target, now.addingTimeInterval(-Double(index % 60) * 86400)])
            }
            let partner = centerIDs[index % centerIDs.count]
            affiliationRows.append([
                circle, partner, index % 7 == 3 ? "pending" : "accepted",
                now.addingTimeInterval(-Double(index % 30) * 86400),
            ])
        }
        try await batched("follows", ["follower_id", "target_id", "created_at"], followRows)
        try await batched("affiliations", ["group_id", "other_id", "status", "created_at"], affiliationRows)

        // Posts: centers write the most, then coalitions, then circles; spread over the last 90 days.
        var postRows: [[any Encodable & Sendable]] = []
        for index in 0..<size.posts {
            let pick = random.next(10)
            let group =
                pick < 4
                ? centerIDs[random.next(centerIDs.count)]
                : pick < 5 ? coalitionIDs[random.next(coalitionIDs.count)] : circleIDs[random.next(circleIDs.count)]
            let title = DemoWords.postTitles[index % DemoWords.postTitles.count]
            let age = Double(random.next(90 * 24 * 60)) * 60
            let body = DemoWords.postBodies[index % DemoWords.postBodies.count]
            postRows.append([
                group, authors[group] ?? demoPeople[0], "post", "published", title, body, Markdown.html(body),
                now.addingTimeInterval(-age),
            ])
        }
        try await batched(
            "posts",
            ["group_id", "author_id", "kind", "status", "title", "body", "body_html", "created_at"],
            postRows
        )
        if library {
            try await writeLibrary(size)
            try await writeEvents(size)
            try await writeConference(size)
            try await writeStudy(size)
            try await writeDecisions(size)
            try await writeCampaigns(size)
            try await writeVolunteering(size)
            // The campaigns benchmark's coalition campaign, plan and official: large networks only (tests and the
            // API fuzzing read the small demo).
            if size != .small { try await writeCampaignsBench(size) }
        }
        // Fresh statistics, so the first queries on the new data use the indexes; on PostgreSQL also the
        // visibility map, so counts can use index-only scans.
        try await sql.raw(isSQLite ? "ANALYZE" : "VACUUM ANALYZE").run()
        if progress { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    struct GroupSeed {
        let name, kind, city, description, placeKind, placeName: String
    }

    static func cities(count: Int) -> [String] {
        var names = DemoWords.cities
        let endings = ["bridge", "ford", "ton", "moor", "vale", "field", "by", "wick"]
        var index = 0
        while names.count < count {
            names.append(
                DemoWords.secondParts[index % 20] + endings[(index / 20) % endings.count]
                    + (index >= 160 ? " \(index / 160)" : "")
            )
            index += 1
        }
        return names
    }

    func batched(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let batch = 5000
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + batch)
            let slice = Array(rows[start..<end])
            try await sql.insertRows(into: table, columns: columns, rows: slice)
            start = end
            if progress { report(table, done: start, total: rows.count) }
        }
    }

    func report(_ table: String, done: Int, total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\r[\(bar)] \(table.padding(toLength: 15, withPad: " ", startingAt: 0)) \(done)/\(total)   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    private func ids(_ table: String, key: String) async throws -> [String: Int] {
        try await sql.select().column("id").column(key, as: "key").from(table).rows(DemoKeyedID.self).keyed
    }
}

/// A small deterministic generator (SplitMix64), so the demo network is the same every time.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(bound, 1)))
    }
}

/// A row's id and a unique text naming it (a handle, a slug), selected `AS key`.
struct DemoKeyedID: Decodable {
    let id: Int
    let key: String
}

extension [DemoKeyedID] {
    /// Each id by its key; a later row wins a repeated key.
    var keyed: [String: Int] {
        var map: [String: Int] = [:]
        for row in self { map[row.key] = row.id }
        return map
    }
}
