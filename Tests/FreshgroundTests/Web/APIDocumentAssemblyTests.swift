import Foundation
import Freshground
import FreshgroundStore
import FreshgroundWeb
import Hummingbird
import Logging
import OpenAPIKit
import Testing

/// The OpenAPI document is put together at start-up from the web kit's frame and each feature's part. OpenAPIKit
/// reads and validates the result; every API route the router serves is documented and every documented
/// operation is served, and each feature's part documents exactly the routes that feature registers.
@Suite("API document assembly")
struct APIDocumentAssemblyTests {
    /// The operations of a document or part, as "METHOD /path/{param}".
    static func operations(_ document: JSONValue?) -> Set<String> {
        var found: Set<String> = []
        for (path, item) in document?["paths"]?.object ?? [:] {
            for method in (item.object ?? [:]).keys where method != "parameters" {
                found.insert("\(method.uppercased()) \(path)")
            }
        }
        return found
    }

    /// The API routes a router serves, as "METHOD /path/{param}".
    static func served(_ router: Router<AppContext>) -> Set<String> {
        Set(
            router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
                .filter { $0.split(separator: " ")[1].hasPrefix("/api/") }
        )
    }

    /// Services for building routers; nothing here touches the database.
    static func services() throws -> AppServices {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-routes-\(UUID()).sqlite").path
        return AppServices(
            store: try Store(url: .sqlite(path: path), logger: Logger(label: "test")),
            clock: { Date() },
            site: SiteSettings(name: "Freshground", url: "http://127.0.0.1:8080"),
            passwordCost: 4
        )
    }

    @Test func openAPIKitReadsAndValidatesTheAssembledDocument() throws {
        // act
        let data = try openAPIDocument.serialized()
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: data)
        // check
        try document.validate()
        #expect(document.paths.count == openAPIDocument["paths"]?.object?.count)
        #expect(document.components.schemas.count > 100)
    }

    @Test func theServedDocumentIsTheAssembledOne() async throws {
        try await withApp { app in
            // act
            var visitor = app.visitor()
            let page = try await visitor.get("/api/v1/openapi.json")
            // check
            #expect(page.status == .ok)
            #expect(try JSONValue(parsing: Data(page.body.utf8)) == openAPIDocument)
        }
    }

    @Test func everyServedRouteIsDocumentedAndEveryDocumentedOneServed() async throws {
        // setup
        let services = try Self.services()
        // act
        let served = Self.served(buildRouter(services: services))
        let documented = Self.operations(openAPIDocument)
        // check
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.count > 100)
        await services.store.shutdown()
    }

    @Test func eachFeatureDocumentsExactlyTheRoutesItRegisters() async throws {
        // setup
        let services = try Self.services()
        for feature in features {
            // act
            let router = Router(context: AppContext.self)
            feature.register(on: router, services: services)
            let served = Self.served(router)
            let documented = Self.operations(feature.openAPI)
            // check
            let name = String(describing: type(of: feature))
            #expect(served == documented, "\(name): \(served.symmetricDifference(documented).sorted())")
            // A feature that serves pages or answers documents its API; one that serves nothing yet has none.
            #expect(!documented.isEmpty || served.isEmpty, "\(name) has an API part")
        }
        await services.store.shutdown()
    }

    @Test func partsThatContradictEachOtherAreRefused() throws {
        // setup
        let one = JSONValue.object([
            "components": .object(["schemas": .object(["A": .object(["type": .string("string")])])])
        ])
        let other = JSONValue.object([
            "components": .object(["schemas": .object(["A": .object(["type": .string("integer")])])])
        ])
        // act, check
        #expect(throws: APIDocument.AssemblyError.self) { try APIDocument.assemble(parts: [one, other]) }
        #expect(throws: APIDocument.AssemblyError.self) {
            try APIDocument.assemble(parts: [.object(["info": .object([:])])])
        }
        #expect(
            try APIDocument.assemble(parts: [one, one])["components"]?["schemas"]?["A"]
                == one["components"]?["schemas"]?["A"]
        )
    }
}
