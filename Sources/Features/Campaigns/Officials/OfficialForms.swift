import FreshgroundWeb
import Groups

/// The organizers' forms: recording an official, a pledge, the criteria and a vote, linking a vote, and the page
/// where vote events are pasted.
enum OfficialForms {
    static func official(_ context: AppContext, slug: String, fields: FieldSet) -> HTML {
        """
        <section aria-labelledby="record"><h2 id="record">Record an official</h2>
        \(fields.summary)
        \(FormParts.postForm(context, to: CampaignPaths.officials(slug), novalidate: true))
        \(fields.text("name", label: "Name", required: true))
        \(fields.text("office", label: "Office", required: true, hint: "Such as “City councillor”."))
        \(fields.text("jurisdiction", label: "Jurisdiction", required: true, hint: "Such as “Leeds, Hyde Park ward”."))
        \(fields.text("termStartsOn", label: "Term starts", type: "date", required: true))
        \(fields.text("termEndsOn", label: "Term ends", type: "date", required: true))
        \(fields.text("popoloId", label: "Popolo id", hint: "To find their votes in Popolo files; else their name is matched."))
        \(fields.text("ocdId", label: "Open Civic Data id", hint: "Such as ocd-person/…, to find their votes in OCD files."))
        \(fields.text("contactEmail", label: "Contact email", type: "email", hint: "Where accountability reviews are mailed; shown only to the group's organizers."))
        <button type="submit">Record the official</button></form></section>
        """
    }

    static func forms(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet) -> HTML {
        let id = record.official.id
        let stances = [("for", "For"), ("against", "Against"), ("none", "Neither")]
        let rules = [("disagree", "Counted as disagreement"), ("leave-out", "Left out")]
        let options = [("yes", "Yes"), ("no", "No"), ("abstain", "Abstained"), ("absent", "Absent")]
        return """
            \(fields.summary)
            <section aria-labelledby="add-pledge"><h2 id="add-pledge">Record a pledge</h2>
            <p>An answer on a topic already recorded becomes its next version; every version stays.</p>
            \(FormParts.postForm(context, to: CampaignPaths.officialPledges(id), novalidate: true))
            \(fields.text("topic", label: "Topic", required: true, hint: "Such as “Rent control”."))
            \(fields.textarea("question", label: "Question (required)", rows: 3))
            \(fields.textarea("answer", label: "The official's answer (required)", rows: 4))
            \(fields.select("stance", label: "Their stance", options: stances, selected: "for"))
            \(fields.text("answeredOn", label: "Answered on", type: "date", required: true))
            \(fields.text("sourceURL", label: "Where the answer was published", type: "url", required: true))
            <button type="submit">Record the pledge</button></form></section>
            <section aria-labelledby="publish-criteria"><h2 id="publish-criteria">Publish criteria</h2>
            <p>New criteria are dated today and apply to votes from tomorrow; earlier votes keep theirs.</p>
            \(FormParts.postForm(context, to: CampaignPaths.officialCriteria(id), novalidate: true))
            \(fields.select("absences", label: "Absences", options: rules, selected: record.criteria.last?.absences))
            \(fields.select("abstentions", label: "Abstentions", options: rules, selected: record.criteria.last?.abstentions))
            \(fields.textarea("criteriaText", label: "Anything else the group weighs", rows: 3))
            <button type="submit">Publish the criteria</button></form></section>
            <section aria-labelledby="add-vote"><h2 id="add-vote">Record a vote by hand</h2>
            \(FormParts.postForm(context, to: CampaignPaths.officialVotes(id), novalidate: true))
            \(fields.text("motion", label: "Motion", required: true))
            \(fields.text("votedOn", label: "Day of the vote", type: "date", required: true))
            \(fields.select("option", label: "The official voted", options: options))
            \(fields.select("voteTopic", label: "Pledge it tests", options: topicOptions(record)))
            \(fields.select("position", label: "The group's position", options: positionOptions, selected: "none"))
            <button type="submit">Record the vote</button></form>
            <p><a href="\(CampaignPaths.importVotes(id))">Import votes from a Popolo or Open Civic Data file</a></p>
            </section>
            """
    }

    static let positionOptions = [("support", "Support"), ("oppose", "Oppose"), ("none", "No position")]

    static func topicOptions(_ record: OfficialRecord) -> [(value: String, label: String)] {
        [("", "None")] + record.topics.map { ($0.topic, $0.topic) }
    }

    /// The small form on a vote's row: its pledge and the group's position. Ids carry the vote's id so the page's
    /// labels stay unique.
    static func link(_ context: AppContext, _ record: OfficialRecord, _ vote: OfficialVote) -> HTML {
        let topics = topicOptions(record).map { option -> HTML in
            "<option value=\"\(option.value)\"\(option.value == (vote.pledgeTopic ?? "") ? " selected" : "")>\(option.label)</option>"
        }
        let positions = positionOptions.map { option -> HTML in
            "<option value=\"\(option.0)\"\(option.0 == vote.position ? " selected" : "")>\(option.1)</option>"
        }
        return """
            \(FormParts.postForm(context, to: CampaignPaths.linkVote(record.official.id, vote.id), novalidate: true))
            <label for="topic-\(vote.id)">Pledge</label> <select id="topic-\(vote.id)" name="voteTopic">\(topics)</select>
            <label for="position-\(vote.id)">Position</label> <select id="position-\(vote.id)" name="position">\(positions)</select>
            <button type="submit" class="secondary">Save</button></form>
            """
    }

    static func importPage(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet = FieldSet()) -> HTML {
        let id = record.official.id
        let title = "Import votes of \(record.official.name)"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>Paste one vote event or an array of them, as JSON. Every event is checked before anything is \
                stored: its counts must equal its votes, option by option, and \(record.official.name) must be among \
                its voters (by id, else by exactly one voter of that name). Only their vote and the counts are kept; \
                an event recorded before is skipped.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: CampaignPaths.importVotes(id), novalidate: true))
                \(fields.select("format", label: "Format", options: VoteImport.Format.allCases.map { ($0.rawValue, $0.label) }))
                \(fields.textarea("document", label: "Vote events (JSON)", rows: 16))
                <button type="submit">Import</button></form>
                <p><a href="\(CampaignPaths.official(id))">Back to \(record.official.name)</a></p>
                """
        )
    }
}
