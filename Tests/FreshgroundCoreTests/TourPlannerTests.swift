import Testing

@testable import FreshgroundCore

@Suite("Events: planning a speaking tour")
struct TourPlannerTests {
    static let london = Coordinates(latitude: 51.5074, longitude: -0.1278)
    static let paris = Coordinates(latitude: 48.8566, longitude: 2.3522)

    /// A small deterministic generator, so failures can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func instance(_ count: Int, seed: UInt64) -> [TourStop] {
        var random = Seeded(state: seed)
        return (0..<count).map { id in
            let days = (0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0..<14, using: &random) }
            return TourStop(
                id: id,
                place: Coordinates(
                    latitude: Double.random(in: 43...58, using: &random),
                    longitude: Double.random(in: -8...15, using: &random)
                ),
                days: Array(Set(days))
            )
        }
    }

    /// Every order, checked one by one: the optimum the planner must match.
    static func bruteForce(from home: Coordinates, _ stops: [TourStop]) -> Double? {
        var best: Double?
        func permute(_ rest: [TourStop], _ order: [TourStop]) {
            if rest.isEmpty {
                guard TourPlanner.days(for: order) != nil else { return }
                let length = TourPlanner.length(from: home, order)
                if best == nil || length < best! { best = length }
                return
            }
            for index in rest.indices {
                var remaining = rest
                let next = remaining.remove(at: index)
                permute(remaining, order + [next])
            }
        }
        permute(stops, [])
        return best
    }

    @Test func distancesAreGreatCircleKilometres() {
        let distance = Self.london.distance(to: Self.paris)
        #expect(abs(distance - 343.5) < 1.0, "London to Paris is about 343.5 km, got \(distance)")
        #expect(Self.paris.distance(to: Self.paris) == 0)
    }

    @Test(arguments: 1...40)
    func smallToursAreOptimalAndFitTheirDays(seed: Int) {
        let stops = Self.instance(2 + seed % 6, seed: UInt64(seed))
        let plan = TourPlanner.plan(from: Self.london, stops: stops)
        let optimum = Self.bruteForce(from: Self.london, stops)
        #expect((plan == nil) == (optimum == nil), "feasible exactly when some order fits")
        guard let plan, let optimum else { return }
        #expect(abs(plan.distance - optimum) < 1e-6)
        #expect(Set(plan.stops.map(\.id)) == Set(stops.map(\.id)))
        let byID = Dictionary(uniqueKeysWithValues: stops.map { ($0.id, $0) })
        for (index, stop) in plan.stops.enumerated() {
            #expect(byID[stop.id]!.days.contains(stop.day), "stop \(stop.id) on a day it can do")
            if index > 0 { #expect(stop.day > plan.stops[index - 1].day, "one stop a day, in order") }
        }
    }

    @Test func aTourWhoseDaysCannotFitHasNoPlan() {
        let place = Self.paris
        let stops = [
            TourStop(id: 1, place: place, days: [3]), TourStop(id: 2, place: place, days: [3]),
        ]
        #expect(TourPlanner.plan(from: Self.london, stops: stops) == nil)
    }

    @Test func largeToursFitTheirDaysAndBeatTheNaiveOrder() {
        // Twenty stops, every day free: the days never constrain, so only the route matters.
        var random = Seeded(state: 7)
        let stops = (0..<20).map { id in
            TourStop(
                id: id,
                place: Coordinates(
                    latitude: Double.random(in: 43...58, using: &random),
                    longitude: Double.random(in: -8...15, using: &random)
                ),
                days: Array(0..<30)
            )
        }
        let plan = TourPlanner.plan(from: Self.london, stops: stops)
        let naive = TourPlanner.length(from: Self.london, stops)
        #expect(plan != nil)
        #expect(plan!.distance < naive * 0.6, "2-opt should cut a random order's length a lot")
        #expect(Set(plan!.stops.map(\.id)) == Set(0..<20))
    }
}
