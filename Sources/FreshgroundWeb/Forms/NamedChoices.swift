import FreshgroundCore

/// Something a form offers by name (a group, a library piece, a speaker): the value the writes take (a slug or a
/// number, which old links and scripts may still send), the name people see and type, and a detail that tells
/// apart two of the same name.
package struct NamedChoice: Sendable, Equatable {
    package let value: String
    package let name: String
    package let detail: String
    /// Other ways of typing this choice, taken ignoring case (a person's "@handle").
    package let aliases: [String]

    package init(value: String, name: String, detail: String = "", aliases: [String] = []) {
        self.value = value
        self.name = name
        self.detail = detail
        self.aliases = aliases
    }
}

/// The choices one field offers, already limited to what the person may see, and how a typed name is turned back
/// into the value the writes take. `noun` names the kind of thing in messages ("group", "piece", "speaker").
package struct NamedChoices: Sendable {
    package let choices: [NamedChoice]
    package let noun: String
    /// `noun` for more than one ("groups", "people").
    package let plural: String
    /// The names (compared ignoring case) that more than one choice has.
    private let sharedNames: Set<String>

    package init(_ choices: [NamedChoice], noun: String, plural: String? = nil) {
        self.choices = choices
        self.noun = noun
        self.plural = plural ?? "\(noun)s"
        var seen: Set<String> = []
        var shared: Set<String> = []
        for choice in choices where !seen.insert(Self.key(choice.name)).inserted {
            shared.insert(Self.key(choice.name))
        }
        sharedNames = shared
    }

    /// What the list shows for a choice: its name, with its detail when another choice has the same name.
    package func shown(_ choice: NamedChoice) -> String {
        let shared = sharedNames.contains(Self.key(choice.name))
        return shared && !choice.detail.isEmpty ? "\(choice.name) (\(choice.detail))" : choice.name
    }

    /// The shown name of the choice whose value is `value` (for a form filled from a stored slug or an old link),
    /// or `value` itself.
    package func display(_ value: String) -> String {
        choices.first { $0.value == value }.map(shown) ?? value
    }

    /// The value of one typed entry, nil when it is empty. The shown name or the bare name match ignoring case;
    /// the value itself (a slug or number) is taken too, alone or at the end of an address (/library/12).
    /// Anything else, and a name two choices share, is refused as `field`'s message, naming what was typed.
    package func value(of typed: String, field: String) throws(AppError) -> String? {
        let (values, message) = entries([typed.trimmingWhitespace()])
        if let message { throw AppError.validation([field: message]) }
        return values.first
    }

    /// The number a typed entry names, for choices whose values are numbers (pieces, speakers), nil when it is
    /// empty: the choice it names as `value(of:field:)` finds it; but an entry written as a number (12, #12,
    /// /library/12) that is no choice goes to the write as it is, which says why it cannot take it (a draft,
    /// someone else's piece, a number nobody has).
    package func number(of typed: String, field: String) throws(AppError) -> Int? {
        let entry = typed.trimmingWhitespace()
        if case .one(let value) = match(entry), let number = Int(value) { return number }
        if let number = Self.writtenNumber(entry) { return number }
        return try value(of: entry, field: field).flatMap { Int($0) }
    }

    /// What typed text may name, for finding those choices in the database before they are built (a form suggests
    /// only some): the whole and each entry between commas (a name may hold a comma), at most 20, as typed
    /// (`entries`); those and, for an entry ending in a shown name's " (detail)", the name without it (`names`);
    /// and those details (`details`).
    package static func lookups(in typed: String) -> (entries: [String], names: [String], details: [String]) {
        let whole = typed.trimmingWhitespace()
        guard !whole.isEmpty else { return ([], [], []) }
        var entries: [String] = []
        for entry in [whole] + whole.split(separator: ",").map({ String($0).trimmingWhitespace() })
        where !entry.isEmpty && !entries.contains(entry) && entries.count < 20 {
            entries.append(entry)
        }
        var names = Set(entries)
        var details: Set<String> = []
        for entry in entries where entry.hasSuffix(")") {
            guard let open = entry.range(of: " (", options: .backwards) else { continue }
            names.insert(String(entry[..<open.lowerBound]).trimmingWhitespace())
            details.insert(String(entry[open.upperBound...].dropLast()).trimmingWhitespace())
        }
        return (entries, names.sorted(), details.sorted())
    }

    /// The number an entry is written as: 12, #12, or an address ending in it (/library/12); nil for anything else.
    package static func writtenNumber(_ entry: String) -> Int? {
        let written = entry.split(separator: "/").last.map { $0.hasPrefix("#") ? $0.dropFirst() : $0 }
        return written.flatMap { Int($0) }
    }

    /// The values of entries separated by commas (a name holding a comma is taken whole first), without repeats;
    /// refused as `value(of:field:)` refuses one.
    package func values(of typed: String, field: String) throws(AppError) -> [String] {
        let (values, message) = entries(split(typed))
        if let message { throw AppError.validation([field: message]) }
        return values
    }

    /// For a write that itself refuses (with `AppError.validation`) what it cannot find, so that its messages
    /// about the other fields come back too: the entries' values, an entry that names no choice or several kept
    /// as typed (which the write refuses), and this field's message to put in place of the write's
    /// (`AppError.refining`).
    package func valuesOrTyped(_ typed: String, field: String) -> (values: [String], messages: [String: String]) {
        let (values, message) = entries(split(typed))
        return (values, message.map { [field: $0] } ?? [:])
    }

    /// `valuesOrTyped` for a field that names one choice ("" when empty).
    package func valueOrTyped(_ typed: String, field: String) -> (value: String, messages: [String: String]) {
        let (values, message) = entries([typed.trimmingWhitespace()])
        return (values.first ?? "", message.map { [field: $0] } ?? [:])
    }

    private func split(_ typed: String) -> [String] {
        if case .one = match(typed.trimmingWhitespace()) { return [typed.trimmingWhitespace()] }
        return typed.split(separator: ",").map { String($0).trimmingWhitespace() }
    }

    /// Each non-empty entry's value (an entry that names no choice or several kept as typed), without repeats, and
    /// the message about the entries refused, if any.
    private func entries(_ typed: [String]) -> (values: [String], message: String?) {
        var found: [String] = []
        var unknown: [String] = []
        var ambiguous: String?
        for entry in typed where !entry.isEmpty {
            var value = entry
            switch match(entry) {
            case .one(let chosen): value = chosen
            case .none: unknown.append(entry)
            case .several: ambiguous = ambiguous ?? entry
            }
            if !found.contains(value) { found.append(value) }
        }
        if !unknown.isEmpty { return (found, unknownMessage(unknown)) }
        return (found, ambiguous.map(ambiguousMessage))
    }

    private enum Match {
        case none
        case one(String)
        case several
    }

    private func match(_ entry: String) -> Match {
        guard !entry.isEmpty else { return .none }
        if let exact = choices.first(where: { $0.value == entry }) { return .one(exact.value) }
        let key = Self.key(entry)
        if let aliased = choices.first(where: { $0.aliases.contains { Self.key($0) == key } }) {
            return .one(aliased.value)
        }
        let byShown = choices.filter { Self.key(shown($0)) == key }
        let named = byShown.isEmpty ? choices.filter { Self.key($0.name) == key } : byShown
        switch named.count {
        case 0:
            // An address from an old link or habit: /groups/north-circle, /library/12.
            guard entry.contains("/"), let tail = entry.split(separator: "/").last.map(String.init),
                let addressed = choices.first(where: { $0.value == tail })
            else { return .none }
            return .one(addressed.value)
        case 1: return .one(named[0].value)
        default: return .several
        }
    }

    private func unknownMessage(_ entries: [String]) -> String {
        let quoted = entries.map { "“\($0)”" }.joined(separator: ", ")
        let subject = entries.count == 1 ? "is no \(noun) called \(quoted)" : "are no \(plural) called \(quoted)"
        return "There \(subject) among those you can choose. Pick from the list of names."
    }

    private func ambiguousMessage(_ entry: String) -> String {
        "More than one \(noun) is called “\(entry)”. Pick the one you mean from the list of names."
    }

    private static func key(_ name: String) -> String { name.trimmingWhitespace().lowercased() }
}

