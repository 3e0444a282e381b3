import Foundation
import FreshgroundStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A response reduced to what tests look at.
struct Page {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var location: String? { headers[.location] }

    func contains(_ text: String) -> Bool { body.contains(text) }

    /// The body without the CSRF tokens of its forms: random text in which a short name ("bob") can turn up by
    /// chance, for checks that a name is absent.
    var withoutTokens: String {
        body.replacing(#/name="_csrf" value="[^"]*"/#, with: #"name="_csrf" value="""#)
    }

    /// The JSON body, decoded loosely.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
}

/// One person's browser: a cookie jar over the in-process client, with form posts that carry the CSRF token.
struct Visitor {
    static let password = "correct horse battery"
    let client: any TestClientProtocol
    /// The app's database, for `signUp(_:email:)` to attach the address.
    let store: Store?
    var cookies: [String: String] = [:]
    var handle = ""

    init(client: any TestClientProtocol, store: Store? = nil) {
        self.client = client
        self.store = store
    }

    var csrf: String { cookies["fg_csrf"] ?? "" }

    /// The address this visitor's requests come from, sent as `X-Forwarded-For` (the test app trusts its client
    /// as a proxy); nil sends none.
    var forwardedFor: String?

    @discardableResult
    mutating func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts a form the way a browser does, adding `_csrf` unless `csrf` is false.
    @discardableResult
    mutating func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true) async throws -> Page {
        if cookies["fg_csrf"] == nil { try await get("/login") }
        var all = fields
        if csrf { all.append(("_csrf", self.csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(
            path,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        )
    }

    /// Posts raw bytes as a form body (for hostile input).
    @discardableResult
    mutating func postRaw(_ path: String, bytes: [UInt8]) async throws -> Page {
        if cookies["fg_csrf"] == nil { try await get("/login") }
        return try await send(
            path,
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(bytes: bytes)
        )
    }

    /// Calls the JSON API with the session cookie (and the CSRF header for writes).
    @discardableResult
    mutating func api(
        _ method: HTTPRequest.Method,
        _ path: String,
        json: String? = nil,
        bearer: String? = nil
    )
        async throws -> Page
    {
        var headers: HTTPFields = [.accept: "application/json"]
        if json != nil { headers[.contentType] = "application/json" }
        if let bearer {
            headers[.authorization] = "Bearer \(bearer)"
            let response = try await client.execute(
                uri: path,
                method: method,
                headers: headers,
                body: json.map { ByteBuffer(string: $0) }
            )
            return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
        if method != .get {
            if cookies["fg_csrf"] == nil { try await get("/login") }
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
        }
        return try await send(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    mutating func send(
        _ path: String,
        method: HTTPRequest.Method,
        headers: HTTPFields,
        body: ByteBuffer?
    ) async throws
        -> Page
    {
        var headers = headers
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; "
            )
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    /// Signs up with `handle` and stays logged in. An `email` is then set on the account directly, standing for
    /// the link sign-up mails to the address (PeopleSignUpPrivacyTests follow the real link), so the only mail
    /// a test finds at the address is the mail it is about.
    mutating func signUp(_ handle: String, displayName: String = "", email: String = "") async throws {
        let page = try await post(
            "/signup",
            [("handle", handle), ("display_name", displayName), ("password", Self.password)]
        )
        guard page.status == .seeOther else {
            throw TestFailure("sign-up of \(handle) failed: \(page.status) \(page.body.prefix(2000))")
        }
        self.handle = handle
        if !email.isEmpty {
            guard let store else { throw TestFailure("sign-up with an email needs a visitor from app.visitor()") }
            try await store.sql.update("people").set("email", to: email.lowercased())
                .where("handle", .equal, handle.lowercased()).run()
        }
    }

    /// Creates a group and returns its slug.
    @discardableResult
    mutating func createGroup(
        _ name: String,
        kind: String = "circle",
        city: String = "Leeds",
        visibility: String = "public",
        join: String = "open",
        membersVisible: Bool = false,
        basis: String = "We stand for solidarity."
    ) async throws -> String {
        var fields = [
            ("name", name), ("kind", kind), ("description", "About \(name)"), ("place_kind", "city"), ("city", city),
            ("visibility", visibility), ("join_policy", join), ("basis", basis),
        ]
        if membersVisible { fields.append(("members_visible_to_members", "on")) }
        let page = try await post("/groups", fields)
        guard page.status == .seeOther, let location = page.location, location.hasPrefix("/groups/") else {
            throw TestFailure("could not create \(name): \(page.status) \(page.body.prefix(3000))")
        }
        return String(location.dropFirst("/groups/".count))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
