import Events
import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// The roster's pages: the searchable index, a speaker's page with its tools, and the form to add or edit.
enum SpeakerPages {
    static func index(
        _ context: AppContext,
        page: Page<SpeakerCard>,
        form: FormData,
        cities: [RosterCity],
        errors: [String: String] = [:]
    ) -> HTML {
        let fields = FieldSet(values: form, errors: errors)
        let items = page.items.map { card -> HTML in
            let topics = card.topics.map { topic -> HTML in
                "<a href=\"\(SpeakerPaths.roster() + query([("topic", topic)]))\">\(topic)</a>"
            }
            return """
                <li class="card"><h2><a href="\(card.url)">\(card.name)</a></h2>
                <p class="meta">From \(card.city.name)\(HTML.when(card.recommendations > 0) {
                    " · recommended by \(card.recommendations) \(card.recommendations == 1 ? "group" : "groups")"
                })</p>
                \(HTML.when(!topics.isEmpty) { "<p>Topics: \(topics.joinedWithCommas)</p>" })</li>
                """
        }
        let base =
            SpeakerPaths.roster()
            + query(["topic", "city", "from", "until"].map { ($0, form[$0]) })
        let add: HTML = .when(context.person != nil) {
            "<p><a href=\"\(SpeakerPaths.newSpeaker())\">Add a speaker</a></p>"
        }
        return Layout.page(
            title: "Speakers",
            context: context,
            main: """
                <h1>Speakers</h1>
                <p>A roster shared by every group: people who speak, what about, and when they can travel. \
                Invite them, and plan a tour with other groups.</p>
                \(add)
                \(fields.summary)
                <form action="\(SpeakerPaths.roster())" method="get" role="search" novalidate>
                <fieldset><legend>Find a speaker</legend>
                \(fields.text("topic", label: "Topic", hint: "One topic, for example: housing"))
                \(fields.select("city", label: "Home city", options: [("", "Any city")] + cities.map { ($0.slug, $0.name) }))
                \(fields.text("from", label: "Available from", type: "date", hint: "YYYY-MM-DD"))
                \(fields.text("until", label: "Available until", type: "date", hint: "YYYY-MM-DD"))
                <button type="submit">Search</button></fieldset></form>
                \(items.isEmpty ? "<p class=\"empty\">No speaker matches.</p>" : "<ul class=\"card-list\">\(items)</ul>" as HTML)
                \(paginationNav(page, base: base))
                """
        )
    }

    /// The speaker's page. `form`/`errors` carry a failed talk, dates or recommendation form back to its fields.
    static func show(
        _ context: AppContext,
        _ speaker: Speaker,
        groups: [GroupRef],
        form: FormData = FormData(),
        errors: [String: String] = [:]
    ) -> HTML {
        let fields = FieldSet(values: form, errors: errors)
        let id = speaker.id
        let talks = speaker.talks.map { talk -> HTML in
            """
            <li><h3>\(talk.title)</h3><p class="meta">\(talk.minutes) minutes</p>\(HTML.markdown(talk.abstract))\
            \(HTML.when(speaker.canEdit) { button(context, SpeakerPaths.removeTalk(id, talk.id), "Remove the talk “\(talk.title)”") })</li>
            """
        }
        let windows = speaker.availability.map { window -> HTML in
            """
            <li>\(window.startsOn) to \(window.endsOn)\(HTML.when(speaker.canEdit) {
                " \(button(context, SpeakerPaths.removeAvailability(id, window.id), "Remove \(window.startsOn) to \(window.endsOn)"))"
            })</li>
            """
        }
        let recommended = speaker.recommendedBy.map { recommendation -> HTML in
            """
            <li><a href="\(GroupPaths.group(recommendation.group.slug))">\(recommendation.group.name)</a>\
            \(HTML.when(!recommendation.note.isEmpty) { ": \(recommendation.note)" })\
            \(HTML.when(groups.contains(recommendation.group)) {
                " \(button(context, SpeakerPaths.unrecommend(id), "Withdraw \(recommendation.group.name)’s recommendation", fields: hidden("group", recommendation.group.slug)))"
            })</li>
            """
        }
        let editTools: HTML = .when(speaker.canEdit) {
            """
            <p><a href="\(SpeakerPaths.editSpeaker(id))">Edit the speaker</a></p>
            \(FormParts.postForm(context, to: SpeakerPaths.talks(id), novalidate: true))
            <fieldset><legend>Add a talk</legend>
            \(fields.text("title", label: "Title", required: true))
            \(fields.textarea("abstract", label: "Abstract", rows: 4, hint: "Markdown: **bold**, *italic*, [links](https://…)."))
            \(fields.text("minutes", label: "Length in minutes", type: "number", required: true))
            <button type="submit">Add the talk</button></fieldset></form>
            \(FormParts.postForm(context, to: SpeakerPaths.availability(id), novalidate: true))
            <fieldset><legend>Add dates the speaker can do</legend>
            \(fields.text("from", label: "First day", type: "date", required: true, hint: "YYYY-MM-DD"))
            \(fields.text("until", label: "Last day", type: "date", required: true, hint: "YYYY-MM-DD"))
            <button type="submit">Add the dates</button></fieldset></form>
            """
        }
        let recommend: HTML = .when(!groups.isEmpty) {
            """
            \(FormParts.postForm(context, to: SpeakerPaths.recommend(id), novalidate: true))
            <fieldset><legend>Recommend for a group</legend>
            \(fields.select("group", label: "Group", options: groups.map { ($0.slug, $0.name) }))
            \(fields.text("note", label: "Why (optional)"))
            <button type="submit">Recommend</button></fieldset></form>
            """
        }
        let tour: HTML = .when(!groups.isEmpty) {
            "<p><a href=\"\(SpeakerPaths.newTour() + "?speaker=\(id)")\">Plan a speaking tour</a></p>"
        }
        return Layout.page(
            title: speaker.name,
            context: context,
            main: """
                <h1>\(speaker.name)</h1>
                <p class="meta">From \(speaker.city.name)\(speaker.handle.map { handle -> HTML in
                    " · on the site as @\(handle)"
                })\(speaker.addedFor.map { group -> HTML in
                    " · added for <a href=\"\(GroupPaths.group(group.slug))\">\(group.name)</a>"
                })</p>
                \(fields.summary)
                \(HTML.when(!speaker.topics.isEmpty) { "<p>Topics: \(speaker.topics.map { topic -> HTML in "<a href=\"\(SpeakerPaths.roster() + query([("topic", topic)]))\">\(topic)</a>" }.joinedWithCommas)</p>" })
                \(HTML.when(!speaker.bioHTML.isEmpty) { "<h2>Biography</h2>\(HTML(raw: speaker.bioHTML))" })
                \(speaker.contact.map { contact -> HTML in
                    "<section aria-labelledby=\"contact\"><h2 id=\"contact\">Contact (organizers only)</h2><p>\(contact.isEmpty ? "None given." : contact)</p></section>"
                })
                <h2>Talks</h2>
                \(talks.isEmpty ? "<p class=\"empty\">No talks listed yet.</p>" : "<ul>\(talks)</ul>" as HTML)
                <h2>Available</h2>
                \(windows.isEmpty ? "<p class=\"empty\">No dates given yet.</p>" : "<ul>\(windows)</ul>" as HTML)
                <h2>Recommended by</h2>
                \(recommended.isEmpty ? "<p class=\"empty\">No group recommends this speaker yet.</p>" : "<ul>\(recommended)</ul>" as HTML)
                \(tour)
                \(editTools)
                \(recommend)
                """
        )
    }

