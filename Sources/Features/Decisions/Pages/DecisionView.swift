import Foundation
import FreshgroundCore
import FreshgroundWeb
import Groups
import Hummingbird

/// Everything the decision page shows, read with the viewer's rights.
struct DecisionPageModel {
    let decision: Decision
    let rules: DecisionSpec
    let group: Group
    let standing: DecisionStanding
    let turnout: Turnout
    let now: Date
    /// The count, when the viewer may see results.
    let outcome: DecisionOutcome?
    /// Who voted what, for an open vote whose results the viewer may see.
    let named: [NamedVote]
    /// Each voting unit's position, for an open vote of groups whose results the viewer may see.
    let unitVotes: [UnitVote]

    var status: DecisionStatus { decision.status(at: now) }
    var canVote: Bool { DecisionRules.canVote(decision, standing, now: now) }
    var hasBoard: Bool { DecisionRules.hasBallotBoard(decision, entitled: turnout.entitled) }
}

/// Reads a decision for its pages: the page itself, the ballot board and the BLT export.
struct DecisionView {
    let services: AppServices
    var queries: DecisionQueries { DecisionQueries(services: services) }

    func model(_ context: AppContext, id: Int) async throws -> DecisionPageModel {
        let (decision, group, standing) = try await queries.decision(id, viewer: context.person)
        let now = services.clock()
        let turnout = try await queries.turnout(of: decision)
        let visible = DecisionRules.canSeeResults(decision, standing, now: now)
        return DecisionPageModel(
            decision: decision,
            rules: try decision.rules,
            group: group,
            standing: standing,
            turnout: turnout,
            now: now,
            outcome: visible
                ? try await DecisionCount(services: services).outcome(of: decision, entitled: turnout.entitled) : nil,
            named: visible && !decision.secret && !standing.publicReader
                ? try await queries.namedVotes(of: decision) : [],
            unitVotes: visible && !decision.secret && !standing.publicReader && decision.electorate == .groups
                ? try await queries.unitVotes(of: decision, viewer: context.person) : []
        )
    }

    func page(_ context: AppContext, id: Int, ballot: FieldSet = FieldSet()) async throws -> HTML {
        let model = try await model(context, id: id)
        let dissent = try await DissentParts.section(context, model, services: services)
        return DecisionPages.page(context, model, ballot: ballot, dissent: dissent)
    }

    /// The ballot board: only after a secret vote with enough voters has closed.
    func board(_ context: AppContext, id: Int) async throws -> HTML {
        let model = try await model(context, id: id)
        guard model.status == .closed, model.hasBoard, !model.standing.publicReader else { throw AppError.notFound }
        let ballots = try await queries.board(of: model.decision)
        return ResultPages.board(context, model, ballots: ballots)
    }

    /// The ballots of a ranked vote as a BLT file, once its results may be seen.
    func blt(_ context: AppContext, id: Int) async throws -> Response {
        let model = try await model(context, id: id)
        guard model.outcome != nil, model.status == .closed, !model.standing.publicReader,
            [.ranked, .schulze].contains(model.rules.kind)
        else {
            throw AppError.notFound
        }
        var file = DecisionCounter.ballotFile(model.rules, ballots: try await queries.ballots(of: model.decision))
        file.title = model.decision.title
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/plain; charset=utf-8",
                .contentDisposition: "attachment; filename=\"decision-\(id).blt\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: file.blt))
        )
    }
}
