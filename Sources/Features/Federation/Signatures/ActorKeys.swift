import Foundation
import FreshgroundStore
import FreshgroundWeb
import SQLKit
import _CryptoExtras

/// The RSA keys of this server's actors, one per actor (`group:12`, `instance`), made the first time one is
/// needed and kept. Two requests that race to make the same key both end up with the one that was stored first.
package struct ActorKeys: Sendable {
    let sql: any SQLDatabase
    let clock: @Sendable () -> Date

    package init(services: AppServices) {
        self.sql = services.store.sql
        self.clock = services.clock
    }

    /// The actor's key pair as PEM text, made and stored when it has none yet.
    package func pem(of owner: String) async throws -> (privatePEM: String, publicPEM: String) {
        if let row = try await stored(owner) { return row }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        try await sql.raw(
            """
            INSERT INTO federation_keys (owner, private_pem, public_pem, created_at)
            VALUES (\(bind: owner), \(bind: key.pemRepresentation), \(bind: key.publicKey.pemRepresentation), \(bind: clock()))
            ON CONFLICT (owner) DO NOTHING
            """
        ).run()
        guard let row = try await stored(owner) else { throw AppError.notFound }
        return row
    }

    /// The actor's public key as PEM text, for its actor document.
    package func publicPEM(of owner: String) async throws -> String { try await pem(of: owner).publicPEM }

    /// The actor's private key, to sign with.
    package func signingKey(of owner: String) async throws -> _RSA.Signing.PrivateKey {
        try _RSA.Signing.PrivateKey(pemRepresentation: try await pem(of: owner).privatePEM)
    }

    private func stored(_ owner: String) async throws -> (privatePEM: String, publicPEM: String)? {
        guard
            let row = try await sql.select().columns("private_pem", "public_pem").from("federation_keys")
                .where("owner", .equal, owner).row(KeyRow.self)
        else { return nil }
        return (row.privatePem, row.publicPem)
    }

    private struct KeyRow: Decodable {
        let privatePem: String
        let publicPem: String
    }
}
