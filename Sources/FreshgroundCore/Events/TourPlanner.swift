/// A place on the map, in degrees.
package struct Coordinates: Sendable, Equatable {
    package let latitude: Double
    package let longitude: Double

    package init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius).
    package func distance(to other: Coordinates) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians
        let dLon = (other.longitude - longitude) * radians
        let a =
            sinSquared(dLat / 2) + cosine(latitude * radians) * cosine(other.latitude * radians) * sinSquared(dLon / 2)
        return 2 * 6_371.0 * arcsine(squareRoot(min(1, a)))
    }
}

/// One city of a tour and the days (counted from the tour's first day) its hosts and the speaker can do.
package struct TourStop: Sendable, Equatable {
    package let id: Int
    package let place: Coordinates
    package let days: [Int]

    package init(id: Int, place: Coordinates, days: [Int]) {
        self.id = id
        self.place = place
        self.days = days.sorted()
    }
}

/// A proposed tour: the stops in order, the day of each, and the kilometres travelled.
package struct TourPlan: Sendable, Equatable {
    package let stops: [(id: Int, day: Int)]
    package let distance: Double

    package static func == (a: TourPlan, b: TourPlan) -> Bool {
        a.stops.map(\.id) == b.stops.map(\.id) && a.stops.map(\.day) == b.stops.map(\.day) && a.distance == b.distance
    }
}

/// Orders a speaking tour: every stop on a day it can do, one stop a day, days rising along the route, and
/// the least travel from the speaker's home through every stop. Exact (branch and bound over orders) up to
/// `exactLimit` stops; beyond that, the best of several greedy routes improved by 2-opt, keeping only
/// orders whose days still fit.
package enum TourPlanner {
    package static let exactLimit = 9

    package static func plan(from home: Coordinates, stops: [TourStop]) -> TourPlan? {
        guard !stops.isEmpty else { return TourPlan(stops: [], distance: 0) }
        return stops.count <= exactLimit ? exact(home, stops) : heuristic(home, stops)
    }

    /// The days of an order, each stop on its earliest day after the previous one (which is feasible exactly
    /// when any assignment is), or nil when the order cannot fit.
    package static func days(for order: [TourStop]) -> [Int]? {
        var last = Int.min
        var result: [Int] = []
        for stop in order {
            guard let day = stop.days.first(where: { $0 > last }) else { return nil }
            result.append(day)
            last = day
        }
        return result
    }

    /// Kilometres from home through the stops in order.
    package static func length(from home: Coordinates, _ order: [TourStop]) -> Double {
        var total = 0.0
        var here = home
        for stop in order {
            total += here.distance(to: stop.place)
            here = stop.place
        }
        return total
    }

    private static func exact(_ home: Coordinates, _ stops: [TourStop]) -> TourPlan? {
        var best: (order: [TourStop], distance: Double)?
        var order: [TourStop] = []
        var used = [Bool](repeating: false, count: stops.count)
        func search(_ here: Coordinates, _ distance: Double, _ lastDay: Int) {
            if let best, distance >= best.distance { return }
            if order.count == stops.count {
                best = (order, distance)
                return
            }
            for index in stops.indices where !used[index] {
                guard let day = stops[index].days.first(where: { $0 > lastDay }) else { continue }
                used[index] = true
                order.append(stops[index])
                search(stops[index].place, distance + here.distance(to: stops[index].place), day)
                order.removeLast()
                used[index] = false
            }
        }
        search(home, 0, Int.min)
        guard let best, let days = days(for: best.order) else { return nil }
        return TourPlan(stops: zip(best.order, days).map { ($0.id, $1) }, distance: best.distance)
    }

    private static func heuristic(_ home: Coordinates, _ stops: [TourStop]) -> TourPlan? {
        // Starting routes: by earliest possible day (the one most likely to fit), and nearest-neighbour.
        var starts: [[TourStop]] = [stops.sorted { ($0.days.first ?? .max, $0.id) < ($1.days.first ?? .max, $1.id) }]
        var remaining = stops
        var here = home
        var nearest: [TourStop] = []
        while !remaining.isEmpty {
            let index = remaining.indices.min {
                here.distance(to: remaining[$0].place) < here.distance(to: remaining[$1].place)
            }!
            nearest.append(remaining.remove(at: index))
            here = nearest.last!.place
        }
        starts.append(nearest)
        var best: (order: [TourStop], distance: Double)?
        for start in starts where days(for: start) != nil {
            let improved = twoOpt(home, start)
            let distance = length(from: home, improved)
            if best == nil || distance < best!.distance { best = (improved, distance) }
        }
        guard let best, let days = days(for: best.order) else { return nil }
        return TourPlan(stops: zip(best.order, days).map { ($0.id, $1) }, distance: best.distance)
    }

    /// Reverses segments while that shortens the route and the days still fit.
    private static func twoOpt(_ home: Coordinates, _ start: [TourStop]) -> [TourStop] {
        var order = start
        var current = length(from: home, order)
        var improved = true
        while improved {
            improved = false
            for i in 0..<(order.count - 1) {
                for j in (i + 1)..<order.count {
                    var candidate = order
                    candidate[i...j].reverse()
                    let distance = length(from: home, candidate)
                    if distance < current - 1e-9, days(for: candidate) != nil {
                        order = candidate
                        current = distance
                        improved = true
                    }
                }
            }
        }
        return order
    }
}

// FreshgroundCore imports nothing, not even Foundation: the few functions the distance needs, as series.
private func sinSquared(_ x: Double) -> Double {
    let s = sine(x)
    return s * s
}

/// sin by reducing to [-π, π] and a Taylor series (enough terms for 1e-12 there).
private func sine(_ x: Double) -> Double {
    var x = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if x > Double.pi { x -= 2 * Double.pi }
    if x < -Double.pi { x += 2 * Double.pi }
    var term = x
    var sum = x
    for n in 1...12 {
        term *= -x * x / Double((2 * n) * (2 * n + 1))
        sum += term
    }
    return sum
}

private func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }

private func squareRoot(_ x: Double) -> Double { x.squareRoot() }

/// asin by Newton's method on sin(y) = x, for x in [0, 1].
private func arcsine(_ x: Double) -> Double {
    guard x < 1 else { return Double.pi / 2 }
    var y = x
    for _ in 0..<40 {
        let next = y - (sine(y) - x) / cosine(y)
        if abs(next - y) < 1e-13 { return next }
        y = next
    }
    return y
}
