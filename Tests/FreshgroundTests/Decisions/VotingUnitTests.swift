import Foundation
import Testing

@Suite("Decisions: coalitions where groups vote")
struct VotingUnitTests {
    /// A coalition organized by cora; three member circles organized by ana, ben and cai, with plain members.
    struct Coalition {
        var cora: Visitor
        var delegates: [Visitor]
        var members: [Visitor]
        let slug: String
        let circles: [String]
    }

    static func coalition(_ app: TestApp) async throws -> Coalition {
        var cora = try await app.person("cora")
        let slug = try await cora.createGroup("Housing Coalition", kind: "coalition")
        var delegates: [Visitor] = []
        var members: [Visitor] = []
        var circles: [String] = []
        for (name, handle) in [("North Circle", "ana"), ("South Circle", "ben"), ("East Circle", "cai")] {
            var delegate = try await app.person(handle)
            let circle = try await delegate.createGroup(name)
            var member = try await app.person("\(handle)-member")
            try await makeMember(app, &member, of: circle, organizer: &delegate)
            delegates.append(delegate)
            members.append(member)
            circles.append(circle)
        }
        return Coalition(cora: cora, delegates: delegates, members: members, slug: slug, circles: circles)
    }

    @Test func consentOfGroupsFailsOnOneBlockAndEachGroupSeesItsDelegatesReason() async throws {
        try await withApp(mail: false) { app in
            // setup: an open consent vote of the three circles, South with two voices
            var net = try await Self.coalition(app)
            let id = try await openDecision(
                app,
                &net.cora,
                in: net.slug,
                title: "Joint rent strike",
                [
                    ("kind", "consent"), ("secret", "-"), ("electorate", "groups"),
                    ("units", "North Circle\nSouth Circle = 2\nEast Circle"),
                ]
            )

            // act
            let north = try await vote(&net.delegates[0], on: id, [("position", "agree"), ("reason", "We are ready.")])
            let south = try await vote(
                &net.delegates[1],
                on: id,
                [("position", "block"), ("reason", "Our members are not protected yet.")]
            )
            let twice = try await vote(&net.delegates[1], on: id, [("position", "agree")])
            let member = try await vote(&net.members[2], on: id, [("position", "agree")])
            try #require(try await vote(&net.delegates[2], on: id, [("position", "agree")]).status == .seeOther)
            let southMember = try await net.members[1].get("/decisions/\(id)")
            let northMember = try await net.members[0].get("/decisions/\(id)")
            let list = try await net.members[1].get("/decisions")

            // check: one group blocks, weighted by its voices; the group's own members see who cast it
            #expect(north.status == .seeOther && south.status == .seeOther)
            #expect(twice.status == .unprocessableContent || twice.status == .forbidden)
            #expect(member.status == .forbidden)
            #expect(southMember.contains("Blocked by 2."))
            #expect(southMember.contains("South Circle</a> (cast by @ben)</th><td>2</td><td>Block</td>"))
            #expect(southMember.contains("Our members are not protected yet."))
            #expect(northMember.contains("North Circle</a> (cast by @ana)") && !northMember.contains("cast by @ben"))
            #expect(list.contains("Joint rent strike"))
            let southDelegate = try await net.delegates[1].get("/decisions/\(id)")
            #expect(
                southDelegate.contains("South Circle has voted.") && !southDelegate.contains("not among the voters")
            )
            #expect(southMember.contains("Groups vote on this decision, by their organizers"))
        }
    }

    @Test func aPrivateGroupTheOrganizerCannotSeeIsNoVotingUnit() async throws {
        try await withApp(mail: false) { app in
            // setup: a private circle cora is not in
            var net = try await Self.coalition(app)
            var dee = try await app.person("dee")
            _ = try await dee.createGroup("Hidden Circle", visibility: "private")

            // act
            let refused = try await net.cora.post(
                "/groups/\(net.slug)/decisions/new",
                [
                    ("title", "With a hidden group"), ("kind", "motion"), ("electorate", "groups"),
                    ("units", "North Circle\nHidden Circle = 2"), ("_submitted", "1"),
                    ("closesAt", utcInput(app.clock.now.addingTimeInterval(86_400))), ("majority", "simple"),
                    ("base", "yes-no"), ("reasons", "none"), ("rankedRule", "scottish-stv"),
                ]
            )

            // check: refused by the field, as if no such group existed, and the lines kept
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("There is no group called “Hidden Circle” among those you can choose."))
            #expect(refused.contains(#"id="units-error""#))
            #expect(refused.contains("North Circle\nHidden Circle = 2"))
        }
    }

    @Test func aSecretVoteOfGroupsNeedsWeightClasses() async throws {
        try await withApp(mail: false) { app in
            // setup
            var net = try await Self.coalition(app)

            // act: a secret vote where one group alone has two voices, then one with equal voices
            let refused = try await net.cora.post(
                "/groups/\(net.slug)/decisions/new",
                [
                    ("title", "Secret weights"), ("kind", "motion"), ("electorate", "groups"), ("secret", "on"),
                    ("units", "North Circle\nSouth Circle = 2\nEast Circle"), ("_submitted", "1"),
                    ("closesAt", utcInput(app.clock.now.addingTimeInterval(86_400))), ("majority", "simple"),
                    ("base", "yes-no"), ("reasons", "none"), ("rankedRule", "scottish-stv"),
                ]
            )
            let id = try await openDecision(
                app,
                &net.cora,
                in: net.slug,
                [("electorate", "groups"), ("units", "North Circle\nSouth Circle\nEast Circle")]
            )
            for index in 0..<3 {
                try #require(
                    try await vote(&net.delegates[index], on: id, [("position", index == 0 ? "no" : "yes")]).status
                        == .seeOther
                )
            }
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await net.members[0].get("/decisions/\(id)")

            // check
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("each number of voices must be shared by at least 3 groups"))
            #expect(refused.contains("South Circle = 2"))
            #expect(after.contains("Passed: 2 yes of 3 yes and no votes") && !after.contains("cast by"))
        }
    }

    @Test func aBlockedProposalIsAmendedAndPasses() async throws {
        try await withApp(mail: false) { app in
            // setup: South blocks the first version, then the vote is closed early
            var net = try await Self.coalition(app)
            let first = try await openDecision(
                app,
                &net.cora,
                in: net.slug,
                title: "Joint rent strike",
                [
                    ("kind", "consent"), ("secret", "-"), ("electorate", "groups"),
                    ("units", "North Circle\nSouth Circle = 2\nEast Circle"),
                ]
            )
            try #require(try await vote(&net.delegates[1], on: first, [("position", "block")]).status == .seeOther)
            try #require(try await net.cora.post("/decisions/\(first)/close").status == .seeOther)

            // act: the amend form comes filled in; the amended text is put to the vote and nobody blocks
            let form = try await net.cora.get("/decisions/\(first)/amend")
            let plain = try await net.delegates[0].get("/decisions/\(first)/amend")
            let second = try await openDecision(
                app,
                &net.cora,
                in: net.slug,
                title: "Joint rent strike (amended)",
                [
                    ("kind", "consent"), ("secret", "-"), ("electorate", "groups"),
                    ("units", "North Circle\nSouth Circle = 2\nEast Circle"),
                    ("body", "We strike once every member group has legal cover."),
                ]
            )
            for index in 0..<3 {
                let position = index == 1 ? "stand-aside" : "agree"
                try #require(
                    try await vote(&net.delegates[index], on: second, [("position", position)]).status == .seeOther
                )
            }
            app.clock.advance(seconds: 2 * 86_400)
            let after = try await net.members[1].get("/decisions/\(second)")

            // check
            #expect(form.status == .ok && form.contains("value=\"Joint rent strike (amended)\""))
            #expect(form.contains("South Circle = 2") && form.contains("<option value=\"consent\" selected>"))
            #expect(plain.status == .notFound)
            #expect(after.contains("Passed: no block (2 agree, 2 stand aside, 0 disagree, 0 abstain)."))
        }
    }
}
