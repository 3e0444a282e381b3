import Decisions
import Foundation
import FreshgroundCore
import FreshgroundWeb

/// The joint demands on the campaign's page: the demands adopted now, then every version with its status, the vote
/// linked only for those the Decisions feature lets see it.
enum DemandSection {
    static func render(_ board: DemandBoard, campaign: Int, manages: Bool) -> HTML {
        let adopted: HTML =
            if let current = board.adopted {
                """
                <p class="meta">Adopted by the groups: version \(current.version) of \(CampaignParts.day(current.createdAt))</p>
                <div class="prose">\(HTML(raw: current.textHTML))</div>
                """
            } else {
                "<p class=\"empty\">No joint demands adopted yet.</p>"
            }
        let items = board.versions.prefix(10).map { version -> HTML in
            "<li><a href=\"\(CampaignPaths.demands(campaign))#version-\(String(version.version))\">Version \(version.version)</a>: \(status(board, version))</li>"
        }
        let write: HTML = .when(manages) {
            "<p><a href=\"\(CampaignPaths.demands(campaign))\">Write the joint demands or put them to the vote</a></p>"
        }
        return """
            <section aria-labelledby="demands"><h2 id="demands">Joint demands</h2>
            \(adopted)
            \(HTML.when(!items.isEmpty) { "<ul class=\"versions\">\(items)</ul>" })
            \(write)</section>
            """
    }

    /// "draft", "being voted on (see the vote)", "adopted", "not adopted".
    static func status(_ board: DemandBoard, _ version: DemandVersion) -> HTML {
        let link: HTML =
            board.decisionLink(version).map {
                " (<a href=\"\(DecisionPaths.decision($0))\">the vote</a>)"
            } ?? .empty
        return "<strong>\(version.state.label)</strong>\(link)"
    }
}

/// The page of every version of the joint demands, with the lead's organizers' forms: a new version and the vote.
enum DemandPages {
    static func page(
        _ context: AppContext,
        campaign: Campaign,
        board: DemandBoard,
        manages: Bool,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let versions = board.versions.map { version -> HTML in
            let vote: HTML = .when(
                manages && version.state == .draft && !board.voting && version.id == board.versions.first?.id
            ) {
                voteForm(context, campaign: campaign, version: version, fields: fields)
            }
            return """
                <article id="version-\(String(version.version))" aria-labelledby="version-\(String(version.version))-title">
                <h3 id="version-\(String(version.version))-title">Version \(version.version)</h3>
                <p class="meta">Written \(CampaignParts.day(version.createdAt)) · \(DemandSection.status(board, version))</p>
                <div class="prose">\(HTML(raw: version.textHTML))</div>
                \(vote)</article>
                """
        }
        return Layout.page(
            title: "Joint demands: \(campaign.title)",
            context: context,
            main: """
                <h1>Joint demands of <a href="\(CampaignPaths.campaign(campaign.id))">\(campaign.title)</a></h1>
                <p>The lead's organizers write the joint demands; the groups taking part adopt them by a vote, one \
                voice each, \(campaign.adoption == .consent ? "by consent (one group blocking is enough to stop them)" : "by a simple majority of the groups"). \
                The groups taking part when a vote opens vote to its end, even one that withdraws meanwhile.</p>
                \(fields.summary)
                \(HTML.when(manages) { newVersionForm(context, campaign: campaign, board: board, fields: fields) })
                <section aria-labelledby="versions"><h2 id="versions">Versions</h2>
                \(versions.isEmpty ? "<p class=\"empty\">No version written yet.</p>" as HTML : "\(versions)")</section>
                """
        )
    }

    private static func newVersionForm(
        _ context: AppContext,
        campaign: Campaign,
        board: DemandBoard,
        fields: FieldSet
    )
        -> HTML
    {
        let newest = board.versions.first
        let shown = fields.values.has("text") ? fields.values : FormData([("text", newest?.text ?? "")])
        return """
            <section aria-labelledby="write"><h2 id="write">Write a new version</h2>
            \(FormParts.postForm(context, to: CampaignPaths.demands(campaign.id), novalidate: true))
            \(FormParts.hidden("baseVersion", String(newest?.version ?? 0)))
            \(FieldSet(values: shown, errors: fields.errors).textarea("text", label: "The joint demands", rows: 10, hint: "Markdown. Saved as a new version; earlier versions stay."))
            <button type="submit">Save as version \(String((newest?.version ?? 0) + 1))</button></form></section>
            """
    }

    private static func voteForm(
        _ context: AppContext,
        campaign: Campaign,
        version: DemandVersion,
        fields: FieldSet
    )
        -> HTML
    {
        """
        \(FormParts.postForm(context, to: CampaignPaths.demandsVote(campaign.id, version.version), novalidate: true))
        \(fields.text("closesAt", label: "Voting closes (UTC)", type: "datetime-local", required: true, hint: "The groups taking part vote by their organizers, one voice each; the vote is open, not secret."))
        <button type="submit">Put version \(version.version) to the vote of the groups</button></form>
        """
    }
}
