import Foundation
import FreshgroundCore
import FreshgroundWeb
import SQLKit

/// The events' demo: public events of every kind in every group's city over the past two months and the
/// coming year, some co-hosted, some promoted by centers, with RSVPs, wait lists and check-ins. Rows look as
/// `EventWrites`, `Hosting` and `RSVPs` write them, but go in as batched inserts, so 50,000 events take
/// seconds. Cities the demo's groups live in that the shipped table lacks are added near the shipped ones.
extension DemoData {
    /// One event per two people (50,000 for `large`), 300 for `small`.
    static func eventCount(_ size: Size) -> Int { size == .small ? 300 : size.people / 2 }

    static let eventTitles = [
        "Rent strike forum", "Tenants' assembly", "Reading group: the housing question", "Picket at the depot",
        "Solidarity social", "Organizing 101 class", "Climate and labour: a public meeting", "Film night",
        "Union busting and how to beat it", "Campaign planning meeting", "March for the nurses", "Book swap",
        "Debate: one big union?", "Speaker tour: care workers organize", "Welcome evening for new members",
    ]

    func writeEvents(_ size: Size) async throws {
        var random = SeededRandom(seed: 1936)
        let now = self.now
        let cities = try await demoCities()
        var groupsByCity: [Int: [(id: Int, organizer: Int)]] = [:]
        var centers: [(id: Int, organizer: Int)] = []
        for row in try await sql.raw(
            """
            SELECT g.id, g.kind, g.city_key, MIN(m.person_id) AS organizer FROM groups g
            JOIN memberships m ON m.group_id = g.id AND m.role = 'organizer' AND m.status = 'active'
            WHERE g.visibility = 'public' GROUP BY g.id, g.kind, g.city_key ORDER BY g.id
            """
        ).rows(DemoGroupRow.self) {
            let group = (row.id, row.organizer)
            if row.kind == "center" { centers.append(group) }
            guard let city = cities[row.cityKey] else { continue }
            groupsByCity[city, default: []].append(group)
        }
        let cityIDs = groupsByCity.keys.sorted()
        guard !cityIDs.isEmpty else { return }
        let people = try await sql.raw("SELECT id FROM people WHERE handle <> 'admin' ORDER BY id LIMIT 5000")
            .column("id", as: Int.self)
        var events: Rows = []
        var hosts: Rows = []
        var promotions: Rows = []
        var rsvps: Rows = []
        let count = Self.eventCount(size)
        let titles = Self.eventTitles
        for index in 0..<count {
            let id = index + 1
            let city = cityIDs[index % cityIDs.count]
            let local = groupsByCity[city]!
            let host = local[random.next(local.count)]
            let kind = ["talk", "meeting", "action", "class", "social"][random.next(5)]
            // From two months ago to a year ahead, starting between 18:00 and 20:00 UTC (evenings in the UK).
            let day = Double(random.next(425) - 60)
            let start = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
                .addingTimeInterval(day * 86_400 + Double(18 * 3_600 + random.next(5) * 1_800))
            let end = start.addingTimeInterval(Double(60 + random.next(4) * 30) * 60)
            let title = titles[index % titles.count]
            let description = "\(title). Everyone is welcome; bring a friend from another group."
            let capacity: Int? = random.next(3) == 0 ? 20 + random.next(80) : nil
            events.append([
                id, kind, title, description, Markdown.html(description), start, end, "Europe/London", city,
                "\(random.next(200) + 1) High Street", nil as String?, capacity, true, "scheduled", host.organizer, now,
                now, 0,
            ])
            hosts.append([id, host.id, "accepted", host.organizer, host.organizer, now, now])
            if local.count > 1 && random.next(10) == 0 {
                let other = local[(local.firstIndex { $0.id == host.id }! + 1) % local.count]
                hosts.append([id, other.id, "accepted", host.organizer, other.organizer, now, now])
            }
            if !centers.isEmpty && random.next(20) == 0 {
                let center = centers[random.next(centers.count)]
                promotions.append([id, center.id, center.organizer, now])
            }
            let going = random.next(capacity.map { min($0, 12) } ?? 12)
            for offset in 0..<going {
                let person = people[(index * 7 + offset * 13) % people.count]
                let arrived: Date? = day < 0 && random.next(3) > 0 ? end : nil
                rsvps.append([
                    id, person, "Demo \(person)", "going", Token.digest("demo-\(id)-\(offset)"), now, now, arrived,
                ])
            }
        }
        try await batched(
            "events",
            [
                "id", "kind", "title", "description", "description_html", "starts_at", "ends_at", "time_zone",
                "city_id", "address", "online_url", "capacity", "is_public", "status", "created_by", "created_at",
                "updated_at", "sequence",
            ],
            events
        )
        try await batched(
            "event_hosts",
            ["event_id", "group_id", "status", "invited_by", "decided_by", "created_at", "decided_at"],
            hosts
        )
        try await batched("event_promotions", ["event_id", "group_id", "promoted_by", "created_at"], promotions)
        // RSVPs are unique per event and person; the stride above never repeats a person within one event.
        try await batched(
            "rsvps",
            ["event_id", "person_id", "name", "status", "token", "created_at", "confirmed_at", "checked_in_at"],
            rsvps
        )
        if !isSQLite {
            try await sql.raw("SELECT setval(pg_get_serial_sequence('events', 'id'), \(unsafeRaw: String(count)))")
                .run()
        }
    }

    /// Every group city's id by its lowercased name, adding the ones the shipped table lacks.
    private func demoCities() async throws -> [String: Int] {
        var known = try await sql.raw("SELECT id, name_key AS key FROM cities").rows(DemoKeyedID.self).keyed
        var random = SeededRandom(seed: 1848)
        var missing: Rows = []
        let names = try await sql.raw("SELECT DISTINCT city, city_key FROM groups ORDER BY city_key")
            .rows(DemoCityName.self)
        for row in names {
            let key = row.cityKey
            guard !key.isEmpty, known[key] == nil else { continue }
            let name = row.city
            let latitude = 51.0 + Double(random.next(400)) / 100
            let longitude = -4.0 + Double(random.next(500)) / 100
            missing.append([Slug.make(from: name), name, key, "GB", latitude, longitude, "Europe/London", now])
        }
        if !missing.isEmpty {
            try await batched(
                "cities",
                ["slug", "name", "name_key", "country", "latitude", "longitude", "time_zone", "created_at"],
                missing
            )
            known = try await sql.raw("SELECT id, name_key AS key FROM cities").rows(DemoKeyedID.self).keyed
        }
        return known
    }
}

/// A public group with its first organizer, for hosting demo events.
private struct DemoGroupRow: Decodable {
    let id: Int
    let kind: String
    let cityKey: String
    let organizer: Int
}

/// A city named by groups, and its lowercased key.
private struct DemoCityName: Decodable {
    let city: String
    let cityKey: String
}
