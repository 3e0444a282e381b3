import Foundation
import Hummingbird

/// The stylesheet, read once at start-up from the bundle, and the OpenAPI document the features put together.
package enum Assets {
    package static let stylesheet: ByteBuffer = load("site", "css")

    private static func load(_ name: String, _ ext: String) -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Assets"),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer() }
        return ByteBuffer(bytes: data)
    }

    /// Serves the stylesheet, and `document` (from `APIDocument.assemble`) at `/api/v1/openapi.json`.
    package static func register(on router: Router<AppContext>, openAPI document: JSONValue) {
        let openAPI = ByteBuffer(bytes: (try? document.serialized()) ?? Data("{}".utf8))
        router.get("/assets/site.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet)
            )
        }
        router.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: openAPI)
            )
        }
    }
}
