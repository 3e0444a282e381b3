import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import SQLKit

/// Loads what `ClashRule` needs from the database: the public events in the same city around the new one's
/// times, their hosts, and every involved group's members and following groups.
struct ClashCheck {
    let sql: any SQLDatabase

    func clashes(
        for occurrences: [(Date, Date)],
        city: Int?,
        hosts: [Int],
        except eventIDs: Set<Int> = []
    )
        async throws -> [ClashView]
    {
        guard let city, let from = occurrences.map(\.0).min(), let to = occurrences.map(\.1).max() else { return [] }
        let rows = try await sql.raw(
            """
            SELECT \(EventQueries.summaryColumns), h.group_id, g.name AS host_name
            FROM events e LEFT JOIN cities c ON c.id = e.city_id
            JOIN event_hosts h ON h.event_id = e.id AND h.status = 'accepted' JOIN groups g ON g.id = h.group_id
            WHERE e.city_id = \(bind: city) AND e.is_public = \(bind: true) AND e.status = 'scheduled'
            AND e.starts_at < \(bind: to) AND e.starts_at > \(bind: from.addingTimeInterval(-EventInput.longest))
            AND e.ends_at > \(bind: from)
            ORDER BY e.id, h.id LIMIT 5000
            """
        ).rows(WithExtra<SummaryRow, HostRow>.self)
        var events: [Int: (EventSummary, Set<Int>, [String])] = [:]
        for row in rows {
            guard !eventIDs.contains(row.main.id) else { continue }
            var entry = events[row.main.id] ?? (row.main.summary, [], [])
            entry.1.insert(row.extra.groupId)
            entry.2.append(row.extra.hostName)
            events[row.main.id] = entry
        }
        guard !events.isEmpty else { return [] }
        let groups = Set(hosts).union(events.values.flatMap(\.1))
        let audiences = try await audiences(of: groups)
        let others = events.values.map { summary, groupIDs, _ in
            ScheduledEvent(
                id: summary.id,
                city: String(city),
                start: Int(summary.startsAt.timeIntervalSince1970),
                end: Int(summary.endsAt.timeIntervalSince1970),
                isPublic: true,
                hosts: groupIDs
            )
        }
        var found: [Int: ClashView] = [:]
        for (starts, ends) in occurrences {
            let ours = ScheduledEvent(
                id: 0,
                city: String(city),
                start: Int(starts.timeIntervalSince1970),
                end: Int(ends.timeIntervalSince1970),
                isPublic: true,
                hosts: Set(hosts)
            )
            for clash in ClashRule.clashes(of: ours, among: others, audiences: audiences)
            where found[clash.event.id] == nil {
                let (summary, _, names) = events[clash.event.id]!
                found[clash.event.id] = ClashView(
                    event: summary,
                    hosts: names,
                    overlapMinutes: clash.overlap / 60,
                    sharedAudience: clash.sharedAudience
                )
            }
        }
        return found.values.sorted { ($0.event.startsAt, $0.event.id) < ($1.event.startsAt, $1.event.id) }
    }

    /// Each group's active members and the groups that follow it.
    private func audiences(of groups: Set<Int>) async throws -> [Int: Set<ClashRule.Audience>] {
        let ids = Array(groups)
        let list = ids.map(String.init).joined(separator: ",")
        var audiences: [Int: Set<ClashRule.Audience>] = [:]
        for row in try await sql.raw(
            """
            SELECT group_id AS g, person_id AS who, 0 AS follower FROM \(GroupAccess.activeMemberships) m
            WHERE group_id IN (\(unsafeRaw: list))
            UNION ALL
            SELECT target_id AS g, follower_id AS who, 1 AS follower FROM follows
            WHERE target_id IN (\(unsafeRaw: list))
            """
        ).rows(AudienceRow.self) {
            audiences[row.g, default: []].insert(row.follower == 1 ? .follower(row.who) : .person(row.who))
        }
        return audiences
    }
}

/// An accepted host of a nearby event.
private struct HostRow: Decodable {
    let groupId: Int
    let hostName: String
}

/// Someone in a group's audience: a member (`follower` 0) or a following group (1).
private struct AudienceRow: Decodable {
    let g: Int
    let who: Int
    let follower: Int
}
