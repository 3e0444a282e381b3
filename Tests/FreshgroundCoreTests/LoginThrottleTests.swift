import Testing

@testable import FreshgroundCore

@Suite("Login throttle")
struct LoginThrottleTests {
    let throttle = LoginThrottle(window: .seconds(900), perAccountFromAddress: 5, perAddress: 20)

    private func here(_ times: [Double]) -> [LoginThrottle.Failure] {
        times.map { LoginThrottle.Failure(at: $0, fromThisAddress: true) }
    }

    private func elsewhere(_ times: [Double]) -> [LoginThrottle.Failure] {
        times.map { LoginThrottle.Failure(at: $0, fromThisAddress: false) }
    }

    @Test func fewFailuresAreAllowed() {
        let decision = throttle.decide(accountFailures: here([100, 200, 300, 400]), addressFailures: [], now: 500)
        #expect(decision == .allow)
    }

    @Test func theFifthFailureFromOneAddressBlocksItUntilTheOldestAgesOut() {
        // setup: five failures at 100…500 from this address
        let failures: [Double] = [100, 200, 300, 400, 500]
        // act
        let decision = throttle.decide(accountFailures: here(failures), addressFailures: failures, now: 600)
        // check: the failure at 100 leaves the window at 1000
        #expect(decision == .block(retryAfterSeconds: 400))
        #expect(throttle.decide(accountFailures: here(failures), addressFailures: failures, now: 1000) == .allow)
    }

    @Test func failuresFromAnotherAddressNeverBlockThisOne() {
        // setup: an attacker failed 19 times in a minute from elsewhere
        let attack = (0..<19).map { Double(500 + $0) }
        // act: the owner, who has not failed, tries from their own address
        let decision = throttle.decide(accountFailures: elsewhere(attack), addressFailures: [], now: 520)
        // check
        #expect(decision == .allow)
    }

    @Test func aCrowdOfAddressesMeetsAGrowingDelayOnceEachHasFailed() {
        // setup: ten failures from other addresses, then one from this address at 520
        let crowd = elsewhere((0..<10).map { Double(500 + $0) }) + here([520])
        // check: eleven failures, one past the threshold: wait 2 s after the last
        #expect(
            throttle.decide(accountFailures: crowd, addressFailures: [520], now: 521) == .block(retryAfterSeconds: 1)
        )
        #expect(throttle.decide(accountFailures: crowd, addressFailures: [520], now: 522) == .allow)
        // and the delay stops growing at the cap
        let many = elsewhere((0..<60).map { Double(100 + $0) }) + here([200])
        #expect(
            throttle.decide(accountFailures: many, addressFailures: [200], now: 200) == .block(retryAfterSeconds: 30)
        )
    }

    @Test func failuresOutsideTheWindowDoNotCount() {
        let old: [Double] = [0, 1, 2, 3, 4, 5, 6]
        #expect(throttle.decide(accountFailures: here(old), addressFailures: old, now: 2000) == .allow)
    }

    @Test func anAddressWithManyFailuresIsBlockedWhateverTheAccount() {
        let failures = (0..<20).map { Double($0 * 10) }
        let decision = throttle.decide(accountFailures: [], addressFailures: failures, now: 300)
        #expect(decision == .block(retryAfterSeconds: 600))
    }

    @Test func theLongerOfTwoBlocksWins() {
        let account: [Double] = [500, 510, 520, 530, 540]
        let address = (0..<20).map { Double($0) }
        let decision = throttle.decide(accountFailures: here(account), addressFailures: address, now: 600)
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
