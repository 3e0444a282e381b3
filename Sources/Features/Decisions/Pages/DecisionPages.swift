import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups

/// A decision's page: the question, the rules stated before voting, the ballot or where the viewer stands, and the
/// results once they may be seen.
enum DecisionPages {
    static func page(
        _ context: AppContext,
        _ model: DecisionPageModel,
        ballot: FieldSet,
        dissent: HTML = .empty
    ) -> HTML {
        let decision = model.decision
        let manage: HTML = .when(DecisionRules.canManage(model.standing)) {
            model.status == .closed
                ? "<p class=\"actions\"><a href=\"\(DecisionPaths.amend(decision.id))\">Amend it and put it to the vote again</a></p>"
                : "<p class=\"actions\"><a href=\"\(DecisionPaths.close(decision.id))\">Close the vote now</a></p>"
        }
        let results: HTML =
            if let outcome = model.outcome {
                ResultPages.results(context, model, outcome: outcome)
            } else {
                """
                <section aria-labelledby="results-title"><h2 id="results-title">Results</h2>
                <p class="empty">\(decision.secret ? "The ballot is secret: no count is shown before voting closes." : "The organizers chose to keep the results hidden until voting closes.")</p></section>
                """
            }
        return Layout.page(
            title: decision.title,
            context: context,
            main: """
                <h1>\(decision.title)</h1>
                <p class="meta">A decision of <a href="\(GroupPaths.group(model.group.slug))">\(model.group.name)</a> · \
                \(statusLine(model))</p>
                \(HTML.when(!decision.originPath.isEmpty) { "<p>Raised in: <a href=\"\(decision.originPath)\">\(decision.originLabel)</a></p>" })
                \(paragraphs(decision.body))
                \(rulesSection(model))
                \(turnoutLine(model))
                \(model.canVote ? BallotPage.form(context, model, fields: ballot) : standingLine(model))
                \(results)
                \(dissent)
                \(manage)
                <p><a href="\(DecisionPaths.group(model.group.slug))">All decisions of \(model.group.name)</a></p>
                """
        )
    }

    /// Shown once, right after a secret ballot is cast: the tracker to find it on the ballot board.
    static func receipt(_ context: AppContext, decision: Decision, tracker: String) -> HTML {
        Layout.page(
            title: "Your vote is counted",
            context: context,
            main: """
                <h1>Your vote is counted</h1>
                <p>Your ballot's tracker is <strong><code class="tracker">\(tracker)</code></strong>. Write it down now: \
                this is the only time it is shown, and the site keeps it nowhere with your name.</p>
                <p>When voting closes, the <a href="\(DecisionPaths.board(decision.id))">ballot board</a> lists every \
                ballot by its tracker, so you can check that yours was counted as you cast it. Anyone you show the \
                tracker to can see how you voted, so keep it to yourself.</p>
                <p><a href="\(DecisionPaths.decision(decision.id))">Back to “\(decision.title)”</a></p>
                """
        )
    }

    static func kindLabel(_ rules: DecisionSpec) -> String {
        switch rules.kind {
        case .consent: "Consent proposal: it passes unless someone blocks"
        case .motion: "Motion: yes, no or abstain"
        case .approval: rules.maxChoices == 1 ? "Choose one" : "Choose several (approval)"
        case .score: "Score each choice from 0 to \(rules.scoreMax)"
        case .dots: "Dot vote: \(rules.dots) dots to spread"
        case .ranked:
            switch rules.rankedRule {
            case .irv: "Ranked choice, counted by instant runoff (one winner)"
            case .scottishSTV:
                "Ranked choice, counted by Scottish STV for \(rules.seats) seat\(rules.seats == 1 ? "" : "s")"
            case .meek: "Ranked choice, counted by Meek STV for \(rules.seats) seat\(rules.seats == 1 ? "" : "s")"
            }
        case .schulze: "Ranking by the Schulze method (Condorcet)"
        case .meetingTime: "Meeting time poll"
        case .election: "Election: yes, no or abstain for each candidate, \(rules.seats) to elect"
        }
    }

    private static func statusLine(_ model: DecisionPageModel) -> HTML {
        let decision = model.decision
        let zone = decision.zone
        switch model.status {
        case .scheduled:
            return "Voting opens \(time(decision.opensAt, zone)) and closes \(time(decision.closesAt, zone))"
        case .open: return "<strong>Voting is open</strong> until \(time(decision.closesAt, zone))"
        case .closed: return "Voting closed \(time(decision.endedAt, zone))"
        }
    }

