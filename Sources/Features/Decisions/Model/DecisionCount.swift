import Foundation
import FreshgroundCore
import FreshgroundWeb
import SQLKit

/// The count of a decision. Once voting has ended the count is final: the first count draws any lots at random and
/// stores the draws with the decision (`lot_draws`), and every later count replays them, so the published result
/// never changes from one reading to the next. While an open vote with visible results is running, the count is
/// provisional and settles ties by the first candidate in the list.
package struct DecisionCount: Sendable {
    let services: AppServices
    var queries: DecisionQueries { DecisionQueries(services: services) }

    package init(services: AppServices) { self.services = services }

    /// The final result of decision `id` once voting has ended, nil before: for features' own reads (a body's holders,
    /// an adopted action), which show it where the decision itself may be seen.
    package func finalOutcome(of id: Int) async throws -> (Decision, DecisionOutcome)? {
        guard
            let decision = try await services.store.sql.select().columns(Decision.columns).from("decisions")
                .where("id", .equal, id).row(Decision.self),
            decision.status(at: services.clock()) == .closed
        else { return nil }
        let turnout = try await queries.turnout(of: decision)
        return (decision, try await outcome(of: decision, entitled: turnout.entitled))
    }

    package func outcome(of decision: Decision, entitled: Int) async throws -> DecisionOutcome {
        let rules = try decision.rules
        let ballots = try await queries.ballots(of: decision)
        guard decision.status(at: services.clock()) == .closed else {
            return DecisionCounter.count(rules, ballots: ballots, entitled: entitled)
        }
        if let stored = decision.lotDraws {
            let replay = LotReplay(draws: try JSONDecoder().decode([Int].self, from: Data(stored.utf8)))
            return DecisionCounter.count(rules, ballots: ballots, entitled: entitled, lot: replay.choose)
        }
        let draw = LotReplay(draws: [])
        let outcome = DecisionCounter.count(rules, ballots: ballots, entitled: entitled, lot: draw.choose)
        let draws = String(decoding: try JSONEncoder().encode(draw.drawn), as: UTF8.self)
        try await services.store.sql.update("decisions").set("lot_draws", to: draws)
            .where("id", .equal, decision.id).where("lot_draws", .is, SQLLiteral.null).run()
        // Another reader may have counted first and drawn differently: theirs is the one stored, so count again.
        let stored = try await services.store.sql.select().column("lot_draws").from("decisions")
            .where("id", .equal, decision.id).value("lot_draws", as: String.self)
        guard let stored, stored != draws else { return outcome }
        let replay = LotReplay(draws: try JSONDecoder().decode([Int].self, from: Data(stored.utf8)))
        return DecisionCounter.count(rules, ballots: ballots, entitled: entitled, lot: replay.choose)
    }
}

/// Draws lots: replays stored draws in order, and draws at random (recording the choice) once they run out.
final class LotReplay: @unchecked Sendable {
    private var pending: [Int]
    private(set) var drawn: [Int] = []

    init(draws: [Int]) { pending = draws }

    /// Chooses among `tied` (candidate numbers): the next stored draw if it names one of them, else at random.
    func choose(_ tied: [Int]) -> Int {
        let chosen: Int
        if !pending.isEmpty, tied.contains(pending[0]) {
            chosen = pending.removeFirst()
        } else {
            pending = []
            chosen = tied.randomElement() ?? tied[0]
        }
        drawn.append(chosen)
        return chosen
    }
}