extension AppError {
    /// Runs `write`; its refusal (`validation`) comes back with `messages` (found before it, such as a name that
    /// names nothing) in place of its own for the same fields. The caller passes input the write refuses
    /// whenever `messages` is not empty (`NamedChoices.valuesOrTyped`).
    package static func refining<T>(_ messages: [String: String], _ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch AppError.validation(let errors) {
            throw AppError.validation(errors.merging(messages) { _, found in found })
        }
    }
}

extension FieldSet {
    /// A text field that suggests the choices by name (a `<datalist>`, which needs no script; without one the
    /// person types the name). A stored or linked value (a slug, a number, or several separated by commas) is
    /// shown as its name; refused input is shown as typed.
    package func named(
        _ name: String,
        label: String,
        choices: NamedChoices,
        required: Bool = false,
        hint: String? = nil
    ) -> HTML {
        var shownValues = values
        if values.has(name) && errors[name] == nil {
            let parts = values.raw(name).split(separator: ",", omittingEmptySubsequences: false)
                .map { choices.display(String($0).trimmingWhitespace()) }
            shownValues.set(name, parts.joined(separator: ", "))
        }
        let listID = "\(name)-choices"
        let options = choices.choices.map { choice -> HTML in "<option value=\"\(choices.shown(choice))\"></option>" }
        let field = FieldSet(values: shownValues, errors: errors).text(
            name,
            label: label,
            required: required,
            hint: hint,
            autocomplete: "off",
            extra: HTML(raw: " list=\"\(listID)\"")
        )
        return "\(field)<datalist id=\"\(listID)\">\(options)</datalist>"
    }

    /// A select of the choices by name (for the few a person picks among), with a first empty option `none`.
    package func select(_ name: String, label: String, choices: NamedChoices, none: String? = nil) -> HTML {
        let empty = none.map { [(value: "", label: $0)] } ?? []
        return select(name, label: label, options: empty + choices.choices.map { ($0.value, choices.shown($0)) })
    }
}
