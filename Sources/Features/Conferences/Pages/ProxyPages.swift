import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A participant's proxies at a conference: whom they gave their vote to (and taking it back), whose votes they
/// hold, and the form to give theirs.
enum ProxyPages {
    static func page(
        _ context: AppContext,
        _ conference: ConferenceView,
        participant: Bool,
        given: ProxyView?,
        held: [ProxyView],
        people: NamedChoices,
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let id = conference.id
        let mine: HTML =
            if let given {
                """
                <p>You gave your vote to <strong>\(given.person.name) (@\(given.handle))</strong>. They cast it in \
                the plenary's votes unless you vote first; whichever ballot comes first counts.</p>
                \(ConferenceParts.button(context, ConferencePaths.revokeProxy(id), "Take my vote back"))
                """
            } else if participant && held.isEmpty {
                """
                <p>You vote yourself. If you cannot be there for a vote, give your vote to another registered \
                participant: one proxy at a time, and nobody holds more than \(Proxies.limit) votes besides their own.</p>
                \(FormParts.postForm(context, to: ConferencePaths.proxies(id), novalidate: true))
                \(fields.named("holder", label: "Give my vote to", choices: people, required: true, hint: "A registered participant, by name or handle."))
                <button type="submit">Give my vote</button></form>
                """
            } else if participant {
                "<p>You hold other participants' votes, so you cannot give your own away.</p>"
            } else {
                """
                <p class="empty">Only registered participants (who RSVPed with their account and hold a place) vote \
                in the plenary and give or hold proxies.</p>
                """
            }
        let holding = held.map { giver -> HTML in
            "<li>\(giver.person.name) (@\(giver.handle))</li>"
        }
        return Layout.page(
            title: "Proxies",
            context: context,
            main: """
                \(ConferenceParts.header(conference, "Proxies"))
                \(fields.summary)
                <h2>Your vote</h2>
                \(mine)
                <h2>Votes you hold</h2>
                \(holding.isEmpty ? "<p class=\"empty\">Nobody has given you their vote.</p>" : "<ul>\(holding)</ul><p>Cast them on each action's page while its vote is open.</p>" as HTML)
                <p>A proxy can be taken back until you or the holder have voted in a plenary vote that is still open; \
                it then stands until that vote closes.</p>
                """
        )
    }
}
