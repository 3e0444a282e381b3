import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// Everything the publication page needs besides the piece.
struct PublicationPageData {
    let piece: Publication
    let access: PublicationAccess
    let recommenders: [GroupRef]
    let history: [ReviewEvent]
    /// Centers and coalitions the viewer may recommend for.
    let recommendingGroups: [GroupRef]
    let debates: [DebateCard]
    /// Groups the author or an editor may ask to co-publish, by name (none when the form is not shown).
    let copublishers: NamedChoices
}

/// A piece's page, and the form to write one.
enum PublicationPages {
    /// `review` holds the decision or comment form's input and messages when it was refused.
    /// `copublish` holds the co-publication form's input and message when it was refused.
    static func show(
        _ context: AppContext,
        _ data: PublicationPageData,
        review: FieldSet = FieldSet(),
        copublish: FieldSet = FieldSet()
    ) -> HTML {
        let piece = data.piece
        let showPlace = data.access.isAuthor || data.access.isEditor
        let status: HTML = .when(piece.status != .published) {
            "<p class=\"status\" role=\"status\">Status: <strong>\(piece.status.label)</strong></p>"
        }
        let submitter: HTML =
            data.access.submitter.map {
                "<p class=\"private-note\">Account: @\($0.handle) (\($0.name)). Only the author and the editors of \(piece.journal.name) see this.</p>"
            } ?? .empty
        let publishers = piece.publishers.isEmpty ? [piece.journal] : piece.publishers
        let tags: HTML = .when(!piece.tags.isEmpty) {
            "<p class=\"tags\">Tags: \(piece.tags.map { tag -> HTML in "<a href=\"\(LibraryPaths.tag(tag))\">\(tag)</a> " })</p>"
        }
        return Layout.page(
            title: piece.title,
            context: context,
            main: """
                <article class="publication">
                <h1>\(piece.title)</h1>
                <p class="meta"><span class="badge">\(piece.kind.label)</span> by \(piece.bylineText)\
                \(piece.publishedAt.map { date -> HTML in " · \(LibraryParts.time(date))" })\(piece.correctedAt.map { date -> HTML in
                    " · <a href=\"\(LibraryPaths.corrections(piece.id))\">Corrected \(LibraryParts.time(date))</a>"
                })</p>
                <p class="post-source">\(piece.status == .published ? "Published by" : "For the journal of") \(publishers.map { group -> HTML in "<a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a> " })</p>
                \(status)\(submitter)\(tags)
                \(HTML.when(!piece.summary.isEmpty) { "<p class=\"summary\">\(piece.summary)</p>" })
                \(media(piece))
                \(piece.report.map { report -> HTML in "<p class=\"report-place\">\(report.placeLine(showHidden: showPlace))</p>" })
                <h2 class="visually-hidden">The text</h2>
                <div class="post-body">\(HTML(raw: piece.bodyHTML))</div>
                </article>
                \(recommended(data.recommenders))
                \(actions(context, data, review: review, copublish: copublish))
                \(debates(piece, data.debates, signedIn: context.person != nil))
                \(history(data.history))
                """
        )
    }

    private static func media(_ piece: Publication) -> HTML {
        switch piece.kind {
        case .link:
            return """
                <p class="link-out">Read it at <a href="\(piece.linkURL)" rel="nofollow noopener noreferrer">\
                \(piece.linkSource.isEmpty ? piece.linkURL : piece.linkSource)</a></p>
                """
        case .recording:
            guard !piece.mediaURL.isEmpty else { return .empty }
            let tag = piece.mediaType.hasPrefix("video/") ? "video" : "audio"
            let size: HTML = .when(piece.mediaSize > 0) {
                " (\(ByteCountFormatter.string(fromByteCount: Int64(piece.mediaSize), countStyle: .file)))"
            }
            // Only files kept here get a player: the page loads nothing from other sites.
            let player: HTML = .when(piece.mediaURL.hasPrefix(LibraryPaths.media(""))) {
                "<\(HTML(raw: tag)) controls preload=\"none\" src=\"\(piece.mediaURL)\"></\(HTML(raw: tag))>"
            }
            return """
                \(player)
                <p><a href="\(piece.mediaURL)" rel="nofollow noopener">Download or open the recording</a>\(size)</p>
                """
        default: return .empty
        }
    }

    private static func recommended(_ groups: [GroupRef]) -> HTML {
        guard !groups.isEmpty else { return .empty }
        return """
            <section class="recommended" aria-labelledby="recommended-heading"><h2 id="recommended-heading">Recommended by</h2>
            <ul>\(groups.map { group -> HTML in "<li><a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a></li>" })</ul></section>
            """
    }

    private static func actions(
        _ context: AppContext,
        _ data: PublicationPageData,
        review: FieldSet,
        copublish: FieldSet
    ) -> HTML {
        let piece = data.piece
        let id = piece.id
        var parts: [HTML] = []
        if data.access.isAuthor && piece.status.isEditable {
            parts.append("<p><a class=\"button secondary\" href=\"\(LibraryPaths.editPublication(id))\">Edit</a></p>")
            parts.append(FormParts.button(context, LibraryPaths.submit(id), "Submit to \(piece.journal.name)"))
        }
        if data.access.isEditor && piece.status == .submitted {
            let decisions = [
                ("accept", "Accept and publish"), ("request_changes", "Ask for changes"), ("decline", "Decline"),
                ("comment", "Comment only"),
            ]
            parts.append(
                """
                \(FormParts.postForm(context, to: LibraryPaths.review(id), class: "review"))
                <fieldset><legend>Editors' decision</legend>\(review.summary)
                \(review.select("action", label: "Decision", options: decisions))
                \(review.textarea("note", label: "Note to the author (needed to ask for changes or decline)", rows: 4))
                <button type="submit">Send</button></fieldset></form>
                """
            )
        } else if data.access.isAuthor && piece.status == .submitted {
            parts.append(
                """
                \(FormParts.postForm(context, to: LibraryPaths.review(id)))\(FormParts.hidden("action", "comment"))
                \(review.summary)\(review.textarea("note", label: "Comment for the editors", rows: 3))
                <button type="submit">Comment</button></form>
                """
            )
        }
        if data.access.canCorrect(piece) {
            parts.append(
                "<p><a class=\"button secondary\" href=\"\(LibraryPaths.correct(id))\">Correct this piece</a></p>"
            )
        }
        if (data.access.isAuthor || data.access.isEditor) && piece.status == .published && piece.journalIsPublic {
            parts.append(
                """
                \(FormParts.postForm(context, to: LibraryPaths.copublishers(id), class: "inline"))\(copublish.summary)
                \(copublish.named("copublisher", label: "Ask another group to co-publish", choices: data.copublishers, hint: "The group's name; the list suggests them as you type. Its editors answer."))
                <button type="submit" class="secondary">Ask</button></form>
                """
            )
        }
        if (data.access.isAuthor || data.access.isEditor) && (piece.status == .published || piece.status == .submitted)
        {
            parts.append("<p><a class=\"button secondary\" href=\"\(LibraryPaths.withdraw(id))\">Withdraw…</a></p>")
        }
        if piece.status == .published && piece.journalIsPublic && !data.recommendingGroups.isEmpty {
            let options = data.recommendingGroups.map { group -> HTML in
                "<option value=\"\(group.slug)\">\(group.name)</option>"
            }
            parts.append(
                """
                \(FormParts.postForm(context, to: LibraryPaths.recommend(id)))
                <fieldset><legend>Recommend for the journal</legend>
                <div class="field"><label for="recommend-group">For</label><select id="recommend-group" name="group">\(options)</select></div>
                <div class="field"><label for="recommend-note">Why (optional)</label><textarea id="recommend-note" name="note" rows="2"></textarea></div>
                <button type="submit">Recommend</button></fieldset></form>
                """
            )
        }
        guard !parts.isEmpty else { return .empty }
        return "<section class=\"actions\" aria-label=\"Actions\">\(parts)</section>"
    }

    private static func debates(_ piece: Publication, _ debates: [DebateCard], signedIn: Bool) -> HTML {
        guard piece.status == .published && piece.journalIsPublic else { return .empty }
        let list = debates.map { debate -> HTML in "<li><a href=\"\(debate.url)\">\(debate.question)</a></li>" }
        return """
            <section aria-labelledby="debates-heading"><h2 id="debates-heading">Debates</h2>
            \(HTML.when(!list.isEmpty) { "<ul>\(list)</ul>" })
            \(HTML.when(signedIn) { "<p><a href=\"\(LibraryPaths.newDebate())?publication=\(piece.id)\">Open a debate about this piece</a></p>" })</section>
            """
    }

    private static func history(_ events: [ReviewEvent]) -> HTML {
        guard !events.isEmpty else { return .empty }
        let items = events.map { event -> HTML in
            """
            <li><strong>\(event.action.replacingOccurrences(of: "_", with: " "))</strong> \
            \(event.actor.map { "by \($0) " } ?? "")(\(event.group.name)), \(LibraryParts.time(event.at))\
            \(HTML.when(!event.note.isEmpty) { "<blockquote>\(event.note)</blockquote>" })</li>
            """
        }
        return """
            <section aria-labelledby="history-heading"><h2 id="history-heading">Editorial history</h2>
            <p class="hint">Seen only by the author and the journal's editors.</p><ol class="history">\(items)</ol></section>
            """
    }
}