    static func time(_ date: Date, _ zone: String) -> HTML {
        "<time datetime=\"\(ZonedTime.iso(date))\">\(ZonedTime.display(date, zone: zone))</time>"
    }

    private static func rulesSection(_ model: DecisionPageModel) -> HTML {
        let rules = model.rules
        let decision = model.decision
        var rows: [(String, String)] = [("Kind", kindLabel(rules))]
        if !rules.options.isEmpty { rows.append(("Choices", rules.options.joined(separator: " · "))) }
        if [.motion, .election].contains(rules.kind) { rows.append(("Majority", rules.majority.summary)) }
        rows.append(("Quorum", rules.quorum.summary))
        rows.append(
            ("Who votes", whoVotes(model))
        )
        rows.append(("Reasons", decision.reasons.label))
        rows.append(("Reminder", decision.remind ? "A day before the close, to those who have not voted" : "None"))
        rows.append(("Ballot", decision.secret ? "Secret" : "Open: voters see each other's names and votes"))
        if !decision.secret {
            rows.append(("Results", decision.resultsHidden ? "Hidden until voting closes" : "Shown as votes come in"))
        }
        let items = rows.map { row -> HTML in "<dt>\(row.0)</dt><dd>\(row.1)</dd>" }.joined()
        let secrecy: HTML = .when(decision.secret) {
            """
            <details><summary>What the secret ballot protects, and what it does not</summary>
            <p>The list of voters records only whether each person has voted, never which ballot is theirs or when \
            they voted. A ballot is stored with a random tracker and the choice: no name, no time, no sequence \
            number, and the ballots are kept in the order of their random trackers. No notification, mail or log \
            line is made for a vote. Organizers and the site's administrator see the same results as everyone, \
            after the close.</p>
            <p>It does not protect against whoever runs the server while voting is open: someone who can watch the \
            server's memory or traffic, or compare database backups taken between two votes, could link a vote to a \
            voter. If that is a risk for your group, vote on paper.</p></details>
            """
        }
        return """
            <section aria-labelledby="rules-title"><h2 id="rules-title">The rules</h2><dl class="rules">\(items)</dl>
            \(secrecy)</section>
            """
    }

    private static func whoVotes(_ model: DecisionPageModel) -> String {
        switch model.decision.electorate {
        case .members: "The members of \(model.group.name) when the vote was opened: \(model.turnout.entitled)"
        case .people: "The \(model.turnout.entitled) people listed when the vote was opened"
        case .groups: "Groups, by their delegates: \(model.turnout.entitled) voices in all"
        }
    }

    private static func turnoutLine(_ model: DecisionPageModel) -> HTML {
        let turnout = model.turnout
        guard DecisionRules.showsTurnout(voted: turnout.voted) else {
            return
                "<p class=\"turnout\">\(model.status == .scheduled ? "Nobody has voted yet." : "Fewer than \(DecisionRules.turnoutMinimum) have voted so far.")</p>"
        }
        return "<p class=\"turnout\">\(turnout.voted) of \(turnout.entitled) have voted.</p>"
    }

    private static func standingLine(_ model: DecisionPageModel) -> HTML {
        let delegated = model.standing.units.filter(\.delegate)
        let text: String =
            if model.standing.voted {
                "You have voted."
            } else if !delegated.isEmpty {
                delegated.map { "\($0.name) \($0.voted ? "has voted" : "did not vote")" }.joined(separator: "; ")
                    + (model.status == .scheduled ? "; voting has not opened yet." : ".")
            } else if !model.standing.entitled, model.decision.electorate == .groups {
                "Groups vote on this decision, by their organizers; you follow your group's position here."
            } else if !model.standing.entitled {
                "You are not among the voters: only those who were members when the vote was opened vote."
            } else if model.status == .scheduled {
                "Voting has not opened yet."
            } else {
                "Voting has closed; you did not vote."
            }
        return "<p class=\"standing\">\(text)</p>"
    }

    /// Plain text as paragraphs, its line breaks kept.
    static func paragraphs(_ text: String) -> HTML {
        guard !text.isEmpty else { return .empty }
        return text.components(separatedBy: "\n\n").map { paragraph -> HTML in
            "<p>\(paragraph.components(separatedBy: "\n").map { line -> HTML in "\(line)" }.joined(separator: "<br>"))</p>"
        }.joined()
    }
}
