import Foundation
import Metrics
import Prometheus
import Synchronization

/// One app's metrics, in a registry of its own (two apps in one process, as in the tests, never mix counts),
/// written through swift-metrics and read out in Prometheus's text format at `/metrics`.
///
/// Labels never carry personal data: a request is counted by its route's pattern (`/groups/{slug}`), never by
/// its address, which can hold a handle or a token.
package final class Observatory: Sendable {
    package let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let passes = Atomic<Int>(0)

    /// How many passes of the timed work (reminders, digests, forgetting old counts) have finished, the one at
    /// start-up included; a test that moves the clock waits for the first, so it cannot run in the middle.
    package var timedPasses: Int { passes.load(ordering: .relaxed) }

    package func timedPassFinished() { passes.add(1, ordering: .relaxed) }

    package init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Counts one answered request and records how long it took.
    package func requestAnswered(route: String, method: String, status: Int, duration: Duration) {
        Counter(
            label: "freshground_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))],
            factory: factory
        ).increment()
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        CoreMetrics.Timer(
            label: "freshground_http_request_duration_seconds",
            dimensions: [("route", route), ("method", method)],
            factory: factory
        ).recordNanoseconds(nanoseconds)
    }

    /// Sets a gauge read at each scrape (a queue's length, a pool's size).
    package func set(_ name: String, _ value: Double, labels: [(String, String)] = []) {
        Gauge(label: name, dimensions: labels, factory: factory).record(value)
    }

    /// Everything recorded so far, in Prometheus's text exposition format.
    package func exposition() -> String {
        String(decoding: registry.emitToBuffer(), as: UTF8.self)
    }
}
