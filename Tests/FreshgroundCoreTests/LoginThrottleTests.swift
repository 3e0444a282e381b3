import Testing

@testable import FreshgroundCore

@Suite("Login throttle")
struct LoginThrottleTests {
    let throttle = LoginThrottle(window: .seconds(900), perAccount: 5, perAddress: 20)

    @Test func fewFailuresAreAllowed() {
        let decision = throttle.decide(accountFailures: [100, 200, 300, 400], addressFailures: [], now: 500)
        #expect(decision == .allow)
    }

    @Test func theFifthFailureBlocksUntilTheOldestAgesOut() {
        // setup: five failures at 100…500
        let failures: [Double] = [100, 200, 300, 400, 500]
        // act
        let decision = throttle.decide(accountFailures: failures, addressFailures: [], now: 600)
        // check: the failure at 100 leaves the window at 1000
        #expect(decision == .block(retryAfterSeconds: 400))
        #expect(throttle.decide(accountFailures: failures, addressFailures: [], now: 1000) == .allow)
    }

    @Test func failuresOutsideTheWindowDoNotCount() {
        let old: [Double] = [0, 1, 2, 3, 4, 5, 6]
        #expect(throttle.decide(accountFailures: old, addressFailures: old, now: 2000) == .allow)
    }

    @Test func anAddressWithManyFailuresIsBlockedWhateverTheAccount() {
        let failures = (0..<20).map { Double($0 * 10) }
        let decision = throttle.decide(accountFailures: [], addressFailures: failures, now: 300)
        #expect(decision == .block(retryAfterSeconds: 600))
    }

    @Test func theLongerOfTwoBlocksWins() {
        let account: [Double] = [500, 510, 520, 530, 540]
        let address = (0..<20).map { Double($0) }
        let decision = throttle.decide(accountFailures: account, addressFailures: address, now: 600)
        #expect(decision == .block(retryAfterSeconds: 800))
    }
}

@Suite("Paging")
struct PagingTests {
    @Test(arguments: [(nil, 1), ("3", 3), ("0", 1), ("-4", 1), ("abc", 1), ("99999999", 10_000)] as [(String?, Int)])
    func pageNumbersFromURLsAreForgiving(text: String?, expected: Int) {
        #expect(PageRequest(text).number == expected)
    }

    @Test func aProbeRowRevealsTheNextPageWithoutCounting() {
        let request = PageRequest(number: 2, size: 3)
        #expect(request.offset == 3)
        #expect(request.probeLimit == 4)
        let full = Page(probed: [1, 2, 3, 4], request: request)
        #expect(full.items == [1, 2, 3])
        #expect(full.hasNext)
        #expect(full.hasPrevious)
        let last = Page(probed: [1, 2], request: request)
        #expect(!last.hasNext)
    }
}