    static func form(
        _ context: AppContext,
        fields: FieldSet,
        cities: [RosterCity],
        groups: [GroupRef],
        people: NamedChoices,
        editing id: Int? = nil
    ) -> HTML {
        let heading = id == nil ? "Add a speaker" : "Edit the speaker"
        let group: HTML =
            id == nil
            ? fields.select("group", label: "Added for the group", options: groups.map { ($0.slug, $0.name) })
            : .empty
        let none: HTML = .when(id == nil && groups.isEmpty) {
            "<p class=\"form-error\" role=\"alert\">Only organizers and editors of a group add speakers.</p>"
        }
        return Layout.page(
            title: heading,
            context: context,
            main: """
                <h1>\(heading)</h1>
                \(none)
                \(fields.summary)
                \(FormParts.postForm(context, to: id.map { SpeakerPaths.speaker($0) } ?? SpeakerPaths.roster(), novalidate: true))
                \(group)
                \(fields.text("name", label: "Name", required: true))
                \(fields.named("handle", label: "Their account on the site (optional)", choices: people, hint: "If the speaker has an account here: their name or handle. The list offers you and the members of groups whose member list you may see."))
                \(fields.select("city", label: "Home city", options: [("", "Choose a city")] + cities.map { ($0.slug, $0.name) }))
                \(fields.text("topics", label: "Topics", hint: "Separated by commas, for example: housing, tenant unions"))
                \(fields.textarea("bio", label: "Short bio", rows: 4, hint: "Markdown: **bold**, *italic*, [links](https://…)."))
                \(fields.textarea("contact", label: "Contact (shown only to organizers)", rows: 2, hint: "Email or phone. Only the organizers and editors of groups that added, recommend or host the speaker see it."))
                <input type="hidden" name="_submitted" value="1">
                <button type="submit">\(id == nil ? "Add the speaker" : "Save")</button>
                </form>
                """
        )
    }

    static func formValues(_ speaker: Speaker) -> FormData {
        FormData([
            ("name", speaker.name), ("handle", speaker.handle ?? ""), ("city", speaker.city.slug),
            ("topics", speaker.topics.joined(separator: ", ")), ("bio", speaker.bio),
            ("contact", speaker.contact ?? ""),
            ("_submitted", "1"),
        ])
    }

    /// A one-button form in the quieter style of secondary actions.
    static func button(_ context: AppContext, _ action: String, _ label: String, fields: HTML = .empty) -> HTML {
        FormParts.button(context, action, label, fields: fields, style: "secondary")
    }

    static func hidden(_ name: String, _ value: String) -> HTML { FormParts.hidden(name, value) }

    /// The query string for a link, keeping only the given non-empty parameters.
    static func query(_ pairs: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parts = pairs.filter { !$0.1.isEmpty }.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

extension [HTML] {
    var joinedWithCommas: HTML {
        HTML(raw: map(\.raw).joined(separator: ", "))
    }
}
