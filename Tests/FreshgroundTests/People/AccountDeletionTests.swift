import Foundation
import FreshgroundStore
import HTTPTypes
import SQLKit
import Testing

/// Deleting an account (`/me/delete`): the password and handle asked for, the last organizer of a group asked to
/// hand over first, and afterwards nothing in the database that names the person except what is kept on purpose
/// under "deleted account".
@Suite struct AccountDeletionTests {
    /// The columns that may still hold the deleted person's id, pointing at the emptied account shown as "deleted
    /// account": what they wrote and kept, and what they did for groups.
    static let kept: Set<String> = [
        "posts.author_id", "post_authors.person_id", "post_reviews.actor_id", "positions.author_id",
        "replies.author_id", "debates.opener_id", "moderation_log.moderator_id", "recommendations.person_id",
        "post_publishers.invited_by", "post_corrections.person_id", "basis_versions.author_id", "invites.created_by",
        "affiliations.requested_by",
        "events.created_by", "cities.created_by", "event_hosts.invited_by", "event_hosts.decided_by",
        "event_promotions.promoted_by", "speakers.added_by", "speaker_recommendations.recommended_by",
        "tours.created_by", "tour_stop_hosts.invited_by", "tour_stop_hosts.decided_by", "proposals.person_id",
        "proposals.decided_by", "proposal_speakers.person_id", "proposal_reviews.reviewer_id",
        "committee_members.added_by", "action_proposals.person_id", "action_supports.added_by",
        "study_series.created_by", "study_organizers.invited_by", "study_attendance.recorded_by",
        "study_breakouts.note_taker_id", "campaigns.created_by", "campaign_participants.invited_by",
        "campaign_participants.decided_by", "campaign_participants.withdrawn_by", "campaign_statements.author_id",
        "campaign_petitions.created_by", "campaign_sharing.set_by", "campaign_mailings.created_by",
        "campaign_demands.created_by", "campaign_actions.added_by",
        "coalition_reports.author_id",
        "officials.created_by", "official_pledges.recorded_by", "official_criteria.published_by",
        "official_votes.recorded_by", "plans.created_by", "plan_items.created_by",
        "campaign_mailing_notices.announced_by", "official_endorsements.invited_by",
        "official_endorsements.decided_by", "official_reviews.opened_by", "inquiries.created_by",
    ]

