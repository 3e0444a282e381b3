import FreshgroundWeb
import Groups

/// The endorsing groups on an official's page (the recording group and those that accepted, each named only to
/// those who may see it), the answers for asked groups the viewer organizes, the recording organizers' invitations,
/// and the page of invitations waiting for a person's groups.
enum EndorsementPages {
    static func section(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let recording = GroupRef(slug: record.group.slug, name: record.group.name)
        let endorsers = ([recording] + record.endorsers.map(\.group)).map { "<li>\($0.link)</li>" as HTML }
        return """
            <section aria-labelledby="endorsing"><h2 id="endorsing">Endorsed by</h2>
            <ul>\(endorsers)</ul>
            \(answers(context, record))
            \(record.manages ? management(context, record, fields: fields) : .empty)
            </section>
            """
    }

    /// Accept and decline for asked groups the viewer organizes.
    private static func answers(_ context: AppContext, _ record: OfficialRecord) -> HTML {
        .when(!record.asked.isEmpty) {
            let items = record.asked.map { asked -> HTML in
                "<li>\(asked.name) is asked to co-endorse: \(buttons(context, record.official.id, asked.group))</li>"
            }
            return "<ul>\(items)</ul>"
        }
    }

    private static func buttons(_ context: AppContext, _ official: Int, _ group: GroupRef) -> HTML {
        let path = CampaignPaths.answerEndorsement(official, group.slug)
        return """
            \(FormParts.button(context, path, "Accept for \(group.name)", fields: FormParts.hidden("answer", "accept"))) \
            \(FormParts.button(context, path, "Decline for \(group.name)", fields: FormParts.hidden("answer", "decline"), style: "secondary"))
            """
    }

    /// For the recording group's organizers: the groups asked and their answers, and the form to ask another.
    private static func management(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let waiting = record.endorsements.filter { $0.status != .accepted }.map { asked -> HTML in
            "<li>\(asked.group.link): \(asked.status == .invited ? "asked, no answer yet" : "declined")</li>"
        }
        return """
            <h3>Ask other groups to co-endorse</h3>
            \(waiting.isEmpty ? "<p class=\"empty\">No invitation waiting or declined.</p>" as HTML : "<ul>\(waiting)</ul>")
            \(FormParts.postForm(context, to: CampaignPaths.endorsements(record.official.id), novalidate: true))
            \(fields.named("group", label: "Group to ask", choices: record.choices ?? GroupChoices.named([]), hint: "Its name: its organizers are told and answer for it."))
            <button type="submit">Ask to co-endorse</button></form>
            """
    }

    static func invitations(_ context: AppContext, _ items: [EndorsementInvitation]) -> HTML {
        let rows = items.map { item -> HTML in
            let name: HTML =
                item.bySlug.isEmpty
                ? "\(item.officialName)"
                : "<a href=\"\(CampaignPaths.official(item.officialId))\">\(item.officialName)</a>"
            return """
                <li>\(name), \(item.office), \(item.jurisdiction), recorded by \(item.byName): is \(item.name) to \
                co-endorse them? \(buttons(context, item.officialId, GroupRef(slug: item.slug, name: item.name)))</li>
                """
        }
        return Layout.page(
            title: "Invitations to co-endorse officials",
            context: context,
            main: """
                <h1>Invitations to co-endorse officials</h1>
                <p>Another group records an official it endorsed and asks one of the groups you organize to endorse \
                them too. Accepted, your group is listed on the official's page.</p>
                \(rows.isEmpty ? "<p class=\"empty\">No invitation is waiting for your groups.</p>" as HTML : "<ul>\(rows)</ul>")
                """
        )
    }
}
