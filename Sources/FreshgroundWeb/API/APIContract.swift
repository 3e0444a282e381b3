import Foundation

/// The API as its OpenAPI document describes it: the paths, the methods each answers and what their path and
/// query parameters may be. `APIContractMiddleware` holds every `/api/` request to it, so the server refuses
/// exactly what the document calls invalid, in one place for every operation.
package struct APIContract: Sendable {
    /// Where a parameter is read from.
    package enum Location: String, Sendable {
        case path, query
    }

    package struct Parameter: Sendable {
        package let name: String
        package let location: Location
        package let required: Bool
        package let schema: JSONValue
    }

    /// A JSON request body.
    package struct Body: Sendable {
        package let schema: JSONValue
        package let required: Bool
    }

    /// One documented path and the operations on it, by upper-case method.
    package struct Path: Sendable {
        package let template: String
        package let operations: [String: [Parameter]]
        /// The JSON bodies the operations take, by upper-case method.
        package let bodies: [String: Body]
        let segments: [Segment]

        /// The methods for an `Allow` header, in a fixed order.
        package var allowed: [String] {
            let order = ["GET", "PUT", "POST", "PATCH", "DELETE"]
            return operations.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
        }
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter
    }

    /// The documented paths by template, such as `/api/v1/events/{id}`.
    package let paths: [String: Path]
    /// The same, those with more fixed segments first, so `/weeks/from-list` wins over `/weeks/{week}`.
    private let matchOrder: [Path]
    let document: JSONValue

    package init(document: JSONValue) {
        self.document = document
        var paths: [String: Path] = [:]
        for (template, item) in document["paths"]?.object ?? [:] {
            let shared = item["parameters"]?.array ?? []
            var operations: [String: [Parameter]] = [:]
            var bodies: [String: Body] = [:]
            for (method, operation) in item.object ?? [:] where Self.methods.contains(method) {
                var byKey: [String: Parameter] = [:]
                for raw in shared + (operation["parameters"]?.array ?? []) {
                    guard let parameter = Self.parameter(raw, in: document) else { continue }
                    byKey["\(parameter.location.rawValue) \(parameter.name)"] = parameter
                }
                operations[method.uppercased()] = byKey.values.sorted { $0.name < $1.name }
                if let body = operation["requestBody"].map({ Self.resolve($0, in: document) }),
                    let schema = body["content"]?["application/json"]?["schema"]
                {
                    bodies[method.uppercased()] = Body(schema: schema, required: body["required"]?.bool ?? false)
                }
            }
            let segments = template.split(separator: "/").map { part -> Segment in
                part.hasPrefix("{") && part.hasSuffix("}") ? .parameter : .literal(String(part))
            }
            paths[template] = Path(template: template, operations: operations, bodies: bodies, segments: segments)
        }
        self.paths = paths
        self.matchOrder = paths.values.sorted {
            let fixed = { (path: Path) in path.segments.filter { $0 != .parameter }.count }
            return (fixed($0), $0.template) > (fixed($1), $1.template)
        }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]

    private static func parameter(_ raw: JSONValue, in document: JSONValue) -> Parameter? {
        let value = resolve(raw, in: document)
        guard let name = value["name"]?.string,
            let location = value["in"]?.string.flatMap(Location.init(rawValue:))
        else { return nil }
        return Parameter(
            name: name,
            location: location,
            required: value["required"]?.bool ?? (location == .path),
            schema: resolve(value["schema"] ?? .object([:]), in: document)
        )
    }

    /// Follows a local `$ref` (`#/components/...`), once or more.
    static func resolve(_ value: JSONValue, in document: JSONValue) -> JSONValue {
        var value = value
        var hops = 0
        while let reference = value["$ref"]?.string, reference.hasPrefix("#/"), hops < 16 {
            var target: JSONValue? = document
            for key in reference.dropFirst(2).split(separator: "/") {
                target =
                    target?[key.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
            }
            guard let target else { break }
            value = target
            hops += 1
        }
        return value
    }

    /// The documented path an address falls under, if any.
    package func path(matching address: String) -> Path? {
        let parts = address.split(separator: "/", omittingEmptySubsequences: true)
        return matchOrder.first { path in
            path.segments.count == parts.count
                && zip(path.segments, parts).allSatisfy { segment, part in
                    switch segment {
                    case .parameter: true
                    case .literal(let text): text == part
                    }
                }
        }
    }

    /// Why a JSON body does not fit its schema; nil when it fits.
    func problem(with value: JSONValue, for body: Body) -> SchemaCheck.Problem? {
        SchemaCheck(document: document).problem(value, body.schema)
    }

    /// Why a parameter's text does not fit its schema, in words for the person who sent it; nil when it fits.
    package func problem(with text: String, for parameter: Parameter) -> String? {
        Self.problem(with: text, schema: parameter.schema, in: document)
    }

    static func problem(with text: String, schema: JSONValue, in document: JSONValue) -> String? {
        let schema = resolve(schema, in: document)
        if let choices = schema["enum"]?.array {
            let allowed = choices.compactMap { choice -> String? in
                switch choice {
                case .string(let value): value
                case .int(let value): String(value)
                case .bool(let value): String(value)
                default: nil
                }
            }
            return allowed.contains(text) ? nil : "Choose one of: \(allowed.joined(separator: ", "))."
        }
        switch schema["type"]?.string ?? "string" {
        case "integer":
            let digits = text.first == "-" ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                return wholeNumber(schema)
            }
            if let minimum = schema["minimum"]?.number, Double(value) < minimum { return wholeNumber(schema) }
            if let maximum = schema["maximum"]?.number, Double(value) > maximum { return wholeNumber(schema) }
            return nil
        case "number":
            guard let value = Double(text), value.isFinite else { return "Give a number." }
            if let minimum = schema["minimum"]?.number, value < minimum {
                return "Give a number of at least \(minimum)."
            }
            if let maximum = schema["maximum"]?.number, value > maximum {
                return "Give a number of at most \(maximum)."
            }
            return nil
        case "boolean":
            return text == "true" || text == "false" ? nil : "Give true or false."
        default:
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"]?.int, length < minimum {
                return minimum == 1 ? "This cannot be empty." : "Give at least \(minimum) characters."
            }
            if let maximum = schema["maxLength"]?.int, length > maximum { return "Give at most \(maximum) characters." }
            if let pattern = schema["pattern"]?.string, text.range(of: pattern, options: .regularExpression) == nil {
                return "This does not have the expected form."
            }
            switch schema["format"]?.string {
            case "date": return isDate(text) ? nil : "Give the date as YYYY-MM-DD."
            case "date-time":
                return (try? Date.ISO8601FormatStyle().parse(text)) != nil
                    ? nil : "Give the time as an ISO 8601 date and time, such as 2026-05-01T18:00:00Z."
            default: return nil
            }
        }
    }

    private static func wholeNumber(_ schema: JSONValue) -> String {
        switch (schema["minimum"]?.int, schema["maximum"]?.int) {
        case (let low?, let high?): "Give a whole number from \(low) to \(high)."
        case (let low?, nil): "Give a whole number of at least \(low)."
        case (nil, let high?): "Give a whole number of at most \(high)."
        case (nil, nil): "Give a whole number."
        }
    }

    /// YYYY-MM-DD naming a day that exists.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts[0].count == 4, (1...12).contains(month), day >= 1
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
