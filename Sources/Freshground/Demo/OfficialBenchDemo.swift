import Foundation
import FreshgroundStore
import SQLKit

/// The official of the campaigns benchmark: a councillor the lead coalition (public) endorsed and records, with
/// answers on eight topics (two answered again later), two published criteria, and 2,000 votes imported from Popolo
/// files (a quarter linked to a pledge topic, with the group's position). Rows look as `OfficialWrites` and
/// `VoteImports` write them.
enum OfficialBench {
    static let votes = 2_000
    static let topics: [(topic: String, stance: String)] = [
        ("Rent freeze", "for"), ("Repairs", "for"), ("Tenant ballots", "for"), ("Bus fares", "against"),
        ("Library hours", "for"), ("Council pay", "none"), ("Green spaces", "for"), ("Outsourcing", "against"),
    ]
    static let motions = [
        "Freeze council rents", "Fund the repairs backlog", "Ballot tenants on the estate plan", "Raise bus fares",
        "Cut library opening hours", "Pay the living wage to council staff", "Sell the park depot",
        "Outsource home care", "Set the budget", "Adopt the transport plan",
    ]
}

extension DemoData {
    func writeOfficialBench(_ lead: BenchGroup, _ random: inout SeededRandom) async throws -> Int {
        let recorded = now.addingTimeInterval(-120 * 86_400)
        let termStart = "2024-05-02"
        let official = try await sql.insertReturningID(
            into: "officials",
            [
                "group_id": lead.groupID, "name": "Jo Marsh", "office": "Councillor",
                "jurisdiction": "City Council, Riverside ward", "term_starts_on": termStart,
                "term_ends_on": "2028-05-01", "popolo_id": "person/jo-marsh",
                "ocd_id": "ocd-person/5f1c0a9e-4d2b-4c53-9d6e-000000001936", "created_by": lead.personID,
                "created_at": recorded,
            ]
        )
        var pledges: Rows = []
        for (index, entry) in OfficialBench.topics.enumerated() {
            let url = "https://example.org/questionnaire-2024#topic-\(index + 1)"
            pledges.append([
                official, entry.topic, 1, "Will you vote for: \(entry.topic.lowercased())?",
                entry.stance == "none" ? "I will decide when I see the proposal." : "Yes, on the record.",
                entry.stance, "2024-04-10", url, lead.personID, recorded,
            ])
            if index % 3 == 0 {
                pledges.append([
                    official, entry.topic, 2, "Do you still stand by your answer on \(entry.topic.lowercased())?",
                    "Yes, and I said so at the ward meeting.", entry.stance, "2025-02-01", url, lead.personID,
                    recorded.addingTimeInterval(86_400),
                ])
            }
        }
        try await batched(
            "official_pledges",
            [
                "official_id", "topic", "version", "question", "answer", "stance", "answered_on", "source_url",
                "recorded_by", "created_at",
            ],
            pledges
        )
        try await batched(
            "official_criteria",
            [
                "official_id", "version", "absences", "abstentions", "text", "published_on", "published_at",
                "published_by",
            ],
            [
                [
                    official, 1, "disagree", "leave-out", "An absence on a vote we took a position on counts against.",
                    "2024-05-20", recorded, lead.personID,
                ],
                [
                    official, 2, "leave-out", "disagree",
                    "Absences are left out; abstaining where we asked counts against.",
                    "2025-05-20", recorded.addingTimeInterval(3_600), lead.personID,
                ],
            ]
        )
        try await batched(
            "official_votes",
            [
                "official_id", "source", "source_key", "motion", "voted_on", "option", "tally", "result",
                "pledge_topic", "position", "recorded_by", "created_at",
            ],
            Self.benchVotes(official, by: lead.personID, at: recorded, until: now, &random)
        )
        return official
    }

    /// The official's votes, from the term's first week to yesterday, oldest first.
    private static func benchVotes(
        _ official: Int,
        by person: Int,
        at recorded: Date,
        until now: Date,
        _ random: inout SeededRandom
    ) -> Rows {
        let first = Date(timeIntervalSince1970: 1_715_299_200)  // 2024-05-10
        let span = max(86_400, now.timeIntervalSince(first) - 86_400)
        return (0..<OfficialBench.votes).map { index -> [any Encodable & Sendable] in
            let pick = random.next(100)
            let option = pick < 62 ? "yes" : pick < 85 ? "no" : pick < 92 ? "abstain" : "absent"
            let yes = 10 + random.next(40)
            let no = 5 + random.next(40)
            let abstain = random.next(6)
            let topic: (topic: String, stance: String)? =
                index % 4 == 0 ? OfficialBench.topics[(index / 4) % OfficialBench.topics.count] : nil
            let position: String =
                switch topic?.stance ?? "unlinked" {
                case "for": "support"
                case "against": "oppose"
                case "unlinked": index % 3 == 1 ? (pick % 2 == 0 ? "support" : "oppose") : "none"
                default: "none"
                }
            let motion = OfficialBench.motions[random.next(OfficialBench.motions.count)]
            return [
                official, "popolo", "vote-event-\(index + 1)", "\(motion) (item \(index + 1))",
                day(first.addingTimeInterval(span * Double(index) / Double(OfficialBench.votes))), option,
                "yes \(yes), no \(no), abstain \(abstain)", yes > no ? "pass" : "fail", topic?.topic, position, person,
                recorded,
            ]
        }
    }
}
