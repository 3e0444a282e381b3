import Foundation

/// The API's OpenAPI document, put together at start-up. The web kit's `Assets/openapi.json` is the frame (the
/// version, the introduction, security, problems and paging, and `/api/v1/openapi.json` itself); each feature
/// adds its own part, `API/openapi.json` in its folder, with the paths it serves, the components it defines and
/// its tags. A part may refer to components of the parts it is built on (Study to Events' `eventID`), as its
/// code may use theirs.
package enum APIDocument {
    /// Why parts do not fit together.
    package struct AssemblyError: Error, CustomStringConvertible {
        package let description: String
    }

    /// The frame, from the web kit's resources.
    package static let frame: JSONValue = part(in: .module, subdirectory: "Assets")

    /// Reads `openapi.json` from a target's resources. A part that is missing or not JSON is a fault of the
    /// build, so it stops the program at start-up with the reason.
    package static func part(in bundle: Bundle, subdirectory: String? = nil) -> JSONValue {
        guard let url = bundle.url(forResource: "openapi", withExtension: "json", subdirectory: subdirectory) else {
            fatalError("openapi.json is not among the resources of \(bundle.bundlePath).")
        }
        do {
            return try JSONValue(parsing: Data(contentsOf: url))
        } catch {
            fatalError("The API document part \(url.path) cannot be read: \(error)")
        }
    }

    /// The frame with every part's paths, components and tags added, in order. A path, component or tag given
    /// twice with different content is an error, never silently replaced.
    package static func assemble(frame: JSONValue = frame, parts: [JSONValue]) throws -> JSONValue {
        guard var document = frame.object else { throw AssemblyError(description: "The frame is not an object.") }
        var paths = document["paths"]?.object ?? [:]
        var components = document["components"]?.object ?? [:]
        var tags = document["tags"]?.array ?? []
        for part in parts {
            guard let fields = part.object else { throw AssemblyError(description: "A part is not an object.") }
            if let unknown = Set(fields.keys).subtracting(["paths", "components", "tags"]).sorted().first {
                throw AssemblyError(description: "A part may add paths, components and tags, not \(unknown).")
            }
            try merge(part["paths"]?.object ?? [:], into: &paths, what: "path")
            for (kind, entries) in part["components"]?.object ?? [:] {
                var existing = components[kind]?.object ?? [:]
                try merge(entries.object ?? [:], into: &existing, what: "component \(kind)")
                components[kind] = .object(existing)
            }
            for tag in part["tags"]?.array ?? [] {
                if let same = tags.first(where: { $0["name"] == tag["name"] }) {
                    guard same == tag else {
                        throw AssemblyError(description: "The tag \(tag["name"]?.string ?? "?") is given twice.")
                    }
                } else {
                    tags.append(tag)
                }
            }
        }
        document["paths"] = .object(paths.mapValues(withSharedAnswers))
        document["components"] = .object(components)
        document["tags"] = .array(tags)
        return .object(document)
    }

    /// Answers every operation may give though its part does not say so, each added unless the part gives that
    /// status already: any operation called with the session of a person who must first set up two-factor sign-in
    /// is refused (`TwoFactorGate`), with the frame's `Forbidden`; every write may be refused for a while by a
    /// rate limit (`RateLimit`), with the frame's `RateLimited`.
    private static func withSharedAnswers(_ item: JSONValue) -> JSONValue {
        guard var methods = item.object else { return item }
        for method in ["get", "post", "put", "patch", "delete"] {
            guard var operation = methods[method]?.object, var responses = operation["responses"]?.object else {
                continue
            }
            var shared = ["403": "Forbidden"]
            if method != "get" { shared["429"] = "RateLimited" }
            for (status, name) in shared where responses[status] == nil {
                responses[status] = .object(["$ref": .string("#/components/responses/\(name)")])
            }
            operation["responses"] = .object(responses)
            methods[method] = .object(operation)
        }
        return .object(methods)
    }

    private static func merge(
        _ entries: [String: JSONValue],
        into target: inout [String: JSONValue],
        what: String
    ) throws {
        for (key, value) in entries {
            if let existing = target[key], existing != value {
                throw AssemblyError(description: "The \(what) \(key) is given twice, differently.")
            }
            target[key] = value
        }
    }
}
