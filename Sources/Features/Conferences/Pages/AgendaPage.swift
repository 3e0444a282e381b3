import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb

/// A person's agenda across conferences: invitations to co-speak waiting for an answer, the sessions they
/// starred, with the secret calendar address.
enum AgendaPage {
    static func page(
        _ context: AppContext,
        _ entries: [AgendaEntry],
        invitations: [CoSpeakerInvitation],
        feedURL: String
    ) -> HTML {
        let items = entries.map { entry -> HTML in
            let session = entry.session
            return """
                <li>\(ConferenceParts.span(session.startsAt, session.endsAt, zone: entry.timeZone)) · \
                <a href="\(ConferencePaths.schedule(entry.conferenceID))#session-\(session.id)">\(session.title)</a> \
                <span class="meta">\(session.room.name) · \(entry.conference)</span></li>
                """
        }
        return Layout.page(
            title: "My agenda",
            context: context,
            main: """
                <h1>My agenda</h1>
                \(CoSpeakerParts.invitations(context, invitations, namingConference: true))
                <p>The conference sessions you starred, in time order, shown in each conference's local time.</p>
                \(items.isEmpty ? "<p class=\"empty\">You have not starred any session yet.</p>" : "<ul>\(items)</ul>" as HTML)
                <h2>In your calendar</h2>
                <p>Subscribe to this address in your calendar app. Keep it to yourself: anyone with it sees your agenda.</p>
                <p><input aria-label="Your agenda's secret calendar address" type="text" readonly value="\(feedURL)"></p>
                \(ConferenceParts.button(context, ConferencePaths.renewAgendaKey(), "Make a new secret address (the old one stops working)"))
                """
        )
    }
}
