import AsyncHTTPClient
import Foundation
import FreshgroundWeb
import NIOCore
import NIOHTTP1
import _CryptoExtras

/// Who signs a request: a local actor's key id and key.
package struct Signer: Sendable {
    package let keyID: String
    package let key: _RSA.Signing.PrivateKey

    package init(keyID: String, key: _RSA.Signing.PrivateKey) {
        self.keyID = keyID
        self.key = key
    }
}

/// This server's requests to other servers: signed GETs of ActivityPub documents and signed POSTs to inboxes.
/// Every address, and every address a redirect leads to, passes `AddressGuard` first; answers are capped at
/// `maxBody` and must be JSON; each request has a deadline.
package struct RemoteHTTP: Sendable {
    /// The most a remote document or answer may hold.
    package static let maxBody = 1 << 20
    static let maxRedirects = 3
    static let deadline = TimeAmount.seconds(15)

    /// Redirects are followed here, not by the client, so each hop is checked.
    static let client = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(10)),
            decompression: .disabled
        )
    )

    let allowLoopback: Bool
    let clock: @Sendable () -> Date

    package init(allowLoopback: Bool, clock: @escaping @Sendable () -> Date) {
        self.allowLoopback = allowLoopback
        self.clock = clock
    }

    /// Fetches an ActivityPub document, signed by `signer` (servers in authorized-fetch mode refuse unsigned
    /// fetches).
    package func fetchDocument(_ address: String, signer: Signer?) async throws -> JSONValue {
        var next = address
        for _ in 0...Self.maxRedirects {
            let url = try await AddressGuard.check(next, allowLoopback: allowLoopback)
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "Accept", value: "application/activity+json, application/ld+json")
            if let signer { try sign(&request, url: url, body: nil, signer: signer) }
            let response = try await Self.client.execute(request, timeout: Self.deadline)
            if (300..<400).contains(response.status.code), let location = response.headers.first(name: "location") {
                guard let resolved = URL(string: location, relativeTo: url)?.absoluteString else { break }
                next = resolved
                continue
            }
            guard response.status == .ok else { throw RemoteError.status(Int(response.status.code)) }
            let type = response.headers.first(name: "content-type")?.lowercased() ?? ""
            guard type.contains("json") else { throw RemoteError.notJSON }
            let body = try await response.body.collect(upTo: Self.maxBody)
            return try JSONValue(parsing: Data(buffer: body))
        }
        throw RemoteError.tooManyRedirects
    }

    /// Posts an activity to an inbox, signed by `signer`; returns the status. Redirects are not followed.
    package func post(_ body: Data, to inbox: String, signer: Signer) async throws -> Int {
        let url = try await AddressGuard.check(inbox, allowLoopback: allowLoopback)
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: Documents.contentType)
        request.headers.add(name: "Accept", value: Documents.contentType)
        try sign(&request, url: url, body: body, signer: signer)
        request.body = .bytes(ByteBuffer(data: body))
        let response = try await Self.client.execute(request, timeout: Self.deadline)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return Int(response.status.code)
    }

    /// Adds `Host`, `Date`, `Digest` (with a body) and the `Signature` over them.
    private func sign(_ request: inout HTTPClientRequest, url: URL, body: Data?, signer: Signer) throws {
        var headers = [
            "host": Self.hostHeader(url),
            "date": HTTPSignatures.httpDate(clock()),
        ]
        if let body { headers["digest"] = HTTPSignatures.digest(of: body) }
        let signature = try HTTPSignatures.signature(
            method: request.method.rawValue,
            target: Self.target(url),
            headers: headers,
            keyID: signer.keyID,
            key: signer.key
        )
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        request.headers.add(name: "Signature", value: signature)
    }

    /// The `Host` header of a URL: its host, with the port when it is not the scheme's default.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port, port != (url.scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// The path and query, as `(request-target)` signs them.
    static func target(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? "/"
        let query = components?.percentEncodedQuery.map { "?" + $0 } ?? ""
        return (path.isEmpty ? "/" : path) + query
    }
}

package enum RemoteError: Error, Equatable {
    case status(Int)
    case notJSON, tooManyRedirects
}
