/// The rule that slows down password guessing: too many failures for one account, or from one network
/// address, inside a sliding window lock further attempts until the oldest failure leaves the window.
///
/// Pure: the caller counts failures in its store and passes them in with the clock's time.
package struct LoginThrottle: Sendable {
    package var window: Duration
    package var perAccount: Int
    package var perAddress: Int

    package init(window: Duration = .seconds(15 * 60), perAccount: Int = 5, perAddress: Int = 20) {
        self.window = window
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    package enum Decision: Sendable, Equatable {
        case allow
        /// Blocked; `retryAfterSeconds` is when the oldest counted failure leaves the window.
        case block(retryAfterSeconds: Int)
    }

    /// Decides from the failure times (seconds since the epoch) recorded for the account and for the address.
    package func decide(accountFailures: [Double], addressFailures: [Double], now: Double) -> Decision {
        let windowSeconds = Double(window.components.seconds)
        func wait(_ failures: [Double], limit: Int) -> Int? {
            let recent = failures.filter { now - $0 < windowSeconds }.sorted()
            guard recent.count >= limit else { return nil }
            // The attempt is allowed again once enough failures have aged out to fall below the limit.
            let freeing = recent[recent.count - limit]
            return max(1, Int((freeing + windowSeconds - now).rounded(.up)))
        }
        let waits = [wait(accountFailures, limit: perAccount), wait(addressFailures, limit: perAddress)].compactMap {
            $0
        }
        guard let longest = waits.max() else { return .allow }
        return .block(retryAfterSeconds: longest)
    }

    /// How far back a store must keep failures.
    package var windowSeconds: Double { Double(window.components.seconds) }
}
