import FreshgroundCore
import FreshgroundWeb
import Groups

/// A group's officials, and one official's page: the criteria that applied above the scorecard, each pledge with
/// its status and every version, and the votes with what each came to.
enum OfficialPages {
    static func list(
        _ context: AppContext,
        group: Group,
        standing: Standing,
        officials: [Official],
        fields: FieldSet = FieldSet()
    ) -> HTML {
        let rows = officials.map { official -> HTML in
            """
            <li><a href="\(CampaignPaths.official(official.id))">\(official.name)</a>, \(official.office), \
            \(official.jurisdiction) (\(official.termStartsOn) to \(official.termEndsOn))</li>
            """
        }
        let title = "\(group.name): officials"
        return Layout.page(
            title: title,
            context: context,
            main: """
                <h1>\(title)</h1>
                <p>The officials \(GroupRef(slug: group.slug, name: group.name).link) endorsed and holds to account: \
                what they pledged, how they voted, and a scorecard by criteria the group published before the votes.</p>
                \(officials.isEmpty ? "<p class=\"empty\">No official is recorded yet.</p>" as HTML : "<ul>\(rows)</ul>")
                \(GroupRules.canManage(standing) ? OfficialForms.official(context, slug: group.slug, fields: fields) : .empty)
                """
        )
    }

    static func page(_ context: AppContext, _ record: OfficialRecord, fields: FieldSet = FieldSet()) -> HTML {
        let official = record.official
        let ids = [official.popoloId.map { "Popolo id \($0)" }, official.ocdId.map { "OCD id \($0)" }].compactMap { $0 }
        return Layout.page(
            title: official.name,
            context: context,
            main: """
                <h1>\(official.name)</h1>
                <p>\(official.office), \(official.jurisdiction); term \(official.termStartsOn) to \
                \(official.termEndsOn). Recorded by \(GroupRef(slug: record.group.slug, name: record.group.name).link).\
                \(ids.isEmpty ? "" : " \(ids.joined(separator: ", ")).")</p>
                \(EndorsementPages.section(context, record, fields: fields))
                \(ReviewPages.section(context, record, fields: fields))
                \(criteria(record))
                \(scorecard(record))
                \(pledges(record))
                \(votes(context, record))
                \(record.manages ? OfficialForms.forms(context, record, fields: fields) : .empty)
                <p><a href="\(CampaignPaths.officials(record.group.slug))">All officials of \(record.group.name)</a></p>
                """
        )
    }

    static func rule(_ value: String) -> String { value == "leave-out" ? "left out" : "counted as disagreement" }

    static func describe(_ criteria: OfficialCriteria) -> HTML {
        """
        Version \(criteria.version), published \(criteria.publishedOn): absences \(rule(criteria.absences)), \
        abstentions \(rule(criteria.abstentions)).
        """
    }

    private static func criteria(_ record: OfficialRecord) -> HTML {
        guard let current = record.criteria.last else {
            return """
                <section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2>
                <p class="empty">No criteria are published yet: votes are listed unscored until the group publishes \
                them, and only votes on later days are scored.</p></section>
                """
        }
        let older = record.criteria.dropLast().reversed().map { old -> HTML in
            "<li>\(describe(old))\(old.text.isEmpty ? "" : " \(old.text)")</li>"
        }
        return """
            <section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2>
            <p>\(describe(current))</p>
            \(HTML.when(!current.text.isEmpty) { "<p class=\"prose\">\(current.text)</p>" })
            <p>Each vote is scored under the newest criteria published on a day before it.</p>
            \(HTML.when(!older.isEmpty) { "<details><summary>Earlier criteria</summary><ul>\(older)</ul></details>" })
            </section>
            """
    }

    private static func scorecard(_ record: OfficialRecord) -> HTML {
        let summary = record.summary
        let card = summary.card
        let share: HTML =
            card.percent.map { percent in
                """
                <p class="scorecard">Voted with \(record.group.name) on <strong>\(card.agreed) of \(card.counted)</strong> \
                scored votes: <strong>\(percent)%</strong>.</p>
                """
            } ?? "<p class=\"empty\">No vote the group took a position on is scored yet.</p>"
        let applied = summary.versions.compactMap { version in record.criteria.first { $0.version == version } }
            .map { "<li>\(describe($0))</li>" as HTML }
        var notes: [String] = []
        if card.absent > 0 { notes.append("Absences counted as disagreement: \(card.absent).") }
        if summary.leftOut > 0 { notes.append("Absences and abstentions left out: \(summary.leftOut).") }
        if summary.unscored > 0 { notes.append("Votes before published criteria, unscored: \(summary.unscored).") }
        return """
            <section aria-labelledby="scorecard"><h2 id="scorecard">Scorecard</h2>
            \(share)
            \(HTML.when(!applied.isEmpty) { "<p>Scored under these criteria:</p><ul>\(applied)</ul>" })
            \(HTML.when(!notes.isEmpty) { "<p>\(notes.joined(separator: " "))</p>" })
            </section>
            """
    }

