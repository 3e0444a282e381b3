import FreshgroundWeb
import Groups

/// The voting groups of a coalition's decision as the form takes them: one group per line, by name (or address),
/// with its voices after an equals sign when not one ("Riverside Circle = 2").
enum UnitsField {
    static let most = 200
    static let maxVoices = 1_000
    static let tooMany = AppError.validation(["units": "List at most \(most) groups."])

    /// The groups' slugs and voices; refused with a message on `units` for an unknown group, a repeated one or
    /// voices out of range.
    static func parse(_ text: String, choices: NamedChoices) throws -> [(slug: String, voices: Int)] {
        var units: [(slug: String, voices: Int)] = []
        for (name, written) in lines(text) {
            var voices = 1
            if let written {
                guard let given = Int(written), (1...maxVoices).contains(given) else {
                    throw AppError.validation(["units": "Give “\(name)” from 1 to \(maxVoices) voices."])
                }
                voices = given
            }
            guard let slug = try choices.value(of: name, field: "units") else { continue }
            guard !units.contains(where: { $0.slug == slug }) else {
                throw AppError.validation(["units": "“\(name)” is listed twice."])
            }
            units.append((slug, voices))
        }
        guard !units.isEmpty else {
            throw AppError.validation(["units": "List the groups that vote, one per line."])
        }
        guard units.count <= most else { throw tooMany }
        return units
    }

    /// Each non-empty line's group, as typed, and its voices after the last equals sign, if written.
    static func lines(_ text: String) -> [(name: String, voices: String?)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = String(line).trimmingWhitespace()
            guard !entry.isEmpty else { return nil }
            guard let sign = entry.lastIndex(of: "=") else { return (entry, nil) }
            return (
                String(entry[..<sign]).trimmingWhitespace(),
                String(entry[entry.index(after: sign)...]).trimmingWhitespace()
            )
        }
    }
}

extension UnitsField {
    /// Who votes, as the form chose: the group's members, or the listed groups (among those `viewer` may see).
    static func electorate(
        _ input: DecisionInput,
        viewer: CurrentPerson,
        services: AppServices
    ) async throws
        -> Electorate
    {
        switch input.electorate {
        case ElectorateKind.members.rawValue: return .members
        case ElectorateKind.groups.rawValue:
            // Only the groups the lines name are read (the form suggests none), not every group the person may see.
            let named = lines(input.units).map(\.name)
            guard named.count <= most else { throw tooMany }
            let choices = try await GroupChoices.named(
                visibleTo: viewer,
                namingEach: named,
                suggesting: 0,
                in: services.store.sql
            )
            var units: [UnitVoices] = []
            for unit in try parse(input.units, choices: choices) {
                guard let group = try await GroupQueries(services: services).group(slug: unit.slug) else {
                    throw AppError.validation(["units": "There is no group at “\(unit.slug)”."])
                }
                units.append(UnitVoices(group: group.id, voices: unit.voices))
            }
            return .groups(units)
        default: throw AppError.validation(["electorate": "Choose who votes."])
        }
    }
}

extension ValidDecision {
    /// Smallest number of voting groups that must share a weight in a secret vote.
    static let weightClassMinimum = 3

    /// A secret ballot of weighted groups would name its group by a weight only that group has: such a vote must
    /// use weight classes (each weight shared by at least three groups), or be open.
    func checkUnits(_ units: [UnitVoices]) throws {
        guard secret else { return }
        let classes = Dictionary(grouping: units, by: \.voices)
        if classes.count > 1, classes.values.contains(where: { $0.count < Self.weightClassMinimum }) {
            throw AppError.validation([
                "units": "In a secret vote each number of voices must be shared by at least "
                    + "\(Self.weightClassMinimum) groups, so that no ballot's weight gives away its group. Make the "
                    + "vote open, or give groups the same voices."
            ])
        }
    }
}
