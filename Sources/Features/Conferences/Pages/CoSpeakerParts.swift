import FreshgroundWeb

/// What a person asked to co-speak sees: their invitations with Accept and Decline, and on a proposal the
/// co-speakers who have not accepted (shown only to the proposer and to the person asked).
enum CoSpeakerParts {
    /// The Accept and Decline buttons of one invitation.
    static func answer(_ context: AppContext, conference: Int, proposal: Int) -> HTML {
        let path = ConferencePaths.speaking(conference, proposal)
        return """
            \(ConferenceParts.button(context, path, "Accept: list me as a speaker", fields: [("answer", "accept")]))
            \(ConferenceParts.button(context, path, "Decline", fields: [("answer", "decline")]))
            """
    }

    /// A section listing the invitations waiting for the person's answer; nothing when there are none.
    static func invitations(
        _ context: AppContext,
        _ invitations: [CoSpeakerInvitation],
        namingConference: Bool
    ) -> HTML {
        let items = invitations.map { invitation -> HTML in
            let who = invitation.proposer.map { " from \($0.name) (@\($0.handle))" } ?? ""
            let at = namingConference ? " at \(invitation.conference)" : ""
            return """
                <li><a href="\(ConferencePaths.proposal(invitation.conferenceID, invitation.proposalID))">\(invitation.title)</a>\
                <span class="meta">\(who)\(at)</span>
                \(answer(context, conference: invitation.conferenceID, proposal: invitation.proposalID))</li>
                """
        }
        return .when(!items.isEmpty) {
            """
            <section aria-labelledby="co-speak-heading"><h2 id="co-speak-heading">Invitations to co-speak</h2>
            <p>You are listed as a speaker only once you accept.</p>
            <ul>\(items)</ul></section>
            """
        }
    }

    /// The co-speakers asked who have not accepted, with where they stand; empty when there are none.
    static func pending(_ proposal: ProposalView) -> HTML {
        let waiting = (proposal.coSpeakers ?? []).filter { $0.status != .accepted }
        guard !waiting.isEmpty else { return "" }
        let names = waiting.map { speaker in
            "\(speaker.name) (@\(speaker.handle)), \(speaker.status == .invited ? "not answered yet" : "declined")"
        }
        return "<p class=\"meta\">Asked to co-speak, not listed: \(names.joined(separator: "; "))</p>"
    }
}