    static func statusLabel(_ status: Accountability.PledgeStatus) -> String {
        switch status {
        case .pending: "Pending until the term ends"
        case .kept: "Kept"
        case .partlyKept: "Partly kept"
        case .broken: "Broken"
        case .untested: "Untested: no vote tested it"
        }
    }

    private static func pledges(_ record: OfficialRecord) -> HTML {
        let topics = record.topics.map { topic, versions -> HTML in
            let (status, card) = record.status(of: topic)
            let sofar: HTML = .when(status == .pending && card.counted > 0) {
                " (so far \(card.agreed) of \(card.counted) votes honoured it)"
            }
            let rows = versions.map { pledge -> HTML in
                """
                <tr><td>\(pledge.version)</td><td>\(pledge.answeredOn)</td><td>\(pledge.question)</td>\
                <td>\(pledge.answer)</td><td>\(pledge.stance)</td><td><a href="\(pledge.sourceUrl)">source</a></td></tr>
                """
            }
            return """
                <h3>\(topic)</h3>
                <p>Status: <strong>\(statusLabel(status))</strong>\(sofar).</p>
                <div class="table-wrap"><table><caption>Every answer on \(topic), newest first</caption>
                <thead><tr><th scope="col">Version</th><th scope="col">Answered</th><th scope="col">Question</th>\
                <th scope="col">Answer</th><th scope="col">Stance</th><th scope="col">Source</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """
        }
        return """
            <section aria-labelledby="pledges"><h2 id="pledges">Pledges</h2>
            \(topics.isEmpty ? "<p class=\"empty\">No pledge is recorded yet.</p>" as HTML : "\(topics)")
            </section>
            """
    }

    static func verdictLabel(_ verdict: OfficialRecord.Verdict) -> String {
        switch verdict {
        case .notLinked: "no position taken"
        case .unscored: "before published criteria"
        case .leftOut: "left out"
        case .agrees: "agrees"
        case .disagrees: "disagrees"
        }
    }

    private static func votes(_ context: AppContext, _ record: OfficialRecord) -> HTML {
        let rows = record.votes.items.map { vote -> HTML in
            let counts: HTML = .when(!vote.tally.isEmpty || !vote.result.isEmpty) {
                "<br><small>\(vote.tally)\(vote.result.isEmpty ? "" : " · \(vote.result)")</small>"
            }
            return """
                <tr><td>\(vote.votedOn)</td><td>\(vote.motion)\(counts)</td><td>\(vote.option)</td>\
                <td>\(vote.position)</td><td>\(vote.pledgeTopic ?? "")</td>\
                <td>\(verdictLabel(record.verdict(vote)))</td>\
                \(HTML.when(record.manages) { "<td>\(OfficialForms.link(context, record, vote))</td>" })</tr>
                """
        }
        let first = record.votes.request.offset + 1
        let shown =
            "\(first)–\(record.votes.request.offset + record.votes.items.count) of \(record.voteCount) votes, newest first"
        let empty = record.voteCount == 0 ? "No vote is recorded yet." : "No votes on this page."
        return """
            <section aria-labelledby="votes"><h2 id="votes">Votes</h2>
            \(rows.isEmpty ? "<p class=\"empty\">\(empty)</p>" as HTML : """
            <div class="table-wrap"><table><caption>\(shown)</caption>
            <thead><tr><th scope="col">Day</th><th scope="col">Motion</th><th scope="col">Voted</th>\
            <th scope="col">Group's position</th><th scope="col">Pledge</th><th scope="col">Scored</th>\
            \(HTML.when(record.manages) { "<th scope=\"col\">Link</th>" })</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
            \(paginationNav(record.votes, base: CampaignPaths.official(record.official.id)))
            </section>
            """
    }
}
