import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The call for proposals' pages: the form, the committee's list, and one proposal with its reviews.
enum ProposalPages {
    static func form(
        _ context: AppContext,
        _ conference: ConferenceView,
        groups: [GroupRef],
        people: NamedChoices,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let kinds = ProposalKind.allCases.map { ($0.rawValue, $0.label) }
        let groupOptions = [("", "Myself")] + groups.map { ($0.slug, $0.name) }
        let tracks = [("", "No particular track")] + conference.tracks.map { (String($0.id), $0.name) }
        return Layout.page(
            title: "Propose a session",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Propose a session"))
                \(HTML.when(conference.settings.blindReview) { "<p>Review is blind: the committee will not see your name, your group or your co-speakers until it decides.</p>" })
                \(fields.summary)
                \(FormParts.postForm(context, to: ConferencePaths.proposals(conference.id), novalidate: true))
                \(fields.select("kind", label: "Kind of session", options: kinds))
                \(fields.text("title", label: "Title", required: true))
                \(fields.textarea("abstract", label: "What the session is about", rows: 8, hint: "Markdown. Write it without naming yourself if review is blind."))
                \(fields.select("group", label: "Proposed for", options: groupOptions))
                \(HTML.when(!conference.tracks.isEmpty) { fields.select("track", label: "Track", options: tracks) })
                \(fields.named("speakers", label: "Co-speakers (separated by commas)", choices: people, hint: "Their names or handles, for example: ada, sam. The list offers the members of groups whose member list you may see; anyone else by their exact handle. Leave empty if you speak alone."))
                <button type="submit">Send the proposal</button></form>
                """
        )
    }

    static func list(_ context: AppContext, _ conference: ConferenceView, page: Page<ProposalView>) -> HTML {
        let rows = page.items.map { proposal -> HTML in
            """
            <tr><td><a href="\(ConferencePaths.proposal(conference.id, proposal.id))">\(proposal.title)</a></td>
            <td>\(proposal.kind.label)</td><td>\(proposal.track?.name ?? "")</td><td>\(by(proposal))</td>
            <td>\(proposal.reviewCount)</td><td>\(proposal.averageScore.map { String($0) } ?? "–")</td>
            <td>\(proposal.myScore.map { String($0) } ?? "–")</td><td>\(proposal.status.rawValue)</td></tr>
            """
        }
        return Layout.page(
            title: "Proposals",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Proposals"))
                \(HTML.when(conference.settings.blindReview) { "<p>Review is blind: who proposed a session shows once it is accepted or rejected.</p>" })
                \(rows.isEmpty ? "<p class=\"empty\">No proposals yet.</p>" : """
                <div class="table-wrap"><table><caption>Proposals to \(conference.event.title)</caption>
                <thead><tr><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Track</th>\
                <th scope="col">Proposed by</th><th scope="col">Reviews</th><th scope="col">Average score</th>\
                <th scope="col">Your score</th><th scope="col">Status</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """ as HTML)
                \(paginationNav(page, base: ConferencePaths.proposals(conference.id)))
                """
        )
    }

    /// Who proposed, as far as the viewer may know.
    static func by(_ proposal: ProposalView) -> String {
        guard !proposal.anonymous, let proposer = proposal.proposer else { return "Anonymous (blind review)" }
        var text = "\(proposer.name) (@\(proposer.handle))"
        if let group = proposal.group { text += " for \(group.name)" }
        let others = (proposal.coSpeakers ?? []).filter { $0.status == .accepted }.map(\.person)
        if !others.isEmpty { text += ", with \(ConferenceParts.people(others))" }
        return text
    }

    static func show(
        _ context: AppContext,
        _ conference: ConferenceView,
        _ proposal: ProposalView,
        isProposer: Bool,
        isSpeaker: Bool,
        isInvited: Bool,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let (id, number) = (conference.id, proposal.id)
        let reviews = proposal.reviews.enumerated().map { index, review -> HTML in
            let who = review.reviewer.map { "\($0.name) (@\($0.handle))" } ?? "Reviewer \(index + 1)"
            return """
                <li><p class="meta">\(who) · score \(review.score) of 5</p>\
                \(HTML.when(!review.comment.isEmpty) { "<p>\(review.comment)</p>" })</li>
                """
        }
        let canReview =
            conference.roles.isCommittee && !isSpeaker && proposal.status == .submitted
        let reviewForm: HTML = .when(canReview) {
            let scores = [("", "Choose a score")] + (1...5).reversed().map { (String($0), "\($0)") }
            return """
                \(FormParts.postForm(context, to: ConferencePaths.review(id, number), novalidate: true))
                <fieldset><legend>Your review</legend>
                \(fields.select("score", label: "Score (5 is strongest)", options: scores, selected: proposal.myScore.map { String($0) }))
                \(fields.textarea("comment", label: "Comment", rows: 4))
                <button type="submit">Save the review</button></fieldset></form>
                """
        }
        let decide: HTML = .when(conference.roles.isOrganizer && proposal.status != .withdrawn) {
            """
            <p>\(HTML.when(proposal.status != .accepted) { ConferenceParts.button(context, ConferencePaths.decision(id, number), "Accept", fields: [("decision", "accept")]) })
            \(HTML.when(proposal.status != .rejected) { ConferenceParts.button(context, ConferencePaths.decision(id, number), "Reject", fields: [("decision", "reject")]) })</p>
            """
        }
        let withdraw: HTML = .when(isProposer && (proposal.status == .submitted || proposal.status == .accepted)) {
            ConferenceParts.button(context, ConferencePaths.withdrawProposal(id, number), "Withdraw the proposal")
        }
        let invitation: HTML = .when(isInvited) {
            """
            <section aria-labelledby="invitation-heading"><h2 id="invitation-heading">You are asked to co-speak</h2>
            <p>You are listed as a speaker of this session only if you accept.</p>
            \(CoSpeakerParts.answer(context, conference: id, proposal: number))</section>
            """
        }
        return Layout.page(
            title: proposal.title,
            context: context,
            main: """
                \(ConferenceParts.header(conference, proposal.title))
                \(fields.summary)
                <p class="meta">\(proposal.kind.label)\(proposal.track.map { " · \($0.name)" } ?? "") · \(proposal.status.rawValue)</p>
                <p>Proposed by \(by(proposal))</p>
                \(CoSpeakerParts.pending(proposal))
                \(invitation)
                <h2>About the session</h2>
                <div class="post-body">\(HTML(raw: proposal.abstractHTML))</div>
                \(decide)\(withdraw)
                <section aria-labelledby="reviews-heading"><h2 id="reviews-heading">Reviews</h2>
                \(reviews.isEmpty ? "<p class=\"empty\">No reviews yet.</p>" : "<ol class=\"reviews\">\(reviews)</ol>" as HTML)
                \(reviewForm)</section>
                """
        )
    }
}
