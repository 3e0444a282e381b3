import Foundation

/// Checks a JSON value against a schema of the OpenAPI document (the JSON Schema keywords the document uses).
/// A value of the wrong shape (not the type asked for, a required property missing, a property no schema
/// allows) is a `shape` problem: the request cannot be read. A value of the right shape outside what the schema
/// allows (an unknown enum value, a number out of range, text too long or short, too many items) is a `value`
/// problem, reported for the top-level property it is in. Formats are left to the handlers, which read them.
struct SchemaCheck {
    enum Kind: Equatable { case shape, value }

    struct Problem: Equatable {
        let kind: Kind
        /// Where, as property names and indexes from the top, such as `["agenda", "0", "title"]`.
        let path: [String]
        let message: String
    }

    let document: JSONValue

    func problem(_ value: JSONValue, _ schema: JSONValue, at path: [String] = []) -> Problem? {
        let schema = APIContract.resolve(schema, in: document)
        guard let keywords = schema.object else { return nil }
        for part in keywords["allOf"]?.array ?? [] {
            if let found = problem(value, part, at: path) { return found }
        }
        for (keyword, exactlyOne) in [("anyOf", false), ("oneOf", true)] {
            guard let options = keywords[keyword]?.array else { continue }
            let found = options.map { problem(value, $0, at: path) }
            let fitting = found.filter { $0 == nil }.count
            if fitting == 0 || (exactlyOne && fitting > 1) {
                return found.compactMap(\.self).min { $0.kind == .value && $1.kind == .shape }
                    ?? Problem(kind: .shape, path: path, message: "This fits more than one of the allowed forms.")
            }
        }
        if let types = typeNames(keywords["type"]), !types.contains(where: { fits(value, $0) }) {
            return Problem(kind: .shape, path: path, message: "Give \(types.map(describe).joined(separator: " or ")).")
        }
        if let choices = keywords["enum"]?.array, !choices.contains(where: { same($0, value) }) {
            let named = choices.map { $0.string ?? ($0 == .null ? "null" : "\($0)") }
            return Problem(kind: .value, path: path, message: "Choose one of: \(named.joined(separator: ", ")).")
        }
        if let constant = keywords["const"], !same(constant, value) {
            return Problem(kind: .value, path: path, message: "Give \(constant.string ?? "the one allowed value").")
        }
        switch value {
        case .object(let fields):
            return objectProblem(fields, keywords, at: path)
        case .array(let items):
            if let minimum = keywords["minItems"]?.int, items.count < minimum {
                return Problem(kind: .value, path: path, message: "Give at least \(minimum) of these.")
            }
            if let maximum = keywords["maxItems"]?.int, items.count > maximum {
                return Problem(kind: .value, path: path, message: "Give at most \(maximum) of these.")
            }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    if let found = problem(item, itemSchema, at: path + [String(index)]) { return found }
                }
            }
        case .int, .double:
            let number = value.number ?? 0
            if let minimum = keywords["minimum"]?.number, number < minimum {
                return Problem(kind: .value, path: path, message: "Give a number of at least \(format(minimum)).")
            }
            if let maximum = keywords["maximum"]?.number, number > maximum {
                return Problem(kind: .value, path: path, message: "Give a number of at most \(format(maximum)).")
            }
            if let minimum = keywords["exclusiveMinimum"]?.number, number <= minimum {
                return Problem(kind: .value, path: path, message: "Give a number above \(format(minimum)).")
            }
            if let maximum = keywords["exclusiveMaximum"]?.number, number >= maximum {
                return Problem(kind: .value, path: path, message: "Give a number below \(format(maximum)).")
            }
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minimum = keywords["minLength"]?.int, length < minimum {
                let message = minimum == 1 ? "This cannot be empty." : "Give at least \(minimum) characters."
                return Problem(kind: .value, path: path, message: message)
            }
            if let maximum = keywords["maxLength"]?.int, length > maximum {
                return Problem(kind: .value, path: path, message: "Keep this under \(maximum.formatted()) characters.")
            }
            if let pattern = keywords["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                return Problem(kind: .value, path: path, message: "This does not have the expected form.")
            }
        case .null, .bool:
            break
        }
        return nil
    }

    private func objectProblem(
        _ fields: [String: JSONValue],
        _ keywords: [String: JSONValue],
        at path: [String]
    )
        -> Problem?
    {
        for name in (keywords["required"]?.array ?? []).compactMap(\.string).sorted() where fields[name] == nil {
            return Problem(kind: .shape, path: path + [name], message: "This is required.")
        }
        let properties = keywords["properties"]?.object ?? [:]
        for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
            if let schema = properties[name] {
                if let found = problem(field, schema, at: path + [name]) { return found }
            } else if let extra = keywords["additionalProperties"] {
                if extra == .bool(false) {
                    return Problem(kind: .shape, path: path + [name], message: "This is not a field here.")
                }
                if let found = problem(field, extra, at: path + [name]) { return found }
            }
        }
        return nil
    }

    private func typeNames(_ type: JSONValue?) -> [String]? {
        switch type {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.string)
        default: nil
        }
    }

    private func fits(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("number", .int), ("number", .double), ("integer", .int): true
        case ("integer", .double(let number)): number.rounded() == number && abs(number) < 9.2e18
        default: false
        }
    }

    private func describe(_ type: String) -> String {
        switch type {
        case "null": "null"
        case "boolean": "true or false"
        case "string": "text"
        case "array": "a list"
        case "object": "an object"
        case "integer": "a whole number"
        default: "a number"
        }
    }

    /// JSON equality, with 2 and 2.0 the same number.
    private func same(_ one: JSONValue, _ other: JSONValue) -> Bool {
        if let first = one.number, let second = other.number { return first == second }
        return one == other
    }

    private func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e18 ? String(Int(number)) : String(number)
    }
}
