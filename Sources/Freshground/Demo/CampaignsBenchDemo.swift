import Campaigns
import Foundation
import FreshgroundCore
import FreshgroundStore
import SQLKit

/// The campaigns benchmark's data (issue 14), in the large demo only: one public campaign of a coalition with 50
/// groups taking part, each with its statement; petitions and pledges signed through the groups' pages (one
/// signature per person of the demo, 100,000 for `large`), some signers opting in to another group; joint demands
/// adopted by a vote of the groups and a newer version being voted on. The coalition's plan and its official are in
/// `PlanBenchDemo.swift`. Rows look as `CampaignWrites`, `Participation`, `Statements`, `Petitions`, `Signatures`,
/// `Mailings` and `Demands` write them; signatures and opt-ins go in batched multi-row inserts with explicit ids.
extension DemoData {
    static let benchGroups = 50

    func writeCampaignsBench(_ size: Size) async throws {
        let candidates = try await sql.raw(
            """
            SELECT m.group_id, MIN(m.person_id) AS person_id, g.slug, g.name, g.kind FROM memberships m \
            JOIN groups g ON g.id = m.group_id \
            WHERE g.visibility = 'public' AND m.status = 'active' AND m.role = 'organizer' \
            AND NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.lead_group_id = g.id) \
            GROUP BY m.group_id, g.slug, g.name, g.kind ORDER BY m.group_id
            """
        ).rows(BenchGroup.self)
        guard let lead = candidates.first(where: { $0.kind == "coalition" }) else { return }
        let others = candidates.filter { $0.kind != "coalition" }
        guard others.count >= Self.benchGroups - 1 else { return }
        // Spread over the cities and kinds: every n-th public circle or center.
        let step = others.count / (Self.benchGroups - 1)
        let groups = [lead] + (0..<(Self.benchGroups - 1)).map { others[$0 * step] }
        var random = SeededRandom(seed: 1936)
        let started = now.addingTimeInterval(-90 * 86_400)
        let title = "Rents down, repairs now"
        let summary =
            "A coalition campaign for a rent freeze, repairs within a month and a tenants' say in every plan. "
            + "Sign through your own group's page; **each group keeps its own contacts**."
        let campaign = try await sql.insertReturningID(
            into: "campaigns",
            [
                "lead_group_id": lead.groupID, "title": title, "summary": summary,
                "summary_html": Markdown.html(summary), "is_public": true, "adoption": "consent",
                "created_by": lead.personID, "created_at": started, "updated_at": started,
            ]
        )
        try await writeBenchGroups(campaign, groups, started: started, &random)
        let petitions = try await writeBenchPetitions(campaign, groups, started: started)
        let signatures = try await writeBenchSignatures(min(100_000, size.people), petitions, groups, &random)
        // Written in bulk, past `Signatures`: the counts the pages read are made once, from the rows.
        try await SignatureCounts.rebuild(campaign: campaign, on: sql)
        try await writeBenchDemands(campaign, title: title, groups, started: started)
        let plan = try await writePlanBench(campaign, groups, &random)
        let official = try await writeOfficialBench(lead, &random)
        if progress {
            let line =
                "\nThe campaigns benchmark: /campaigns/\(campaign) (\(groups.count) groups, \(signatures) signatures"
                + " on \(petitions.count) petitions), /groups/\(lead.slug)/plan/\(plan.year) (\(plan.items) campaigns,"
                + " \(plan.pledges) pledges of hours), /officials/\(official) (\(OfficialBench.votes) votes).\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// The lead and the groups that accepted, each with its statement (every third with reservations).
    private func writeBenchGroups(
        _ campaign: Int,
        _ groups: [BenchGroup],
        started: Date,
        _ random: inout SeededRandom
    ) async throws {
        var participants: Rows = []
        var statements: Rows = []
        for (index, group) in groups.enumerated() {
            let answered = started.addingTimeInterval(Double(index) * 3_600)
            participants.append([
                campaign, group.groupID, index == 0 ? "lead" : "accepted", groups[0].personID, started,
                group.personID, answered, "", 1,
            ])
            let position =
                Self.positions[random.next(Self.positions.count)] + "\n\n"
                + DemoWords.arguments[random.next(DemoWords.arguments.count)]
            let reservations = index % 3 == 2 ? Self.reservations[index % Self.reservations.count] : ""
            statements.append([
                campaign, group.groupID, 1, position, reservations, "Rents down\nRepairs now", Markdown.html(position),
                Markdown.html(reservations), group.personID, answered.addingTimeInterval(1_800),
            ])
        }
        try await batched(
            "campaign_participants",
            [
                "campaign_id", "group_id", "status", "invited_by", "invited_at", "decided_by", "decided_at",
                "withdrawal_note", "statement_version",
            ],
            participants
        )
        try await batched(
            "campaign_statements",
            [
                "campaign_id", "group_id", "version", "position", "reservations", "slogans", "position_html",
                "reservations_html", "author_id", "created_at",
            ],
            statements
        )
    }

    /// Three petitions and two pledges, started by the lead and three other groups, and the sharing agreement.
    private func writeBenchPetitions(_ campaign: Int, _ groups: [BenchGroup], started: Date) async throws -> [Int] {
        let texts: [(kind: String, title: String, text: String)] = [
            (
                "petition", "Freeze rents for two years",
                "We call on the council to freeze every rent it sets for two years."
            ),
            ("petition", "Repairs within a month", "Every landlord repairs what tenants report within a month."),
            (
                "pledge", "I will join the rent strike",
                "If a hundred tenants of my landlord pledge, I withhold my rent."
            ),
            (
                "petition", "A tenants' say in every plan",
                "No regeneration plan passes without a ballot of its tenants."
            ),
            ("pledge", "I will come to the assembly", "I will come to the tenants' assembly in my city this spring."),
        ]
        var ids: [Int] = []
        for (index, petition) in texts.enumerated() {
            let group = groups[[0, 0, 1, 2, 3][index]]
            ids.append(
                try await sql.insertReturningID(
                    into: "campaign_petitions",
                    [
                        "campaign_id": campaign, "group_id": group.groupID, "kind": petition.kind,
                        "title": petition.title, "text": petition.text, "text_html": Markdown.html(petition.text),
                        "created_by": group.personID,
                        "created_at": started.addingTimeInterval(Double(2 + index) * 86_400),
                    ]
                )
            )
        }
        let notice =
            "Partners write to each other's contacts at most four times a year, and never sell or pass them on."
        try await batched(
            "campaign_sharing",
            ["campaign_id", "version", "mailings_per_year", "notice", "set_by", "set_at"],
            [[campaign, 1, 4, notice, groups[0].personID, started.addingTimeInterval(86_400)]]
        )
        return ids
    }

    /// `count` signatures over the petitions (the first signed most) through the groups' pages, by email; a few
    /// unconfirmed or unsubscribed, and one in ten confirmed signers opting in to another group. Returns the count.
    private func writeBenchSignatures(
        _ count: Int,
        _ petitions: [Int],
        _ groups: [BenchGroup],
        _ random: inout SeededRandom
    ) async throws -> Int {
        let firstID = try await nextID("campaign_signatures")
        let from = now.addingTimeInterval(-80 * 86_400)
        let span = 79 * 86_400.0
        var signatures: Rows = []
        var optIns: Rows = []
        signatures.reserveCapacity(count)
        for index in 0..<count {
            let pick = random.next(100)
            let petition = petitions[pick < 40 ? 0 : pick < 65 ? 1 : pick < 80 ? 2 : pick < 92 ? 3 : 4]
            let via = groups[random.next(groups.count)]
            let name = DemoWords.firstParts[index % 20] + " " + DemoWords.secondParts[(index / 20) % 20]
            let signed = from.addingTimeInterval(span * Double(index) / Double(count))
            let confirmed = random.next(100) >= 4
            let unsubscribed = confirmed && random.next(200) == 0
            signatures.append([
                firstID + index, petition, via.groupID, nil as Int?, name, "signer\(index)@example.org",
                confirmed ? "confirmed" : "pending", Self.benchToken(&random), Self.benchToken(&random), signed,
                confirmed ? signed.addingTimeInterval(600) as Date? : nil,
                unsubscribed ? signed.addingTimeInterval(86_400) as Date? : nil,
            ])
            if confirmed && random.next(10) == 0 {
                let other = groups[random.next(groups.count)]
                if other.groupID != via.groupID {
                    optIns.append([
                        firstID + index, other.groupID, "Also let \(other.name) contact me",
                        signed.addingTimeInterval(600),
                    ])
                }
            }
        }
        try await batched(
            "campaign_signatures",
            [
                "id", "petition_id", "via_group_id", "person_id", "name", "email", "status", "token", "mail_token",
                "created_at", "confirmed_at", "unsubscribed_at",
            ],
            signatures
        )
        try await batched("campaign_contact_optins", ["signature_id", "group_id", "wording", "consented_at"], optIns)
        if !isSQLite {
            try await sql.raw(
                "SELECT setval(pg_get_serial_sequence('campaign_signatures', 'id'), MAX(id)) FROM campaign_signatures"
            ).run()
        }
        return count
    }

    /// Version 1 of the joint demands adopted by consent of all the groups (the vote closed and announced), and
    /// version 2 being voted on, 20 groups having answered; each vote a decision of the lead with the groups as units.
    private func writeBenchDemands(
        _ campaign: Int,
        title: String,
        _ groups: [BenchGroup],
        started: Date
    ) async throws {
        let texts = [
            "1. Rents frozen for two years.\n2. Every reported repair done within a month.",
            "1. Rents frozen for two years.\n2. Every reported repair done within a month.\n"
                + "3. A ballot of the tenants before any regeneration plan.",
        ]
        let spec = String(decoding: try JSONEncoder().encode(DecisionSpec(kind: .consent, options: [])), as: UTF8.self)
        var rows: Rows = []
        for (index, text) in texts.enumerated() {
            let opens = index == 0 ? started.addingTimeInterval(5 * 86_400) : now.addingTimeInterval(-2 * 86_400)
            let closes = index == 0 ? started.addingTimeInterval(12 * 86_400) : now.addingTimeInterval(5 * 86_400)
            let decision = try await sql.insertReturningID(
                into: "decisions",
                [
                    "group_id": groups[0].groupID, "title": "Joint demands of “\(title)” (version \(index + 1))",
                    "body": text, "kind": "consent", "spec": spec, "secret": false, "results_hidden": false,
                    "reasons": "optional", "zone": "UTC", "opens_at": opens, "closes_at": closes,
                    "created_by": groups[0].personID, "created_at": opens, "electorate": "groups",
                    "origin_path": CampaignPaths.campaign(campaign),
                    "origin_label": "The joint demands of \(title)", "public_results": true, "remind": true,
                    "reminded_at": index == 0 ? closes.addingTimeInterval(-86_400) as Date? : nil,
                    "announced_at": index == 0 ? closes as Date? : nil,
                ]
            )
            let voters = index == 0 ? groups : Array(groups.prefix(20))
            try await batched(
                "decision_units",
                ["decision_id", "group_id", "voices", "voted"],
                groups.map { group -> [any Encodable & Sendable] in
                    [decision, group.groupID, 1, voters.contains { $0.groupID == group.groupID }]
                }
            )
            try await batched(
                "decision_unit_votes",
                ["decision_id", "group_id", "delegate_id", "marks", "voices", "reason"],
                voters.enumerated().map { number, group -> [any Encodable & Sendable] in
                    let standAside = number % 10 == 9
                    return [
                        decision, group.groupID, group.personID, standAside ? "2" : "1", 1,
                        standAside ? "We stand aside: the third point needs our members' vote first." : "",
                    ]
                }
            )
            rows.append([
                campaign, index + 1, text, Markdown.html(text), opens, decision,
                index == 0 ? "adopted" as String? : nil,
                groups[0].personID, opens.addingTimeInterval(-86_400),
            ])
        }
        try await batched(
            "campaign_demands",
            [
                "campaign_id", "version", "text", "text_html", "vote_opened_at", "decision_id", "outcome", "created_by",
                "created_at",
            ],
            rows
        )
    }

    private static let positions = [
        "We back the freeze and ask for a tenants' say in every repair plan.",
        "A freeze is the least we ask: rents must come down where they rose fastest.",
        "Our members are council tenants first; repairs come before everything else.",
        "We join for the repairs and will organize the blocks where our members live.",
        "The campaign is only as strong as the tenants who run it: we bring our estate's committee.",
    ]

    private static let reservations = [
        "We do not endorse the call for a new housing company.",
        "We think a freeze without rent controls only delays the next rise.",
        "We will not canvass for any party as part of this campaign.",
    ]

    /// A stored token's digest as `Token.digest` leaves it (64 hex digits), made from the seeded generator: nobody
    /// holds the token itself, and hashing 200,000 of them would slow the demo down.
    static func benchToken(_ random: inout SeededRandom) -> String {
        (0..<4).map { _ in
            let digits = String(UInt64(random.next(Int.max)), radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

/// A public group with one of its organizers, for the campaigns benchmark.
struct BenchGroup: Decodable {
    let groupID: Int
    let personID: Int
    let slug: String
    let name: String
    let kind: String
}
