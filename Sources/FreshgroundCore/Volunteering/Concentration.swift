/// Whether a group's work rests on a few people: the share of all hours done by the busiest of them.
public enum Concentration {
    /// The share (0 to 1) of all of `hours` done by the top ⌈`fraction` × people⌉ people, by default the top tenth;
    /// nil when nobody did any hours.
    public static func topShare(_ hours: [Double], fraction: Double = 0.1) -> Double? {
        let total = hours.reduce(0, +)
        guard total > 0 else { return nil }
        let top = min(hours.count, max(0, Int((fraction * Double(hours.count)).rounded(.up))))
        return hours.sorted(by: >).prefix(top).reduce(0, +) / total
    }
}
