import Foundation
import FreshgroundWeb

/// The campaign page's "Petitions and pledges": each with its signatures counted, the sharing agreement, and
/// links for what the viewer may do (start one, set the agreement, read their group's contacts).
enum PetitionSection {
    static func render(_ view: CampaignView, viewer: CurrentPerson?, services: AppServices) async throws -> HTML {
        let queries = PetitionQueries(services: services)
        let id = view.campaign.id
        let cards = try await queries.cards(id, viewer: viewer)
        let agreement = try await queries.sharing(id)
        let noticeDays = try await Sharing(services: services).noticeDays(id)
        let items = cards.map { card -> HTML in
            """
            <li><a href="\(CampaignPaths.petition(id, card.id))">\(card.title)</a> <span class="meta">\(card.kind.label) · \
            \(card.signatures) signature\(card.signatures == 1 ? "" : "s")</span></li>
            """
        }
        var links: [HTML] = []
        if view.takingPart.contains(where: view.speaksFor) {
            links.append("<a href=\"\(CampaignPaths.newPetition(id))\">Start a petition or pledge</a>")
        }
        if view.manages { links.append("<a href=\"\(CampaignPaths.sharing(id))\">Write the sharing agreement</a>") }
        for group in view.participants
        where group.isShown && ContactAccess.keepsContacts.contains(group.status) && view.answersFor(group) {
            links.append("<a href=\"\(CampaignPaths.contacts(id, group.slug))\">\(group.name)’s contacts</a>")
        }
        let actions: HTML = .when(!links.isEmpty) {
            "<p>\(links.joined(separator: " · "))</p>"
        }
        return """
            <section aria-labelledby="petitions"><h2 id="petitions">Petitions and pledges</h2>
            \(items.isEmpty ? "<p class=\"empty\">No petitions or pledges yet.</p>" as HTML : "<ul>\(items)</ul>")
            \(ContactPages.agreementText(agreement, noticeDays: noticeDays))
            \(actions)</section>
            """
    }
}
