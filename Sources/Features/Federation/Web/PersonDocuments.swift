import Foundation
import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import Library
import SQLKit

/// The authors of what groups publish, as actors other servers can show: the account behind a public plain post
/// (`/ap/people/ID`), and each byline of a published piece (`/ap/bylines/ID`), a pseudonym included, which is an
/// actor of its own and never leads to the account. An actor exists only while the person has something public
/// that names them, so the addresses cannot be walked to find who has an account or who writes under a pen name.
struct PersonDocuments {
    let federation: Federator

    func register(on router: Router<AppContext>) {
        router.get(FederationPaths.person) { _, context in
            let id = try Self.id(context)
            guard federation.enabled,
                let person = try await federation.sql.raw(
                    """
                    SELECT a.handle, a.display_name FROM people a WHERE a.id = \(bind: id) AND EXISTS (
                      SELECT 1 FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.author_id = a.id
                      AND p.kind = 'post' AND p.status = 'published' AND g.visibility = 'public' AND g.origin IS NULL)
                    """
                ).row(PersonRow.self)
            else { throw AppError.notFound }
            return try await actor(
                owner: "person:\(id)",
                id: federation.links.base + FederationPaths.person(id),
                username: person.handle,
                name: person.displayName.isEmpty ? person.handle : person.displayName
            )
        }
        router.get(FederationPaths.byline) { _, context in
            let id = try Self.id(context)
            let kinds = PublicationKind.allCases.map { SQLQueryString("\(bind: $0.rawValue)") }
            guard federation.enabled,
                let name = try await federation.sql.raw(
                    """
                    SELECT a.name FROM post_authors a JOIN posts p ON p.id = a.post_id JOIN groups g ON g.id = p.group_id
                    WHERE a.id = \(bind: id) AND p.status = 'published' AND g.visibility = 'public'
                    AND g.origin IS NULL AND p.kind IN (\(kinds.joined(separator: ", ")))
                    """
                ).value("name", as: String.self)
            else { throw AppError.notFound }
            return try await actor(
                owner: "byline:\(id)",
                id: federation.links.base + FederationPaths.byline(id),
                username: "byline-\(id)",
                name: name
            )
        }
    }

    private func actor(owner: String, id: String, username: String, name: String) async throws -> Response {
        let pem = try await federation.keys.publicPEM(of: owner)
        return try FederationRoutes.json(
            Documents.person(id: id, username: username, name: name, links: federation.links, publicPEM: pem)
        )
    }

    private static func id(_ context: AppContext) throws -> Int {
        guard let id = Int(try context.parameters.require("id")) else { throw AppError.notFound }
        return id
    }
}

private struct PersonRow: Decodable {
    let handle: String
    let displayName: String
}