    @Test func aDeletedAccountLeavesNoRowThatNamesThePerson() async throws {
        try await withApp { app in
            // setup
            var busy = try await busyPerson(app)
            let id = try await personID(app.store, "quillon")
            let before = try await busy.quill.get("/me/delete")
            var ghost = busy.quill
            // act
            let deleted = try await busy.quill.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "Quillon")]
            )
            let home = try await busy.quill.get(try #require(deleted.location))
            // check
            #expect(before.contains("You are the only member of Riverside Circle, so the group, its posts and"))
            #expect(before.contains(#"class="danger">Delete my account</button>"#))
            #expect(deleted.status == .seeOther)
            #expect(home.contains("Your account is deleted."))
            let schema = try await Schema.read(app.store)
            let holding = try await schema.holding(id, in: app.store)
            #expect(holding.isSubset(of: Self.kept), "\(holding.subtracting(Self.kept).sorted())")
            #expect(holding.contains("posts.author_id"), "the kept post and piece stay under the emptied account")
            for name in ["quillon", "Quillon Vasquez"] {
                let naming = try await schema.naming(name, in: app.store)
                #expect(naming.isEmpty, "\(name) is still in \(naming.sorted())")
            }
            #expect(
                try await app.store.sql.select().column("id").from("groups").where("slug", .equal, busy.own).all()
                    .isEmpty
            )
            let oldSession = try await ghost.get("/me")
            #expect(oldSession.status == .seeOther && oldSession.location == "/login?next=/me")
            var again = app.visitor()
            let login = try await again.post("/login", [("login", "quillon"), ("password", Visitor.password)])
            #expect(login.status != .seeOther)
            let post = try await busy.study.net.olive.get("/groups/\(busy.leeds)/posts/\(busy.post)")
            #expect(post.contains("Stairwell lights") && post.contains("deleted account"))
            let piece = try await busy.study.net.olive.get("/library/\(busy.piece)")
            #expect(piece.contains("Rent in our street") && piece.contains("deleted account"))
            let walk = try await busy.study.net.olive.get("/events/\(busy.walk)")
            #expect(walk.status == .notFound, "the event of the deleted group is gone")
            let series = try await busy.study.net.olive.get("/study/\(busy.ownSeries)")
            #expect(series.status == .notFound, "so is its study series")
            let speaker = try await busy.study.net.olive.get("/speakers/\(busy.speaker)")
            #expect(speaker.contains("deleted account") && !speaker.contains("Talks about rent."))
        }
    }

    @Test func removingWhatTheyWroteTakesPostsAndDraftsButKeepsPublishedPieces() async throws {
        try await withApp { app in
            // setup
            var busy = try await busyPerson(app)
            let draftID = try await draft(&busy.quill, journal: busy.leeds, title: "Half a thought")
            // act
            let deleted = try await busy.quill.post(
                "/me/delete",
                [("writing", "remove"), ("password", Visitor.password), ("confirm_handle", "quillon")]
            )
            // check
            #expect(deleted.status == .seeOther)
            let post = try await busy.study.net.olive.get("/groups/\(busy.leeds)/posts/\(busy.post)")
            #expect(post.status == .notFound)
            let ids = try await app.store.sql.select().column("id").from("posts").column("id", as: Int.self)
            #expect(!ids.contains(draftID) && ids.contains(busy.piece))
            let piece = try await busy.study.net.olive.get("/library/\(busy.piece)")
            #expect(piece.contains("Rent in our street") && piece.contains("deleted account"))
        }
    }

    @Test func debatePositionsStayAndRemovedRepliesLoseTheirText() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            var quill = try await app.person("quillon")
            let debate = try await Discussion.openDebate(&net.olive, "Should we strike in May?")
            let first = try await Discussion.state(&net.olive, in: debate, "Yes, in May")
            _ = try await Discussion.state(&quill, in: debate, "Not yet, organize first")
            _ = try await Discussion.reply(
                &quill,
                in: debate,
                position: first,
                stance: "against",
                "May is too soon for us"
            )
            // act
            let deleted = try await quill.post(
                "/me/delete",
                [("writing", "remove"), ("password", Visitor.password), ("confirm_handle", "quillon")]
            )
            let page = try await net.olive.get("/debates/\(debate)")
            // check
            #expect(deleted.status == .seeOther)
            #expect(page.contains("Not yet, organize first") && page.contains("deleted account"))
            #expect(!page.contains("May is too soon for us"))
            #expect(!page.contains("quillon"))
        }
    }

    @Test func theLastOrganizerOfAGroupIsAskedToHandOverFirst() async throws {
        try await withApp { app in
            // setup
            var net = try await eventNetwork(app)
            // act
            let page = try await net.olive.get("/me/delete")
            let refused = try await net.olive.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "olive")]
            )
            let still = try await net.olive.get("/me")
            // check
            #expect(page.contains("You cannot delete your account yet"))
            #expect(page.contains("You are the only organizer of Leeds Tenants."))
            #expect(page.contains(#"<a href="/groups/\#(net.leeds)/members">"#))
            #expect(!page.contains("Delete my account</button>"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.contains("You are the only organizer of Leeds Tenants."))
            #expect(still.status == .ok)
        }
    }

    @Test func aWrongPasswordOrHandleIsRefusedAndNothingIsDeleted() async throws {
        try await withApp { app in
            // setup
            var wren = try await app.person("wren")
            // act
            let wrong = try await wren.post(
                "/me/delete",
                [("writing", "remove"), ("password", "not my password"), ("confirm_handle", "wren")]
            )
            let typo = try await wren.post(
                "/me/delete",
                [("writing", "keep"), ("password", Visitor.password), ("confirm_handle", "wern")]
            )
            let still = try await wren.get("/me")
            // check
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.contains(#"id="password-error">This is not your password."#))
            #expect(wrong.contains(#"<option value="remove" selected>"#), "the choice is kept")
            #expect(!wrong.contains("not my password"))
            #expect(typo.status == .unprocessableContent)
            #expect(typo.contains(#"id="confirm_handle-error">Type your handle, wren, to confirm."#))
            #expect(typo.contains(#"value="wern""#))
            #expect(still.status == .ok && still.contains("(@wren)"))
        }
    }
}
