import FreshgroundWeb
import Groups

/// Every page address of Decisions, registered by its routes and used by every link to them.
package enum DecisionPaths {
    /// The decisions across a person's groups, those waiting for their vote marked.
    package static let mine = Path("/decisions")
    /// Counting a pasted BLT ballot file by any rule, keeping nothing.
    package static let countFile = Path("/decisions/count")
    /// A group's decisions (the group's address space, so the path is Groups').
    package static let group = GroupPaths.decisions
    /// Putting a question to a group's vote (organizers; GET shows the form, POST opens it).
    package static let new = Path("/groups/:slug/decisions/new")
    /// One decision: its question, rules, ballot and (when they may be seen) results.
    package static let decision = Path("/decisions/:id")
    /// Casting a vote (POST).
    package static let vote = Path("/decisions/:id/vote")
    /// The form to open a new decision, filled in from this one, to amend it and vote again (organizers).
    package static let amend = Path("/decisions/:id/amend")
    /// Ending voting early (organizers; GET asks to confirm, POST closes).
    package static let close = Path("/decisions/:id/close")
    /// After a secret vote closes: every ballot by its tracker, so each voter can find theirs.
    package static let board = Path("/decisions/:id/board")
    /// The Atom feed of a public group's published results.
    package static let groupFeed = Path("/groups/:slug/decisions.atom")
    /// After a ranked vote closes: its ballots as a BLT file, for counting with other tools.
    package static let blt = Path("/decisions/:id/ballots.blt")
}
