import Foundation
import FreshgroundWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import _CryptoExtras

@testable import Federation

/// Another fediverse server for the tests: a real HTTP server on a loopback port that serves actor documents
/// (`/users/NAME`, each with its own key) and records what is posted to its inboxes.
final class RemotePeer: Sendable {
    struct Received: Sendable {
        let path: String
        let headers: [String: String]
        let body: Data
        var activity: JSONValue { (try? JSONValue(parsing: body)) ?? .null }
    }

    let port: Int
    let key: _RSA.Signing.PrivateKey
    private let inbox = Mutex<[Received]>([])
    /// Whether `/stuck/inbox` answers yet: it holds every request until `release()`, as a server that hangs.
    private let released = Mutex(false)

    init(port: Int, key: _RSA.Signing.PrivateKey) {
        self.port = port
        self.key = key
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var host: String { "127.0.0.1:\(port)" }
    func actor(_ name: String) -> String { "\(base)/users/\(name)" }
    func keyID(_ name: String) -> String { actor(name) + "#main-key" }
    var received: [Received] { inbox.withLock { $0 } }
    func release() { released.withLock { $0 = true } }
    var isReleased: Bool { released.withLock { $0 } }

    func record(_ item: Received) { inbox.withLock { $0.append(item) } }

    /// Waits until `count` activities have arrived (the app also sends in the background), at most 10 seconds.
    func waitFor(_ count: Int) async throws -> [Received] {
        for _ in 0..<200 {
            let now = received
            if now.count >= count { return now }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the peer got \(received.count) activities, not \(count)")
    }

    /// Waits until an activity that `match`es has arrived, at most 10 seconds; `what` names it in the failure.
    func waitFor(_ what: String, _ match: (Received) -> Bool) async throws -> Received {
        for _ in 0..<200 {
            if let found = received.first(where: match) { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the peer got no \(what) among \(received.map { $0.activity["type"]?.string ?? "?" })")
    }

    /// The actor document of `name`: a `Group` when the name starts with "group", else a `Person`.
    func document(_ name: String) -> JSONValue {
        .object([
            "@context": .array(["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"]),
            "id": .string(actor(name)), "type": name.hasPrefix("group") ? "Group" : "Person",
            "preferredUsername": .string(name), "name": .string("Peer \(name)"),
            "inbox": .string(actor(name) + "/inbox"),
            "endpoints": .object(["sharedInbox": .string(base + "/inbox")]),
            "publicKey": .object([
                "id": .string(keyID(name)), "owner": .string(actor(name)),
                "publicKeyPem": .string(key.publicKey.pemRepresentation),
            ]),
        ])
    }

    /// Starts a peer, runs `body` with it, and stops it.
    static func with<T: Sendable>(_ body: @Sendable (RemotePeer) async throws -> T) async throws -> T {
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: HTTPSignatureTests.privatePEM)
        let holder = Mutex<RemotePeer?>(nil)
        let router = Router()
        router.get("/users/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let peer = holder.withLock({ $0 }) else { throw HTTPError(.serviceUnavailable) }
            var headers = HTTPFields()
            headers[.contentType] = "application/activity+json"
            return Response(
                status: .ok,
                headers: headers,
                body: .init(byteBuffer: ByteBuffer(data: try peer.document(name).serialized()))
            )
        }
        router.get("/moved") { _, _ -> Response in
            Response(status: .found, headers: [.location: "http://169.254.169.254/latest/meta-data/"])
        }
        for path in ["/inbox", "/users/:name/inbox", "/stuck/inbox"] {
            router.post(RouterPath(path)) { request, _ -> HTTPResponse.Status in
                if request.uri.path == "/stuck/inbox" {
                    for _ in 0..<400 where holder.withLock({ $0 })?.isReleased != true {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                let body = try await request.body.collect(upTo: 2 << 20)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                if let authority = request.head.authority { headers["host"] = authority }
                holder.withLock { $0 }?.record(
                    Received(path: request.head.path ?? "", headers: headers, body: Data(buffer: body))
                )
                return .accepted
            }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        )
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw TestFailure("the peer did not start") }
        let peer = RemotePeer(port: port, key: key)
        holder.withLock { $0 = peer }
        return try await body(peer)
    }

    /// Posts `activity` to the app's `path` as a remote server would: signed by `signer` (this peer's actor
    /// `name` by default), dated by `date`, with a body of `body` when given in place of the activity's text.
    func post(
        _ activity: JSONValue,
        to path: String,
        in app: TestApp,
        as name: String = "alice",
        date: Date,
        body: Data? = nil,
        signer: Signer? = nil,
        headers extra: [String: String] = [:],
        signed: Bool = true
    ) async throws -> HTTPResponse.Status {
        let body = try body ?? activity.serialized()
        var headers = [
            "host": "127.0.0.1:8080", "date": HTTPSignatures.httpDate(date),
            "digest": HTTPSignatures.digest(of: body),
        ]
        for (name, value) in extra { headers[name] = value }
        var fields: HTTPFields = [.contentType: "application/activity+json"]
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        if signed {
            let signer = signer ?? Signer(keyID: keyID(name), key: key)
            fields[HTTPField.Name("Signature")!] = try HTTPSignatures.signature(
                method: "POST",
                target: path,
                headers: headers,
                keyID: signer.keyID,
                key: signer.key
            )
        }
        let response = try await app.client.execute(
            uri: path,
            method: .post,
            headers: fields,
            body: ByteBuffer(data: body)
        )
        return response.status
    }
}
