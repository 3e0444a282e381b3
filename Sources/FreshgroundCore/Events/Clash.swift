/// An event as the clash rule sees it: when, where, and who hosts it. Times are seconds since 1970 (UTC), so
/// the rule needs no calendar and no time zone.
package struct ScheduledEvent: Sendable, Equatable {
    package let id: Int
    /// The city, compared case-insensitively.
    package let city: String
    package let start: Int
    package let end: Int
    package let isPublic: Bool
    package let hosts: Set<Int>

    package init(id: Int, city: String, start: Int, end: Int, isPublic: Bool, hosts: Set<Int>) {
        self.id = id
        self.city = city
        self.start = start
        self.end = end
        self.isPublic = isPublic
        self.hosts = hosts
    }
}

/// Another event that competes with the one being scheduled, and by how much.
package struct Clash: Sendable, Equatable {
    package let event: ScheduledEvent
    /// How long the two events overlap, in seconds.
    package let overlap: Int
    /// The people and follower groups the two sets of hosts share, so the warning can say why it matters.
    package let sharedAudience: Int
}

/// Which public events compete with a new one: same city, overlapping in time, and hosted by groups whose
/// audiences (members and followers) overlap with the new event's hosts'. Rival groups that share nobody
/// are not warned: they do not take people from each other that evening.
package enum ClashRule {
    /// An audience entry: a person who is a member, or a group that follows.
    package enum Audience: Hashable, Sendable {
        case person(Int)
        case follower(Int)
    }

    /// The clashes, longest overlap first (then by start time and id, so the order is stable).
    /// `audiences` gives each host group's members and followers; a group missing from it has none.
    package static func clashes(
        of event: ScheduledEvent,
        among others: [ScheduledEvent],
        audiences: [Int: Set<Audience>]
    ) -> [Clash] {
        let ours = audience(of: event.hosts, in: audiences)
        var found: [Clash] = []
        for other in others where other.id != event.id && other.isPublic {
            guard sameCity(event.city, other.city) else { continue }
            let overlap = min(event.end, other.end) - max(event.start, other.start)
            guard overlap > 0 else { continue }
            let shared = ours.intersection(audience(of: other.hosts, in: audiences)).count
            guard shared > 0 || !event.hosts.isDisjoint(with: other.hosts) else { continue }
            found.append(Clash(event: other, overlap: overlap, sharedAudience: shared))
        }
        return found.sorted {
            ($0.overlap, -$0.event.start, -$0.event.id) > ($1.overlap, -$1.event.start, -$1.event.id)
        }
    }

    static func audience(of hosts: Set<Int>, in audiences: [Int: Set<Audience>]) -> Set<Audience> {
        var all = Set<Audience>()
        for host in hosts {
            all.formUnion(audiences[host] ?? [])
            // A host group reaches its own followers' members through the feed; count the group itself too.
            all.insert(.follower(host))
        }
        return all
    }

    /// Cities match whatever their case and surrounding spaces.
    static func sameCity(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> String {
            var sub = Substring(s)
            while sub.first == " " { sub = sub.dropFirst() }
            while sub.last == " " { sub = sub.dropLast() }
            return sub.lowercased()
        }
        return !a.isEmpty && key(a) == key(b)
    }
}
