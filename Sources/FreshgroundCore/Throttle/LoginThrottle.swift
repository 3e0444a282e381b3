/// Slows password guessing without letting a stranger lock the owner out. Failures count against the address they
/// came from, and against the account only from that address: one address that guesses too often is blocked (for
/// any account, and for one account sooner), while the owner, from any other address, still gets in. Guessing one
/// account from many addresses meets a delay that grows with every failure but stays short (`accountDelayCap`),
/// and only for addresses that have themselves failed on that account, so it slows a crowd without ever stopping
/// the owner's right password from a fresh address.
package struct LoginThrottle: Sendable {
    package var window: Duration
    /// Failures on one account from one address before that address is blocked for that account.
    package var perAccountFromAddress: Int
    /// Failures from one address, any account, before the address is blocked.
    package var perAddress: Int
    /// Failures on one account, from all addresses, before the growing delay starts.
    package var accountDelayAfter: Int
    /// The longest the delay grows to, in seconds.
    package var accountDelayCap: Int

    package init(
        window: Duration = .seconds(15 * 60),
        perAccountFromAddress: Int = 5,
        perAddress: Int = 20,
        accountDelayAfter: Int = 10,
        accountDelayCap: Int = 30
    ) {
        self.window = window
        self.perAccountFromAddress = perAccountFromAddress
        self.perAddress = perAddress
        self.accountDelayAfter = accountDelayAfter
        self.accountDelayCap = accountDelayCap
    }

    package enum Decision: Sendable, Equatable {
        case allow
        /// Blocked; `retryAfterSeconds` is when the next attempt is allowed.
        case block(retryAfterSeconds: Int)
    }

    /// One failed log-in on the account: when (seconds since the epoch) and whether it came from the address
    /// asking now.
    package struct Failure: Sendable, Equatable {
        package let at: Double
        package let fromThisAddress: Bool

        package init(at: Double, fromThisAddress: Bool) {
            self.at = at
            self.fromThisAddress = fromThisAddress
        }
    }

    /// Decides from the account's recent failures (from every address) and the asking address's (any account).
    package func decide(accountFailures: [Failure], addressFailures: [Double], now: Double) -> Decision {
        let recentAccount = accountFailures.filter { now - $0.at < windowSeconds }
        let fromHere = recentAccount.filter(\.fromThisAddress).map(\.at)
        let waits = [
            blockWait(addressFailures, limit: perAddress, now: now),
            blockWait(fromHere, limit: perAccountFromAddress, now: now),
            fromHere.isEmpty ? nil : delayWait(recentAccount.map(\.at), now: now),
        ]
        guard let longest = waits.compactMap({ $0 }).max() else { return .allow }
        return .block(retryAfterSeconds: longest)
    }

    /// How far back a store must keep failures.
    package var windowSeconds: Double { Double(window.components.seconds) }

    /// Blocked once `limit` failures are in the window, until enough of them age out.
    private func blockWait(_ failures: [Double], limit: Int, now: Double) -> Int? {
        let recent = failures.filter { now - $0 < windowSeconds }.sorted()
        guard recent.count >= limit else { return nil }
        let freeing = recent[recent.count - limit]
        return max(1, Int((freeing + windowSeconds - now).rounded(.up)))
    }

    /// After `accountDelayAfter` failures, each further attempt waits 1, 2, 4 … seconds after the last failure, up to
    /// `accountDelayCap`.
    private func delayWait(_ failures: [Double], now: Double) -> Int? {
        guard failures.count >= accountDelayAfter, let last = failures.max() else { return nil }
        let steps = min(failures.count - accountDelayAfter, 30)
        let delay = min(Double(accountDelayCap), Double(1 << steps))
        let wait = last + delay - now
        return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
    }
}
